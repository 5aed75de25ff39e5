/**
 * Mainland mobile numbers. Browser-safe (the form imports it through application.ts).
 */

/** Eleven digits starting 13–19: the only numbers we accept. */
export const MAINLAND_MOBILE_PATTERN = /^1[3-9]\d{9}$/;

const FULL_WIDTH_DIGITS = /[\uFF10-\uFF19]/g;
/** Spaces (ASCII, full-width, no-break), dashes of every width, dots and brackets people type between digit groups. */
const SEPARATORS = /[\s\u00A0\u3000\-\u2010-\u2015\uFF0D.()\uFF08\uFF09]/g;
const COUNTRY_PREFIX = /^(?:\+|00|\uFF0B)?86(?=1\d{10}$)/;

/**
 * Canonical form of what a merchant typed: full-width digits made ASCII, separators removed, a +86 / 0086 / 86
 * prefix dropped. The result still has to match MAINLAND_MOBILE_PATTERN to be valid.
 */
export function normalisePhone(raw: string): string {
  return raw
    .replace(FULL_WIDTH_DIGITS, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(SEPARATORS, '')
    .replace(COUNTRY_PREFIX, '');
}

export function isMainlandMobile(phone: string): boolean {
  return MAINLAND_MOBILE_PATTERN.test(phone);
}

/** `13812341234` → `138****1234`: the only form of a phone number that may appear in logs and listings. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function lastFourDigits(phone: string): string {
  return phone.slice(-4);
}
