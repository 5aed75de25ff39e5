/**
 * How figures and dates read on the page. Plain functions (no Astro imports) so the calculator's client script,
 * components and tests share them.
 */
import { SITE_LOCALE } from '../consts.ts';
import type { Rate } from './products.ts';

/** Content dates are calendar days stored as UTC midnight; format them in UTC so no time zone shifts the day. */
const dateFormat = new Intl.DateTimeFormat(SITE_LOCALE, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });

/** 2026年11月20日 */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** 2026-11-20, for `<time datetime>`, JSON-LD and feeds. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** 0.6 → "0.6%", 0.38 → "0.38%" (no trailing zeros, no float noise). */
export function formatPercent(percent: number): string {
  return `${Number(percent.toFixed(4))}%`;
}

const yuanFormat = new Intl.NumberFormat(SITE_LOCALE, { maximumFractionDigits: 2 });
const wholeYuanFormat = new Intl.NumberFormat(SITE_LOCALE, { maximumFractionDigits: 0 });

/** 1234.5 → "1,234.5 元" */
export function formatYuan(yuan: number): string {
  return `${yuanFormat.format(yuan)} 元`;
}

/** Estimates are rounded to whole yuan: decimals would suggest a precision the figures do not have. */
export function formatYuanRounded(yuan: number): string {
  return `${wholeYuanFormat.format(Math.round(yuan))} 元`;
}

/** What a missing figure reads as, everywhere. */
export const UNDISCLOSED = '未公开';

/** "0.5%（封顶 20 元）" · "0.38%（单笔 1,000 元以内）" · "未公开" */
export function describeRate(rate: Rate | null): string {
  if (rate === null || rate.percent === null) return UNDISCLOSED;
  const qualifiers = [
    'capYuan' in rate && rate.capYuan !== undefined ? `封顶 ${formatYuan(rate.capYuan)}` : undefined,
    'limitYuan' in rate && rate.limitYuan !== undefined ? `单笔 ${formatYuan(rate.limitYuan)}以内` : undefined,
  ].filter((part) => part !== undefined);
  return qualifiers.length ? `${formatPercent(rate.percent)}（${qualifiers.join('，')}）` : formatPercent(rate.percent);
}

/** Deposit: "无押金" · "99 元" · "未公开". */
export function describeDeposit(amountYuan: number | null): string {
  if (amountYuan === null) return UNDISCLOSED;
  return amountYuan === 0 ? '无押金' : formatYuan(amountYuan);
}

/** SIM fee per year: "不收" · "60 元/年" · "未公开". */
export function describeSimFee(yuanPerYear: number | null): string {
  if (yuanPerYear === null) return UNDISCLOSED;
  return yuanPerYear === 0 ? '不收' : `${formatYuan(yuanPerYear)}/年`;
}
