/** `show REF`: everything about one application — the only place the full phone number is shown (ops must call). */
import { MAX_ACTIVITY_SHOWN, type ConsoleActivity } from '#domain/console-activity.ts';
import type { StatusChange, StoredApplication, StoredRecord } from '#domain/records.ts';
import { OPEN_APPLICATION_RETENTION_DAYS } from '#domain/privacy-policy.ts';
import { allowedTransitions } from '#domain/status-transitions.ts';
import { CommandFailed, referenceArgument, type Command } from '../context.ts';
import {
  activityLabels,
  intakeChannelLabels,
  brandLabels,
  callWindowLabels,
  merchantTypeLabels,
  monthlyVolumeLabels,
  terminalTypeLabels,
  chinaTime,
  noteText,
  screeningRejectionLabels,
  softSignalLabels,
  spamReasonLabels,
  statusLabel,
} from '../../presentation/labels-zh.ts';
import { displayWidth, pad, printable, renderTable } from '../text-table.ts';

function fields(pairs: readonly (readonly [string, string | undefined])[]): string {
  const shown = pairs.filter((pair): pair is readonly [string, string] => pair[1] !== undefined && pair[1] !== '');
  const width = Math.max(10, ...shown.map(([label]) => displayWidth(label)));
  return shown.map(([label, value]) => `  ${pad(label, width)}  ${printable(value).replaceAll('\n', `\n  ${' '.repeat(width)}  `)}`).join('\n');
}

function historyReason(entry: StatusChange): string {
  const parts: string[] = [];
  if (entry.code === 'erased') parts.push('个人信息按本人要求删除');
  else if (entry.code) parts.push(screeningRejectionLabels[entry.code]);
  if (entry.reason) parts.push(entry.reason);
  return parts.join('；');
}

function personalDataLine(application: StoredApplication): string {
  if (application.erasure) return `已于 ${chinaTime(application.erasure.at)} 由 ${application.erasure.by} 删除`;
  const expires = chinaTime(application.personalDataExpiresAt);
  if (application.phone === undefined) return `已按保留期限自动删除（${expires} 到期）`;
  if (application.closedAt) return `将于 ${expires} 自动删除（办结后保留期限届满）`;
  return `将于 ${expires} 自动删除（一直未办结的申请保留 ${OPEN_APPLICATION_RETENTION_DAYS} 天；办结后改为办结时起算）`;
}

/** What the merchant agreed to, as recorded (an older record may lack a consent asked for later). */
function consentLine(application: StoredApplication): string {
  const { consent } = application;
  const agreed = [`隐私政策 ${consent.version}`, consent.crossBorder && '同意境外存储', consent.providerSharing && '同意提供给收单机构'];
  return `${agreed.filter(Boolean).join('，')}，${chinaTime(consent.agreedAt)}`;
}

/** What people did in the review console: who looked at the phone, notes (while the personal data lasts), blocking. */
function renderActivity(activity: readonly ConsoleActivity[]): string {
  if (activity.length === 0) return '  （无）';
  return renderTable(
    ['时间', '操作', '操作人', '内容'],
    activity.map((entry) => [chinaTime(entry.at), activityLabels[entry.action], entry.by, entry.action === 'note' ? noteText(entry) : '']),
  );
}

export function renderApplication(record: StoredRecord, activity: readonly ConsoleActivity[] = []): string {
  if (record.kind === 'spam') {
    return `申请 ${record.reference}（${statusLabel('spam')}，没有个人信息）
${fields([
  ['拦截原因', `${spamReasonLabels[record.reason]}（${record.reason}）`],
  ['提交时间', chinaTime(record.createdAt)],
  ['渠道', intakeChannelLabels[record.channel]],
  [
    '来源',
    record.attribution &&
      Object.entries(record.attribution)
        .map(([k, v]) => `${k}=${v}`)
        .join('  '),
  ],
  ['记录删除', chinaTime(record.expiresAt)],
])}
`;
  }
  const a = record;
  const screening = a.screening;
  const screeningText = screening
    ? screening.outcome === 'pending_review'
      ? `通过，转人工审核（${chinaTime(screening.at)}）${screening.notifiedAt ? `；已通知 ops ${chinaTime(screening.notifiedAt)}` : '；尚未通知 ops'}`
      : `未通过：${screening.code ? screeningRejectionLabels[screening.code] : ''}（${screening.code}）`
    : '尚未审核';
  const next = allowedTransitions(a.status);
  const history = renderTable(
    ['时间', '状态', '操作人', '原因 / 备注'],
    a.statusHistory.map((entry) => [chinaTime(entry.at), `${statusLabel(entry.status)} (${entry.status})`, entry.by, historyReason(entry)]),
  );
  return `申请 ${a.reference}
${fields([
  ['状态', `${statusLabel(a.status)} (${a.status})`],
  ['提交时间', chinaTime(a.createdAt)],
  ['最近更新', chinaTime(a.updatedAt)],
  ['姓名', a.name ?? '—'],
  ['手机号', a.phone ?? '—'],
  ['城市', a.city],
  ['商户类型', merchantTypeLabels[a.merchantType]],
  ['品牌', brandLabels[a.brand]],
  ['终端类型', a.terminalType && terminalTypeLabels[a.terminalType]],
  ['月刷卡额', a.monthlyVolume && monthlyVolumeLabels[a.monthlyVolume]],
  ['接听时间', a.callWindow && callWindowLabels[a.callWindow]],
  ['备注', a.note],
  ['标记', (a.signals ?? []).map((signal) => softSignalLabels[signal]).join('、')],
  ['同号其他申请', a.samePhoneAs?.join('、')],
  ['自动审核', screeningText],
  ['渠道', intakeChannelLabels[a.channel]],
  ['同意记录', consentLine(a)],
  ['个人信息', personalDataLine(a)],
])}

来源
${a.attribution ? fields(Object.entries(a.attribution).map(([key, value]) => [key, String(value)] as const)) : '  （未记录）'}

状态记录
${history}

控制台记录（最近 ${MAX_ACTIVITY_SHOWN} 条）
${renderActivity(activity)}${next.length > 0 ? `\n下一步可用：${next.map((status) => `npm run ops -- ${status === 'rejected' ? `reject ${a.reference} --reason …` : status === 'withdrawn' ? `withdraw ${a.reference}` : `advance ${a.reference} ${status}`}`).join('\n            ')}\n` : ''}`;
}

export const showCommand: Command = {
  name: 'show',
  summary: '查看一份申请的全部信息（含状态记录、来源；只有这里显示完整手机号）',
  help: `用法：npm run ops -- show 申请编号

例子：
  npm run ops -- show PA-7K3F-9Q2M`,
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ positionals }, context) {
    const reference = referenceArgument(positionals[0]);
    const { store, activity } = await context.connect();
    // One read of each of the application's two items; the notes on the personal data go on to the activity list.
    const found = await store.findWithNotesAndQuotes(reference);
    if (!found) throw new CommandFailed(`找不到申请 ${reference}`);
    context.io.out(renderApplication(found.record, await activity.activityOf(reference, found.notes)));
    return 0;
  },
};
