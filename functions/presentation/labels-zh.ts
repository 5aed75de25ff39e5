/**
 * Simplified Chinese words for the back office's data, shared by every surface that shows it (the ops CLI, the
 * review console in the browser, the CSV export): China-time dates, short labels that fit a listing, review flags.
 * Use cases return codes and numbers; only the surfaces turn them into text, here.
 */
import type { SoftSignal, SpamReason } from '#domain/anti-spam.ts';
import type { Brand, CallWindow, MerchantType } from '#domain/application.ts';
import { statusLabels, type ApplicationStatus } from '#domain/application-status.ts';
import type { ConsoleActivity } from '#domain/console-activity.ts';
import { callOutcomeLabels } from '#domain/leads.ts';
import type { PersonalDataState } from '#domain/personal-data.ts';
import type { ScreeningRejectionCode, StatusChange } from '#domain/records.ts';
import type { ReviewFlag } from '#domain/review-flags.ts';
import { CHINA_OFFSET_MS } from '#domain/time.ts';

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

export function statusLabel(status: ApplicationStatus): string {
  return status === 'spam' ? '垃圾提交' : statusLabels[status];
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

/** A console note as people read it: a note written with a call carries the call's outcome first (【未接】下午再打). */
export function noteText(note: Extract<ConsoleActivity, { action: 'note' }>): string {
  return note.callOutcome ? `【${callOutcomeLabels[note.callOutcome]}】${note.text}` : note.text;
}

/** A masked phone, or what stands in for one whose personal data is erased. */
export const maskedPhoneText = (maskedPhone: string | undefined): string => maskedPhone ?? personalDataStateLabels.erased;
