/**
 * The review console in the browser: one static page (/console/) with three views picked by the URL hash —
 * `#/` the queue, `#/applications/<ref>` one application, `#/stats` the figures — so the in-memory session survives
 * moving between them. Everything is built with textContent (never innerHTML): application fields are merchant input.
 */
import type { ApplicationStats } from '#functions/use-cases/application-stats.ts';
import type { HistoryEntry, QueueItem, QueuePage, ToCallPage } from '#functions/use-cases/console-queue.ts';
import { callOutcomes, outcomesWithNextCall, type CallOutcome } from '#domain/leads.ts';
import { firstCallPromisePeriod } from '#domain/call-promise.ts';
import { workableStatuses, type ApplicationStatus } from '#domain/application-status.ts';
import {
  actionLabels,
  activityLabels,
  callOutcomeLabels,
  closingReasonText,
  noteText,
  brandShortLabels,
  callWindowShortLabels,
  chinaTime,
  maskedPhoneText,
  merchantTypeShortLabels,
  reviewFlagsText,
  screeningRejectionLabels,
  softSignalLabels,
  statusChangeCodeLabel,
  statusLabel,
} from '#functions/presentation/labels-zh.ts';
import type { ConsoleAnswers, ConsoleRouteKey } from '#functions/http/console-contract.ts';
import type { ApplicationDetail } from '#functions/use-cases/console-queue.ts';
import { consoleRequest, type ConsoleAnswer, type ConsoleRequestArguments } from './console-api.ts';
import { h, type Child } from './dom.ts';
import { renderQuoteSection } from './quote-form.ts';
import { completeSignIn, ConsoleConfigError, currentUser, signIn, signOut, userManager } from './session.ts';
import { chinaDay, MINUTE_MS } from '#domain/time.ts';

const brandLabel = (brand: string) => (brandShortLabels as Record<string, string>)[brand] ?? brand;

const view = document.querySelector<HTMLElement>('#console-view')!;
const userBox = document.querySelector<HTMLElement>('#console-user')!;
const nav = document.querySelector<HTMLElement>('#console-nav')!;
const notice = document.querySelector<HTMLElement>('#console-notice')!;
let roles: string[] = [];
/** Bumped on every navigation: an answer that arrives after the user moved on must not replace the newer view. */
let navigation = 0;

/** consoleRequest for a view: undefined when the user navigated elsewhere while it was under way. */
async function viewRequest<K extends ConsoleRouteKey>(route: K, ...options: ConsoleRequestArguments<K>): Promise<ConsoleAnswer<ConsoleAnswers[K]> | undefined> {
  const started = navigation;
  const answer = await consoleRequest(route, ...options);
  return started === navigation ? answer : undefined;
}

function say(message: string, kind: 'info' | 'error' = 'info'): void {
  notice.textContent = message;
  notice.dataset.kind = kind;
}

function showSignIn(message: string): void {
  nav.hidden = true;
  userBox.replaceChildren();
  const button = h('button', { type: 'button', class: 'button button-primary' }, '登录');
  button.addEventListener('click', () => void signIn());
  view.replaceChildren(
    h('section', { class: 'console-signin', 'aria-labelledby': 'signin-title' }, h('h2', { id: 'signin-title' }, '请登录'), h('p', {}, message), button),
  );
  document.title = '登录 | 审核控制台';
}

/** Handle the non-ok answers every view handles the same way; true when the view may go on. */
function usable<T>(answer: ConsoleAnswer<T> | undefined): answer is Extract<ConsoleAnswer<T>, { kind: 'ok' }> {
  if (answer === undefined) return false;
  if (answer.kind === 'signed_out') {
    showSignIn('登录已过期或无效，请重新登录。');
    return false;
  }
  if (answer.kind === 'error') {
    say(answer.message, 'error');
    return false;
  }
  return true;
}

/** `最晚 2026-12-10 联系` for a promise (due at the end of a China day), `约 2026-12-10 14:00 回电` for a callback. */
function dueText(dueAt: string, callback: boolean): string {
  if (callback) return `约 ${chinaTime(dueAt)} 回电`;
  return `最晚 ${chinaDay(new Date(Date.parse(dueAt) - MINUTE_MS).toISOString())} 联系`;
}

/** One queue row: reference, when it is due, and enough to pick up the call (masked), nothing that identifies anyone. */
function queueRow(item: QueueItem): HTMLElement {
  const lead = [
    item.status === 'pending_review' &&
      (item.overdue
        ? h('strong', { class: 'console-overdue' }, item.nextCallAt ? '回电时间已到' : '已超时')
        : dueText(item.dueAt, item.nextCallAt !== undefined)),
    item.status === 'pending_review' && `已 ${item.ageWorkingDays} 个工作日`,
    item.owner ? `跟进：${item.owner}` : '未认领',
    item.callAttempts ? `已打 ${item.callAttempts} 次${item.lastCallOutcome ? `（${callOutcomeLabels[item.lastCallOutcome]}）` : ''}` : undefined,
  ].filter((part): part is string | HTMLElement => Boolean(part));
  return h(
    'li',
    { class: item.overdue && item.status === 'pending_review' ? 'console-card console-card-overdue' : 'console-card' },
    h('a', { href: `#/applications/${item.reference}` }, h('strong', {}, item.reference)),
    h('span', {}, ` ${chinaTime(item.createdAt)}`),
    h('br'),
    ...lead.flatMap((part, i) => [i ? '｜' : '', part]),
    h('br'),
    `${brandLabel(item.brand)}｜${item.city}｜${item.maskedName ?? '—'}｜${maskedPhoneText(item.maskedPhone)}`,
    item.callWindow
      ? h('span', { class: 'console-call-window' }, `｜接听：${callWindowShortLabels[item.callWindow]}${item.callableNow ? '（现在方便）' : ''}`)
      : undefined,
    item.flags.length > 0 ? h('small', {}, ` ${reviewFlagsText(item.flags)}`) : undefined,
  );
}

/** "查找来电": a merchant rings back; find them by reference or full phone (sent in the body, never in the URL). */
function searchForm(): HTMLFormElement {
  const input = h('input', {
    id: 'console-search',
    name: 'query',
    type: 'search',
    inputmode: 'text',
    autocomplete: 'off',
    maxlength: '40',
    placeholder: '申请编号或 11 位手机号',
  });
  const form = h(
    'form',
    { class: 'console-filters', role: 'search', 'aria-label': '查找来电' },
    h('label', { for: 'console-search' }, '查找来电 '),
    input,
    h('button', { type: 'submit', class: 'button' }, '查找'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await consoleRequest('POST /api/console/search', { body: { query: input.value } });
    if (!usable(answer)) return;
    input.value = '';
    const found = answer.body.items;
    const results = found.length ? h('ol', { class: 'console-list' }, ...found.map(queueRow)) : h('p', {}, '没有找到申请。');
    view.replaceChildren(
      h('h2', {}, answer.body.by === 'phone' ? `按手机号找到 ${found.length} 份申请` : '按申请编号查找'),
      searchForm(),
      results,
      h('p', {}, h('a', { href: '#/' }, '← 返回待打电话')),
    );
    if (answer.body.by === 'phone') say('这次按手机号查找已记录在找到的申请里');
  });
  return form;
}

const queueLink = (params: URLSearchParams, changes: Record<string, string | undefined>) => {
  const next = new URLSearchParams(params);
  next.delete('page');
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) next.delete(name);
    else next.set(name, value);
  }
  return `#/?${next.toString()}`;
};

function tabList(label: string, tabs: [string, string, boolean][]): HTMLElement {
  return h(
    'ul',
    { class: 'console-tabs', 'aria-label': label },
    ...tabs.map(([href, text, current]) => h('li', {}, h('a', { href, ...(current && { 'aria-current': 'page' }) }, text))),
  );
}

async function renderQueue(params: URLSearchParams): Promise<void> {
  const answer = await viewRequest('GET /api/console/applications', { query: params });
  if (!usable(answer)) return;
  const page = answer.body as ToCallPage;
  const mine = params.get('owner') === 'me';
  const overdueOnly = params.get('overdue') === '1';
  document.title = `${mine ? '我的待打电话' : '待打电话'} | 审核控制台`;
  const views = tabList('待打电话', [
    [queueLink(params, { owner: undefined }), '全部', !mine],
    [queueLink(params, { owner: 'me' }), '我的', mine],
  ]);
  const overdueFilter = tabList('是否超时', [
    [queueLink(params, { overdue: undefined }), `全部 ${page.toCall}${page.atLeast.toCall ? '+' : ''}`, !overdueOnly],
    [queueLink(params, { overdue: '1' }), `只看已超时 ${page.overdue}${page.atLeast.overdue ? '+' : ''}`, overdueOnly],
  ]);
  const list = page.items.length ? h('ol', { class: 'console-list' }, ...page.items.map(queueRow)) : h('p', {}, '现在没有要打的电话。');
  const more = page.next ? h('a', { class: 'button', href: queueLink(params, { page: page.next }) }, '下一页') : undefined;
  const parts: Child[] = [
    h('h2', {}, mine ? '我的待打电话' : '待打电话'),
    h('p', {}, `按应联系时间排序：承诺 ${firstCallPromisePeriod}打出第一个电话，约好的回电到时间会回到最前面。`),
    searchForm(),
    views,
    overdueFilter,
    list,
    h('p', {}, more, ' ', h('a', { href: '#/?status=pending_review' }, '按状态查看全部申请')),
    roles.includes('admin') ? transferForm() : undefined,
  ];
  view.replaceChildren(...parts.filter((part): part is Node | string => part !== undefined && part !== false));
}

/** Admins: hand everything a departing reviewer owns to a colleague in one action. */
function transferForm(): HTMLFormElement {
  const from = h('input', { id: 'console-transfer-from', name: 'from', required: '', maxlength: '64', autocomplete: 'off' });
  const to = h('input', { id: 'console-transfer-to', name: 'to', required: '', maxlength: '64', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'console-filters', 'aria-labelledby': 'transfer-title' },
    h('h3', { id: 'transfer-title' }, '同事离岗交接'),
    h('label', { for: 'console-transfer-from' }, '原跟进人账号'),
    from,
    h('label', { for: 'console-transfer-to' }, '接手同事账号'),
    to,
    h('button', { type: 'submit', class: 'button' }, '全部转交'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!confirm(`把 ${from.value} 跟进中的全部申请转给 ${to.value}？`)) return;
    const moved = await consoleRequest('POST /api/console/owners/transfer', { body: { from: from.value.trim(), to: to.value.trim() } });
    if (!usable(moved)) return;
    await route();
    say(`已转交 ${moved.body.moved.length} 份申请`);
  });
  return form;
}

async function renderStatusQueue(params: URLSearchParams): Promise<void> {
  const status = params.get('status') as ApplicationStatus; // route() sends only addresses with a status here
  const answer = await viewRequest('GET /api/console/applications', { query: params });
  if (!usable(answer)) return;
  const page = answer.body as QueuePage;
  document.title = `${statusLabel(status)} | 审核控制台`;

  const tabs = h(
    'ul',
    { class: 'console-tabs', 'aria-label': '按状态' },
    ...workableStatuses.map((s) =>
      h(
        'li',
        {},
        h(
          'a',
          {
            href: `#/?${new URLSearchParams({ ...Object.fromEntries(params), status: s, page: '' }).toString().replace(/&?page=/, '')}`,
            ...(s === status && { 'aria-current': 'page' }),
          },
          `${statusLabel(s)} ${page.counts[s] ?? 0}${page.countsAtLeast.includes(s) ? '+' : ''}`,
        ),
      ),
    ),
  );
  const filters = h(
    'form',
    { class: 'console-filters', role: 'search', 'aria-label': '筛选' },
    h('input', { type: 'hidden', name: 'status', value: status }),
    h(
      'label',
      {},
      '品牌 ',
      h(
        'select',
        { name: 'brand' },
        h('option', { value: '' }, '全部'),
        ...['lakala', 'shengfutong', 'unionpay', 'undecided'].map((b) =>
          h('option', { value: b, ...(params.get('brand') === b && { selected: '' }) }, brandLabel(b)),
        ),
      ),
    ),
    h('label', {}, '城市 ', h('input', { name: 'city', value: params.get('city') ?? '', size: '8', placeholder: '如 杭州' })),
    h('label', {}, '提交于此日后 ', h('input', { type: 'date', name: 'since', value: params.get('since') ?? '' })),
    h('button', { type: 'submit', class: 'button' }, '筛选'),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams([...new FormData(filters)].filter(([, value]) => value !== '') as [string, string][]);
    location.hash = `#/?${chosen.toString()}`;
  });

  const rows = page.items.map(queueRow);
  const list = rows.length > 0 ? h('ol', { class: 'console-list' }, ...rows) : h('p', {}, '没有符合条件的申请。');
  const more = page.next
    ? h('a', { class: 'button', href: `#/?${new URLSearchParams({ ...Object.fromEntries(params), page: page.next }).toString()}` }, '下一页')
    : undefined;
  let exportControls: HTMLElement | undefined;
  if (roles.includes('admin')) {
    const exportButton = h('button', { type: 'button', class: 'button', id: 'console-export' }, '导出 CSV');
    const full = h('input', { type: 'checkbox', id: 'console-export-full' });
    exportButton.addEventListener('click', () => void exportCsv(status, full.checked));
    exportControls = h(
      'span',
      { class: 'console-export' },
      exportButton,
      ' ',
      full,
      h('label', { for: 'console-export-full' }, '含完整姓名和手机号（会被记录）'),
    );
  }
  view.replaceChildren(h('h2', {}, '申请队列（按状态）'), tabs, filters, list, h('p', {}, more, ' ', exportControls));
}

async function exportCsv(status: ApplicationStatus, full: boolean): Promise<void> {
  if (full && !confirm('导出的文件会包含完整姓名和手机号，这次导出会被记录。只在确有需要时导出，用完请删除。继续？')) return;
  const answer = await consoleRequest('GET /api/console/export', { query: { status, masked: full ? '0' : '1' } });
  if (!usable(answer)) return;
  const link = h('a', { href: URL.createObjectURL(answer.body), download: `applications-${status}.csv` });
  link.click();
  URL.revokeObjectURL(link.href);
  const rows = answer.response.headers.get('x-export-rows') ?? '';
  say(full ? `已导出 ${rows} 份申请（含个人信息，请妥善保管，用完删除）` : `已导出 ${rows} 份申请（姓名、手机号已打码）`);
}

function historyLine(entry: HistoryEntry): HTMLElement {
  const when = chinaTime(entry.at);
  if (entry.kind === 'call') {
    return h('li', {}, `${when} ${entry.by} 打电话：${callOutcomeLabels[entry.outcome]}`, entry.nextCallAt ? `，约 ${chinaTime(entry.nextCallAt)} 再打` : '');
  }
  if (entry.kind === 'activity') {
    if (entry.action === 'note') return h('li', {}, `${when} ${entry.by} 备注：`, noteText(entry));
    if (entry.action === 'reassigned') return h('li', {}, `${when} ${entry.by} 把跟进人${entry.from ? `从 ${entry.from} ` : ''}改为 ${entry.to}`);
    return h('li', {}, `${when} ${entry.by} ${activityLabels[entry.action]}`);
  }
  const why = [entry.code && statusChangeCodeLabel(entry.code), entry.reason].filter(Boolean).join('；');
  return h('li', {}, `${when} ${entry.by} → ${statusLabel(entry.status)}`, why ? `（${why}）` : '');
}

/** Send a written quote; field messages when the API refused it, none when it was recorded (then the view reloads). */
async function saveQuote(reference: string, quote: unknown): Promise<Record<string, string>> {
  const saved = await consoleRequest('POST /api/console/applications/{reference}/quote', { reference, body: quote });
  if (saved.kind === 'error' && saved.status === 400) {
    say(`${saved.message}：${Object.values(saved.fields).join('；')}`, 'error');
    return saved.fields;
  }
  if (!usable(saved)) return {};
  say('报价单已保存，商户可以在进度查询页看到');
  await renderDetail(reference);
  return {};
}

async function renderDetail(reference: string, revealedPhone?: string): Promise<void> {
  const answer = await viewRequest('GET /api/console/applications/{reference}', { reference });
  if (!usable(answer)) return;
  const a = answer.body;
  document.title = `${a.reference} | 审核控制台`;

  const phone = h('dd', { id: 'console-phone' }, revealedPhone ? h('a', { href: `tel:${revealedPhone}` }, revealedPhone) : maskedPhoneText(a.maskedPhone));
  if (a.maskedPhone && !revealedPhone) {
    const reveal = h('button', { type: 'button', class: 'button' }, '显示手机号');
    reveal.addEventListener('click', async () => {
      const shown = await consoleRequest('POST /api/console/applications/{reference}/phone', { reference: a.reference });
      if (!usable(shown)) return;
      // Again, so that the history shows this reveal.
      await renderDetail(a.reference, shown.body.phone);
    });
    phone.append(' ', reveal);
  }
  const fields: [string, Node | string][] = [
    ['状态', statusLabel(a.status)],
    ['提交时间', chinaTime(a.createdAt)],
    ['姓名', a.name ?? '个人信息已删除'],
    ['手机号', phone],
    ['城市', a.city],
    ['品牌', brandLabel(a.brand)],
    ['商户类型', merchantTypeShortLabels[a.merchantType]],
    ['方便接听时间', a.callWindow ? callWindowShortLabels[a.callWindow] : '未填写'],
    ['备注（商户填写）', a.note ?? '—'],
    [
      '自动审核',
      a.screening
        ? a.screening.outcome === 'pending_review'
          ? '通过'
          : `未通过：${a.screening.code ? screeningRejectionLabels[a.screening.code] : ''}`
        : '未审核',
    ],
    ['提示', [a.signals.map((signal) => softSignalLabels[signal]).join('、'), a.phoneBlocked && '号码已屏蔽'].filter(Boolean).join('、') || '—'],
    [
      '同号其他申请',
      a.samePhoneAs.length
        ? h('dd', {}, ...a.samePhoneAs.flatMap((other, i) => [i ? '、' : '', h('a', { href: `#/applications/${encodeURIComponent(other)}` }, other)]))
        : '—',
    ],
    ['落地页', a.attribution?.landingPage ?? '—'],
    ['来源', [a.attribution?.utm_source, a.attribution?.utm_medium, a.attribution?.utm_campaign].filter(Boolean).join(' / ') || '—'],
  ];
  const list = h('dl', { class: 'console-fields' });
  for (const [label, value] of fields) list.append(h('dt', {}, label), value instanceof HTMLElement && value.tagName === 'DD' ? value : h('dd', {}, value));

  const leadSection = renderLead(a);

  const reason = h('textarea', { id: 'console-reason', name: 'reason', rows: '2', maxlength: '500' });
  const actions = h('div', { class: 'console-actions' });
  for (const to of a.allowedTransitions) {
    const button = h(
      'button',
      { type: 'button', class: to === 'rejected' || to === 'withdrawn' ? 'button' : 'button button-primary' },
      actionLabels[to] ?? statusLabel(to),
    );
    button.addEventListener('click', async () => {
      if (to === 'rejected' && reason.value.trim() === '') {
        say('拒绝时请在“说明”里写明原因', 'error');
        reason.focus();
        return;
      }
      const changed = await consoleRequest('POST /api/console/applications/{reference}/status', {
        reference: a.reference,
        body: { to, ...(reason.value.trim() && { reason: reason.value.trim() }) },
      });
      if (!usable(changed)) return;
      say(`已改为“${statusLabel(to)}”`);
      await renderDetail(a.reference);
    });
    actions.append(button);
  }
  const actionSection = a.allowedTransitions.length
    ? h(
        'section',
        { 'aria-labelledby': 'actions-title' },
        h('h3', { id: 'actions-title' }, '处理'),
        h('label', { for: 'console-reason' }, '说明（拒绝时必填）'),
        reason,
        actions,
      )
    : h('p', {}, '申请已办结，不能再更改状态。');

  const noteInput = h('textarea', { id: 'console-note', name: 'text', rows: '2', maxlength: '500', required: '' });
  const noteForm = h(
    'form',
    { 'aria-labelledby': 'note-title' },
    h('h3', { id: 'note-title' }, '添加备注'),
    h('label', { for: 'console-note' }, '备注内容'),
    noteInput,
    h('button', { type: 'submit', class: 'button' }, '保存备注'),
  );
  noteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const noted = await consoleRequest('POST /api/console/applications/{reference}/notes', { reference: a.reference, body: { text: noteInput.value } });
    if (!usable(noted)) return;
    say('备注已保存');
    await renderDetail(a.reference);
  });

  let eraseButton: HTMLButtonElement | undefined;
  if (roles.includes('admin') && a.personalData.state === 'present') {
    eraseButton = h('button', { type: 'button', class: 'button-danger', id: 'console-erase' }, '删除个人信息（按本人要求）');
    eraseButton.addEventListener('click', async () => {
      if (!confirm(`删除 ${a.reference} 的姓名、手机号和备注？此操作不能撤销；未办结的申请会被撤回。`)) return;
      const erased = await consoleRequest('POST /api/console/applications/{reference}/erasure', { reference: a.reference });
      if (!usable(erased)) return;
      say('个人信息已删除');
      await renderDetail(a.reference);
    });
  }

  let blockButton: HTMLButtonElement | undefined;
  if (roles.includes('admin') && a.phoneBlocked !== undefined) {
    const blocked = a.phoneBlocked;
    blockButton = h(
      'button',
      { type: 'button', class: blocked ? 'button' : 'button-danger', id: 'console-block' },
      blocked ? '解除屏蔽此号码' : '屏蔽此号码（新申请自动拒绝）',
    );
    blockButton.addEventListener('click', async () => {
      if (!blocked && !confirm(`屏蔽 ${a.reference} 的手机号？之后这个号码的新申请会被自动拒绝，已有的申请不受影响。`)) return;
      const changed = await consoleRequest('POST /api/console/applications/{reference}/blocking', {
        reference: a.reference,
        body: { blocked: !blocked, ...(reason.value.trim() && { reason: reason.value.trim() }) },
      });
      if (!usable(changed)) return;
      say(blocked ? '已解除屏蔽' : '已屏蔽这个号码');
      await renderDetail(a.reference);
    });
  }

  const parts: Child[] = [
    h('p', {}, h('a', { href: '#/' }, '← 返回队列')),
    h('h2', {}, `申请 ${a.reference}`),
    list,
    leadSection,
    actionSection,
    a.personalData.state === 'present' ? noteForm : undefined,
    a.personalData.state === 'present' ? renderQuoteSection(a.quotes, (quote) => saveQuote(a.reference, quote), chinaDay(new Date().toISOString())) : undefined,
    h(
      'section',
      { 'aria-labelledby': 'history-title' },
      h('h3', { id: 'history-title' }, '记录'),
      h('ol', { class: 'console-history' }, ...a.history.map(historyLine)),
    ),
    blockButton || eraseButton
      ? h('section', { 'aria-labelledby': 'admin-title', class: 'console-admin' }, h('h3', { id: 'admin-title' }, '管理员操作'), blockButton, ' ', eraseButton)
      : undefined,
  ];
  view.replaceChildren(...parts.filter((part): part is Node => part instanceof Node));
}

/** Whom it is due with and who follows it up; claiming, the call log (one tap per outcome) and admin reassignment. */
function renderLead(a: ApplicationDetail): HTMLElement {
  const me = userBox.dataset.user ?? '';
  const mayAct = !a.owner || a.owner.id === me || roles.includes('admin');
  const open = a.allowedTransitions.length > 0;
  const parts: Child[] = [h('h3', { id: 'lead-title' }, '跟进')];
  const facts = h('dl', { class: 'console-lead-facts' });
  const due = a.status === 'pending_review' ? `${dueText(a.timing.dueAt, a.timing.callbackAt !== undefined)}${a.timing.overdue ? '（已超时）' : ''}` : '—';
  for (const [label, value] of [
    ['跟进人', a.owner ? `${a.owner.id}（${chinaTime(a.owner.since)} 起）` : '未认领'],
    ['应联系时间', due],
    ['已等待', `${a.timing.ageWorkingDays} 个工作日`],
    ['通话', a.calls ? `${a.calls.attempts} 次，最近一次：${callOutcomeLabels[a.calls.lastOutcome]}` : '还没打过'],
  ] as const)
    facts.append(h('dt', {}, label), h('dd', {}, value));
  parts.push(facts);

  if (open && !a.owner) {
    const claim = h('button', { type: 'button', class: 'button button-primary', id: 'console-claim' }, '我来跟进');
    claim.addEventListener('click', async () => {
      const claimed = await consoleRequest('POST /api/console/applications/{reference}/claim', { reference: a.reference });
      if (!usable(claimed)) return;
      say('已认领，这份申请由您跟进');
      await renderDetail(a.reference);
    });
    parts.push(h('p', {}, claim));
  }

  if (open && mayAct) {
    const note = h('textarea', { id: 'console-call-note', rows: '2', maxlength: '500' });
    const nextCall = h('input', { id: 'console-next-call', type: 'datetime-local' });
    const buttons = h('div', { class: 'console-actions console-outcomes' });
    for (const outcome of callOutcomes) {
      const button = h(
        'button',
        { type: 'button', class: outcome === 'reached' ? 'button button-primary' : 'button', 'data-outcome': outcome },
        callOutcomeLabels[outcome],
      );
      button.addEventListener('click', () => void recordCall(a.reference, outcome, note, nextCall));
      buttons.append(button);
    }
    parts.push(
      h('h4', {}, '记录这次通话'),
      h('p', {}, '打完电话点一下结果即可；备注和下次通话时间可以不填（约回电需填时间）。'),
      buttons,
      h('label', { for: 'console-next-call' }, '下次通话时间（未接、约回电时用）'),
      nextCall,
      h('label', { for: 'console-call-note' }, '通话备注（可不填）'),
      note,
    );
  } else if (open && a.owner) {
    parts.push(h('p', {}, `这份申请由 ${a.owner.id} 跟进，只有跟进人或管理员可以记录通话和更改状态。`));
  }

  if (a.suggestedClosing && mayAct) {
    const reason = closingReasonText(a.suggestedClosing);
    const close = h('button', { type: 'button', class: 'button-danger', id: 'console-close-suggested' }, '按此原因关闭');
    close.addEventListener('click', async () => {
      if (!confirm(`关闭 ${a.reference}（${reason}）？`)) return;
      const closed = await consoleRequest('POST /api/console/applications/{reference}/status', {
        reference: a.reference,
        body: { to: 'rejected', reason },
      });
      if (!usable(closed)) return;
      say('申请已关闭');
      await renderDetail(a.reference);
    });
    parts.push(h('p', { class: 'console-suggestion' }, `建议关闭：${reason} `, close));
  }

  if (open && roles.includes('admin')) {
    const to = h('input', { id: 'console-owner', maxlength: '64', autocomplete: 'off', value: a.owner?.id ?? '' });
    const form = h(
      'form',
      { class: 'console-filters' },
      h('label', { for: 'console-owner' }, '改派给（同事账号）'),
      to,
      h('button', { type: 'submit', class: 'button' }, '改派'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const changed = await consoleRequest('POST /api/console/applications/{reference}/owner', { reference: a.reference, body: { to: to.value.trim() } });
      if (!usable(changed)) return;
      say(`已改派给 ${to.value.trim()}`);
      await renderDetail(a.reference);
    });
    parts.push(form);
  }
  return h('section', { 'aria-labelledby': 'lead-title', class: 'console-lead' }, ...parts);
}

async function recordCall(reference: string, outcome: CallOutcome, note: HTMLTextAreaElement, nextCall: HTMLInputElement): Promise<void> {
  const when = nextCall.value && outcomesWithNextCall.includes(outcome) ? new Date(nextCall.value).toISOString() : undefined;
  if (outcome === 'callback' && !when) {
    say('约回电请先填写下次通话时间', 'error');
    nextCall.focus();
    return;
  }
  const recorded = await consoleRequest('POST /api/console/applications/{reference}/calls', {
    reference,
    body: { outcome, ...(when && { nextCallAt: when }), ...(note.value.trim() && { note: note.value.trim() }) },
  });
  if (!usable(recorded)) return;
  say(
    `已记录：${callOutcomeLabels[outcome]}${recorded.body.statusChanged ? `，状态改为“${statusLabel('contacted')}”` : ''}${recorded.body.suggestedClosing ? `。建议关闭：${closingReasonText(recorded.body.suggestedClosing)}` : ''}`,
  );
  await renderDetail(reference);
}

/** Applications per day as bars: an inline SVG, no charting library. */
function dayChart(perDay: ApplicationStats['perDay']): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const width = 600;
  const height = 160;
  const max = Math.max(1, ...perDay.map((d) => d.applications));
  const barWidth = width / perDay.length;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height + 20}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `每日申请数，最多一天 ${max} 份`);
  svg.setAttribute('class', 'console-chart');
  perDay.forEach((day, index) => {
    const barHeight = (day.applications / max) * height;
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('x', String(index * barWidth + 1));
    rect.setAttribute('y', String(height - barHeight));
    rect.setAttribute('width', String(Math.max(1, barWidth - 2)));
    rect.setAttribute('height', String(barHeight));
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${day.day}：${day.applications} 份`;
    rect.append(title);
    svg.append(rect);
  });
  for (const [index, anchor] of [
    [0, 'start'],
    [perDay.length - 1, 'end'],
  ] as const) {
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', String(index === 0 ? 0 : width));
    label.setAttribute('y', String(height + 16));
    label.setAttribute('text-anchor', anchor);
    label.textContent = perDay[index]?.day.slice(5) ?? '';
    svg.append(label);
  }
  return svg;
}

function table(caption: string, headers: string[], rows: (string | number)[][]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, String(cell)))))),
  );
}

async function renderStats(params: URLSearchParams): Promise<void> {
  const days = ['7', '30', '90'].includes(params.get('days') ?? '') ? params.get('days')! : '30';
  const answer = await viewRequest('GET /api/console/stats', { query: { days } });
  if (!usable(answer)) return;
  const stats = answer.body;
  document.title = `统计 | 审核控制台`;
  const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`);
  view.replaceChildren(
    h('h2', {}, '统计'),
    h(
      'ul',
      { class: 'console-tabs', 'aria-label': '统计天数' },
      ...['7', '30', '90'].map((d) => h('li', {}, h('a', { href: `#/stats?days=${d}`, ...(d === days && { 'aria-current': 'page' }) }, `最近 ${d} 天`))),
    ),
    h('p', {}, `有效申请 ${stats.applications} 份，垃圾提交 ${stats.spam} 份。`),
    h('figure', {}, dayChart(stats.perDay), h('figcaption', {}, '每日申请数')),
    table(
      '按品牌',
      ['品牌', '申请'],
      stats.perBrand.map((b) => [brandLabel(b.brand), b.applications]),
    ),
    table(
      '按状态',
      ['状态', '数量'],
      stats.perStatus.filter((s) => s.status !== 'spam').map((s) => [statusLabel(s.status), s.count]),
    ),
    table(
      '按落地页（转化 = 审核通过及以后）',
      ['落地页', '申请', '通过', '转化率'],
      stats.perLandingPage.map((p) => [p.landingPage || '（未记录）', p.applications, p.converted, percent(p.converted, p.applications)]),
    ),
    table(
      `承诺兑现（通常 ${firstCallPromisePeriod}来电）`,
      ['指标', '数值'],
      [
        ['首次来电用时（中位数）', stats.promise.medianHoursToFirstAttempt === undefined ? '—' : `${stats.promise.medianHoursToFirstAttempt} 小时内`],
        ['首次来电用时（90% 分位）', stats.promise.p90HoursToFirstAttempt === undefined ? '—' : `${stats.promise.p90HoursToFirstAttempt} 小时内`],
        ['承诺期内打出第一个电话', `${stats.promise.attemptedOnTime}（${percent(stats.promise.attemptedOnTime, stats.applications)}）`],
        ['承诺期内接通', `${stats.promise.reachedOnTime}（${percent(stats.promise.reachedOnTime, stats.applications)}）`],
        ['接通率（接通 / 申请）', `${stats.promise.reached}（${percent(stats.promise.reached, stats.applications)}）`],
      ],
    ),
    table(
      '各阶段转化（曾到达该阶段）',
      ['阶段', '数量', '占申请'],
      stats.stages.map((s) => [statusLabel(s.status), s.count, percent(s.count, stats.applications)]),
    ),
    table(
      '按审核员',
      ['审核员', '通话', '接通', '已联系', '通过', '激活'],
      stats.perReviewer.map((r) => [r.reviewer, r.calls, r.reached, r.contacted, r.approved, r.activated]),
    ),
    table(
      '按周（周一起）',
      ['周', '申请', '接通', '已联系', '通过', '激活'],
      stats.perWeek.map((w) => [w.week, w.applications, w.reached, w.contacted, w.approved, w.activated]),
    ),
  );
}

async function route(): Promise<void> {
  const started = ++navigation;
  say('');
  const [path = '', query = ''] = location.hash.slice(1).split('?');
  const params = new URLSearchParams(query);
  view.setAttribute('aria-busy', 'true');
  const detail = /^\/applications\/([A-Za-z0-9-]+)$/.exec(path);
  if (detail) await renderDetail(detail[1]!);
  else if (path === '/stats') await renderStats(params);
  else if (params.get('status')) await renderStatusQueue(params);
  else await renderQueue(params);
  // Only the latest navigation finishes the view: `data-shown` says which address it shows (tests wait for it).
  if (started !== navigation) return;
  view.removeAttribute('aria-busy');
  view.dataset.shown = location.hash;
}

async function start(): Promise<void> {
  let user;
  try {
    await completeSignIn();
    user = await currentUser();
  } catch (error) {
    if (!(error instanceof ConsoleConfigError)) throw error;
    view.replaceChildren(h('p', { role: 'alert' }, '暂时读不到控制台的登录设置，请稍后刷新页面；一直这样请联系管理员。'));
    return;
  }
  if (!user) {
    showSignIn('审核控制台只供工作人员使用，请用您的账号登录。');
    return;
  }
  const me = await consoleRequest('GET /api/console/me');
  if (!usable(me)) return;
  roles = me.body.roles;
  nav.hidden = false;
  const out = h('button', { type: 'button', class: 'button', id: 'console-signout' }, '退出登录');
  out.addEventListener('click', async () => {
    await signOut();
    showSignIn('您已退出登录。');
  });
  userBox.dataset.user = me.body.id;
  userBox.replaceChildren(`${me.body.id}（${roles.includes('admin') ? '管理员' : '审核员'}） `, out);
  (await userManager()).events.addAccessTokenExpired(() => showSignIn('登录已过期，请重新登录。'));
  addEventListener('hashchange', () => void route());
  await route();
}

void start();
