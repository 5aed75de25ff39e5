/**
 * Terminal presentation for the ops CLI: bar charts, China-time dates, and the short labels that fit a listing.
 * Tables are in ./text-table.ts (shared with the benchmark report).
 */
import { softSignalLabels } from '#domain/anti-spam.ts';
import type { Brand, MerchantType } from '#domain/application.ts';
import { statusLabels, type ApplicationStatus } from '#domain/application-status.ts';
import type { ScreeningRejectionCode, StoredApplication } from '#domain/records.ts';
import { CHINA_OFFSET_MS } from '#domain/time.ts';

/** `█████` scaled so that `max` fills `width` columns; any non-zero value shows at least one block. */
export function bar(value: number, max: number, width = 30): string {
  if (value <= 0 || max <= 0) return '';
  return '█'.repeat(Math.max(1, Math.round((value / max) * width)));
}

/** `2026-11-25 14:03` in China Standard Time. */
export function chinaTime(iso: string | undefined): string {
  if (!iso) return '';
  const shifted = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** `张*`, `欧阳**`: enough to recognise a call in a listing, not to identify anyone. */
export function maskName(name: string): string {
  const characters = Array.from(name);
  if (characters.length <= 1) return '*';
  const shown = characters.length >= 4 ? 2 : 1;
  return characters.slice(0, shown).join('') + '*'.repeat(characters.length - shown);
}

export const brandShortLabels: Readonly<Record<Brand, string>> = {
  lakala: '拉卡拉',
  shengfutong: '盛付通',
  unionpay: '银联',
  undecided: '未定',
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

/** What happened to the application's personal data, in a few words (empty while it is there). */
export function personalDataState(application: StoredApplication): string {
  if (application.erasure) return '个人信息已删除';
  if (application.phone === undefined) return '个人信息已过期删除';
  return '';
}

/**
 * Flags for a listing row: screening's rejection code or soft signals, other applications from the same phone, and
 * the personal-data state.
 */
export function flagsOf(application: StoredApplication): string {
  const flags: string[] = [];
  const code = application.screening?.code;
  if (code) flags.push(rejectionShortLabels[code]);
  for (const signal of application.signals ?? []) flags.push(`⚑${softSignalLabels[signal]}`);
  if (application.samePhoneAs?.length) flags.push(`⚑同号另有 ${application.samePhoneAs.length} 份申请`);
  const state = personalDataState(application);
  if (state) flags.push(state);
  return flags.join('；');
}
