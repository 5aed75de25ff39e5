/** Filling in /apply/ the way a merchant does, for the browser tests. */
import type { Page } from 'playwright-core';
import { MIN_FILL_TIME_MS } from '../../../functions/domain/form-token.ts';
import type { Brand, MerchantType } from '../../../functions/domain/application.ts';
import { uniquePhone } from '../../support/application-fixtures.ts';

export interface Applicant {
  name: string;
  phone: string;
  /** A `<select>` value: `"广东省 深圳市"` or a municipality. */
  city: string;
  merchantType: MerchantType;
  /** Leave out to keep what the page preselected. */
  brand?: Brand;
}

export function newApplicant(overrides: Partial<Applicant> = {}): Applicant {
  return { name: '王小明', phone: uniquePhone(), city: '广东省 深圳市', merchantType: 'sole_proprietor', brand: 'lakala', ...overrides };
}

export async function fillApplication(page: Page, applicant: Applicant): Promise<void> {
  await page.fill('#application-name', applicant.name);
  await page.fill('#application-phone', applicant.phone);
  await page.selectOption('#application-city', applicant.city);
  await page.check(`input[name="merchantType"][value="${applicant.merchantType}"]`);
  if (applicant.brand) await page.check(`input[name="brand"][value="${applicant.brand}"]`);
  await page.check('#application-consent-privacy');
  await page.check('#application-consent-crossBorder');
  await page.check('#application-consent-providerSharing');
}

/**
 * Intake treats a form sent within 3 s of its form token as a bot's (stored as spam, never reviewed). A test types
 * faster than any person, so it waits until the form's token (issue time in base 36 before the first dot) is old
 * enough, as a person would have. The page's script also waits, so this only keeps timings out of the assertions.
 */
export async function waitOutMinimumFillTime(page: Page): Promise<void> {
  const token = await page.locator('input[name="formToken"]').inputValue();
  const issuedAt = parseInt(token.split('.')[0] ?? '', 36);
  if (!Number.isFinite(issuedAt)) throw new Error('the form has no form token yet');
  const remaining = issuedAt + MIN_FILL_TIME_MS + 250 - Date.now();
  if (remaining > 0) await page.waitForTimeout(remaining);
}

/** The script has enhanced the form (attribution filled in, brand preselected; the form token may still be on its way). */
export async function waitForEnhancedForm(page: Page): Promise<void> {
  await page.locator('form.application-form[data-enhanced]').waitFor({ state: 'attached' });
}
