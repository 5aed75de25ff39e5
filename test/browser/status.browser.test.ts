/**
 * /status/ in a real Chromium against the real local stack, with and without JavaScript. (A lookup of an application
 * made through the form is part of the happy path in apply.browser.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { statusLabels } from '../../functions/presentation/labels-zh.ts';
import { generateReference } from '../../functions/domain/reference.ts';
import { statusLookupMessages } from '../../functions/domain/status-lookup.ts';
import { errorMessages } from '../../functions/http/responses.ts';
import { validApplication } from '../support/application-fixtures.ts';
import { applicationsTable, type ApplicationsTable } from './support/applications-table.ts';
import { launchChromium, VIEWPORTS } from './support/chromium.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let table: ApplicationsTable;
let context: BrowserContext;
let applied: { reference: string; phone: string };

beforeAll(async () => {
  browser = await launchChromium();
  table = applicationsTable();
  const body = validApplication();
  const response = await fetch(`${baseUrl}/api/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  applied = { reference: ((await response.json()) as { reference: string }).reference, phone: String(body.phone) };
});

afterAll(async () => {
  await browser?.close();
  table?.close();
});

afterEach(async () => {
  await context?.close();
});

async function openStatusPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  context = await browser.newContext({ viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true, ...options });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/status/`);
  return page;
}

async function lookUp(page: Page, reference: string, phoneLast4: string): Promise<void> {
  await page.fill('#status-reference', reference);
  await page.fill('#status-phoneLast4', phoneLast4);
  await page.click('button[type="submit"]');
}

/** Labels of the statuses the application had just before and just after the lookup (the review worker moves it on). */
async function labelsAround(lookup: () => Promise<void>): Promise<string[]> {
  const before = (await table.application(applied.reference))?.status as keyof typeof statusLabels;
  await lookup();
  const after = (await table.application(applied.reference))?.status as keyof typeof statusLabels;
  return [statusLabels[before], statusLabels[after]];
}

describe('with JavaScript', () => {
  test('shows the status under the form, without leaving the page', async () => {
    const page = await openStatusPage();

    const labels = await labelsAround(async () => {
      await lookUp(page, ` ${applied.reference.toLowerCase()} `, applied.phone.slice(-4));
      await page.locator('#status-output .status-result').waitFor();
    });

    expect(new URL(page.url()).pathname).toBe('/status/');
    const result = (await page.locator('#status-output').textContent()) ?? '';
    expect(labels.some((label) => result.includes(label))).toBe(true);
    expect(await page.locator('#status-output time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('status-result-title');
  });

  test('says clearly when nothing matches (same message for a wrong reference or wrong digits)', async () => {
    const page = await openStatusPage();

    await lookUp(page, applied.reference, applied.phone.slice(-4) === '0000' ? '1111' : '0000');
    const wrongDigits = await page.locator('.form-message[role="alert"]').textContent();
    await lookUp(page, generateReference(), applied.phone.slice(-4));
    await page.waitForFunction(() => document.querySelector('button[type="submit"]')?.hasAttribute('disabled') === false);
    const wrongReference = await page.locator('.form-message[role="alert"]').textContent();

    expect(wrongDigits).toBe(errorMessages.not_found);
    expect(wrongReference).toBe(errorMessages.not_found);
    expect(await page.locator('#status-output').textContent()).toBe('');
  });

  test("shows the API's messages next to the fields it rejects", async () => {
    const page = await openStatusPage();

    await lookUp(page, 'PA-12', '12a');

    await page.locator('#status-reference-error').waitFor();
    expect(await page.locator('#status-reference-error').textContent()).toBe(statusLookupMessages.reference);
    expect(await page.locator('#status-phoneLast4-error').textContent()).toBe(statusLookupMessages.phoneLast4);
    expect(await page.locator('#status-reference').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('status-reference');
  });
  test('explains the lookup limit kindly, with when to retry', async () => {
    const page = await openStatusPage();
    const message = '查询失败次数太多，请一小时后再试';
    // Reaching the real limit takes dozens of misses; the API's 429 answer is stubbed here.
    await page.route('**/api/applications/status', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'retry-after': '1800' },
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'rate_limited', message, fields: {} } }),
      }),
    );

    await lookUp(page, applied.reference, '0000');

    await expect.poll(() => page.locator('.form-message[role="alert"]').textContent()).toBe(`${message} 请约 30 分钟后再试。`);
  });
});

describe('without JavaScript', () => {
  test('the form posts to the API, which answers with the result page', async () => {
    const page = await openStatusPage({ javaScriptEnabled: false });

    const labels = await labelsAround(() => lookUp(page, applied.reference.replaceAll('-', ''), applied.phone.slice(-4)));

    expect(new URL(page.url()).pathname).toBe('/api/applications/status');
    const result = (await page.locator('.status-result').textContent()) ?? '';
    expect(result).toContain(applied.reference);
    expect(labels.some((label) => result.includes(label))).toBe(true);
    expect(result).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
  });

  test('not found comes back as the form with the message and what was typed', async () => {
    const page = await openStatusPage({ javaScriptEnabled: false });
    const reference = generateReference();

    await lookUp(page, reference, '0000');

    expect(await page.locator('.form-message[role="alert"]').textContent()).toBe(errorMessages.not_found);
    expect(await page.inputValue('#status-reference')).toBe(reference);
  });
});
