/**
 * THE Simplified Chinese words for the project's codes, shared by every surface that shows them: the site's pages and
 * forms, the API's pages, the review console in the browser, the ops CLI, the CSV export and the notices. The domain
 * names values and codes (statuses, options, outcomes, refusals) and returns numbers; only the surfaces turn them into
 * text, here. The schemas' answers to bad input stay beside their schemas (domain/application.ts and friends): the API
 * returns them as they are, and the form shows the same sentence for the same mistake.
 *
 * Plain constants and calls marked pure, nothing else at the top level: the bundler then gives the apply and status
 * pages' scripts only the part-modules they reach (labels-zh-fields.ts, labels-zh-statuses.ts), not the console's words.
 */
import type { SoftSignal, SpamReason } from '#domain/anti-spam.ts';
import type { Brand, CallWindow, MerchantType, MonthlyVolume, TerminalType } from '#domain/application.ts';
import { BRAND_NAMES, type SettlementCode } from '#domain/catalogue.ts';
import type { ApplicationStatus } from '#domain/application-status.ts';
import type { ConsoleActivity } from '#domain/console-activity.ts';
import type { CallOutcome, ClosingReason } from '#domain/leads.ts';
import type { PersonalDataState } from '#domain/personal-data.ts';
import type { IntakeChannel, ScreeningRejectionCode, StatusChange } from '#domain/records.ts';
import type { ReviewFlag } from '#domain/review-flags.ts';
import type { TransitionRefusal } from '#domain/status-transitions.ts';
import { CHINA_OFFSET_MS } from '#domain/time.ts';
import { statusLabels } from './labels-zh-statuses.ts';

// ── What merchants read: statuses, the forms' fields and options, the catalogue ──────────────────────────────────

// Two parts live in modules of their own, for the merchant pages' scripts (each file says why); they are this module's.
export * from './labels-zh-fields.ts';
export * from './labels-zh-statuses.ts';

/** Each kind of terminal, as the catalogue's pages and the form's options read it (`undecided` only on the form). */
export const terminalTypeLabels: Readonly<Record<TerminalType, string>> = {
  dianqian: '电签版 POS', // 电签版: the word merchants search for
  smart: '智能 POS',
  traditional: '传统大 POS',
  qr: '码牌（扫码收款）',
  undecided: '不确定',
};

/** When the money arrives, in the merchant's words; shown after the code: "T1 下一个工作日到账". */
export const settlementLabels: Readonly<Record<SettlementCode, string>> = {
  T1: '下一个工作日到账',
  T0: '当天到账（仅工作日）',
  D0: '当天到账（含节假日）',
  D1: '第二天到账（含节假日）',
};

/** How each option reads on the form and in `ops show` (listings use the short labels below). */
export const merchantTypeLabels: Readonly<Record<MerchantType, string>> = {
  individual: '个人（没有营业执照）',
  sole_proprietor: '个体工商户',
  company: '公司 / 企业',
};
// A call marked pure, so that bundles which never show a brand leave it out.
export const brandLabels: Readonly<Record<Brand, string>> = /* @__PURE__ */ Object.assign({}, BRAND_NAMES, { undecided: '还没想好，请帮我推荐' });
export const monthlyVolumeLabels: Readonly<Record<MonthlyVolume, string>> = {
  lt_10k: '1 万元以下',
  '10k_50k': '1 万–5 万元',
  '50k_200k': '5 万–20 万元',
  gt_200k: '20 万元以上',
};
export const callWindowLabels: Readonly<Record<CallWindow, string>> = {
  weekday_morning: '工作日上午（9:00–12:00）',
  weekday_afternoon: '工作日下午（13:00–18:00）',
  evening: '晚上（18:00–21:00）',
  weekend: '周末',
  any: '随时都可以',
};

/**
 * The heading of each article `<Callout type="…">` (Callout.astro), and the editor's menu of them (keystatic.config.ts).
 * The types are the site's CALLOUT_TYPES (site/src/content-schemas.ts), which functions/ may not import: both uses
 * index this by CalloutType, so a type without a label fails to compile there.
 */
export const calloutLabels = { tip: '小贴士', warning: '注意', info: '说明', example: '举例（数字为假设）' } as const;

// ── What staff read: the console, the ops CLI, the export and the notices ───────────────────────────────────────

/** How an application reached intake (`ops show`). */
export const intakeChannelLabels: Readonly<Record<IntakeChannel, string>> = {
  json: '网页表单（JavaScript）',
  form: '网页表单（无 JavaScript）',
};

/** How ops read each reason (CLI `show`, `list`, `export`, `stats`). */
export const spamReasonLabels: Readonly<Record<SpamReason, string>> = {
  honeypot: '填写了隐藏字段（机器人陷阱）',
  too_fast: '打开表单后 3 秒内提交',
};

/** How ops read each signal (short: listings show them as flags). */
export const softSignalLabels: Readonly<Record<SoftSignal, string>> = {
  note_has_link: '备注含链接',
  quick_fill: '填写很快',
  stale_form: '表单放置过久',
};

/** How ops read each code (CLI listings, exports, statistics). */
export const screeningRejectionLabels: Readonly<Record<ScreeningRejectionCode, string>> = {
  incomplete: '信息不完整',
  blocked_phone: '手机号在屏蔽名单中',
  spam_signal: '疑似机器提交（备注含链接，且填写过快或表单过期）',
};

/** Why a status changed, when the change carries a code: a screening rejection, or a withdrawal by erasure. */
export function statusChangeCodeLabel(code: NonNullable<StatusChange['code']>): string {
  return code === 'erased' ? '个人信息按本人要求删除' : screeningRejectionLabels[code];
}

/** `2026-11-25 14:03` in China Standard Time. */
export function chinaTime(iso: string | undefined): string {
  if (!iso) return '';
  const shifted = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

export const brandShortLabels: Readonly<Record<Brand, string>> = {
  lakala: '拉卡拉',
  shengfutong: '盛付通',
  unionpay: '银联',
  undecided: '未定',
};

/** The merchant's preferred call window, short enough for a queue row. */
export const callWindowShortLabels: Readonly<Record<CallWindow, string>> = {
  weekday_morning: '工作日上午',
  weekday_afternoon: '工作日下午',
  evening: '晚上',
  weekend: '周末',
  any: '随时',
};

export const merchantTypeShortLabels: Readonly<Record<MerchantType, string>> = {
  individual: '个人',
  sole_proprietor: '个体户',
  company: '公司',
};

/** A status for staff, spam included. */
export function statusLabel(status: ApplicationStatus): string {
  return status === 'spam' ? '垃圾提交' : statusLabels[status];
}

/** `“审核中”(pending_review)`: how the CLI names a status in messages. */
export function describeStatus(status: ApplicationStatus): string {
  return `“${statusLabel(status)}”(${status})`;
}

/** Why a status change was refused (the console shows it; the CLI adds the domain's English line). */
export function transitionRefusalText(refusal: TransitionRefusal): string {
  const { from, to } = refusal;
  switch (refusal.reason) {
    case 'into_spam':
      return '不能把申请改为垃圾提交：只有提交时的自动检查会这样判定。';
    case 'out_of_spam':
      return '垃圾提交不参与审核流程，状态不能更改。';
    case 'unchanged':
      return `申请已经是${describeStatus(from)}，无需更改。`;
    case 'closed':
      return `申请已办结（${describeStatus(from)}），不能再改为${describeStatus(to)}。`;
    case 'not_next':
      return `不能从${describeStatus(from)}改为${describeStatus(to)}：下一步只能是 ${refusal.allowed.join('、')}。`;
  }
}

/** Screening rejection codes in a few characters, for listing rows (`show` gives the full explanation). */
export const rejectionShortLabels: Readonly<Record<ScreeningRejectionCode, string>> = {
  incomplete: '自动拒：信息不全',
  blocked_phone: '自动拒：屏蔽号码',
  spam_signal: '自动拒：疑似机器',
};

/** What happened to the application's personal data, in a few words. */
export const personalDataStateLabels: Readonly<Record<PersonalDataState, string>> = {
  present: '保留中',
  erased: '个人信息已删除',
  expired: '个人信息已过期删除',
};

export function reviewFlagLabel(flag: ReviewFlag): string {
  switch (flag.code) {
    case 'screening_rejected':
      return rejectionShortLabels[flag.reason];
    case 'soft_signal':
      return `⚑${softSignalLabels[flag.signal]}`;
    case 'same_phone':
      return `⚑同号另有 ${flag.applications} 份申请`;
    case 'personal_data':
      return personalDataStateLabels[flag.state];
  }
}

/** Flags for a listing row, in one line. */
export function reviewFlagsText(flags: readonly ReviewFlag[]): string {
  return flags.map(reviewFlagLabel).join('；');
}

/** What the console's action buttons say for each target status. */
export const actionLabels: Readonly<Partial<Record<ApplicationStatus, string>>> = {
  pending_review: '转人工审核',
  contacted: '标记已联系',
  approved: '审核通过',
  shipped: '标记已寄出',
  activated: '标记已激活',
  rejected: '拒绝',
  withdrawn: '撤回',
};

/** Console activity in an application's history, as "<who> <label>" (the console) or in a table (`ops show`). */
export const activityLabels: Readonly<Record<ConsoleActivity['action'], string>> = {
  phone_revealed: '查看了完整手机号',
  note: '写了备注',
  phone_blocked: '屏蔽了这个手机号',
  phone_unblocked: '解除了手机号屏蔽',
  claimed: '认领跟进',
  reassigned: '转交了跟进',
  phone_searched: '按手机号查找到这份申请',
};

export const callOutcomeLabels: Readonly<Record<CallOutcome, string>> = {
  reached: '接通',
  no_answer: '未接',
  busy: '忙线',
  invalid_number: '空号或停机',
  callback: '约回电',
  refused: '拒绝沟通',
};

/** Why the console and `ops call` offer to close a lead; also the rejection reason they store when staff agree. */
export function closingReasonText(reason: ClosingReason): string {
  switch (reason.code) {
    case 'invalid_number':
      return '电话为空号或已停机';
    case 'refused':
      return '商户拒绝沟通';
    case 'unreachable':
      return `${reason.failedDays} 个不同的日子打电话均未接通`;
  }
}

/** A console note as people read it: a note written with a call carries the call's outcome first (【未接】下午再打). */
export function noteText(note: Extract<ConsoleActivity, { action: 'note' }>): string {
  return note.callOutcome ? `【${callOutcomeLabels[note.callOutcome]}】${note.text}` : note.text;
}

/** A masked phone, or what stands in for one whose personal data is erased. */
export const maskedPhoneText = (maskedPhone: string | undefined): string => maskedPhone ?? personalDataStateLabels.erased;
