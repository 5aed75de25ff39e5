/**
 * The written quote in Chromium against the real local stack: a reviewer fills it in the console from the published
 * brand data, the merchant finds it on /status/ with JavaScript and without, axe-clean at 375 px, unknown figures as
 * 未公开; the thank-you content shows how to reach a person.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { applyThroughApi } from '../support/apply-through-api.ts';
import { applicationsTable } from './support/applications-table.ts';
import { fillApplication, newApplicant, waitForEnhancedForm, waitOutMinimumFillTime } from './support/application-form.ts';
import { launchChromium, PHONE_CONTEXT, VIEWPORTS } from './support/chromium.ts';
import { axeViolations } from './support/axe.ts';
import { signInToConsole } from './support/console-sign-in.ts';

const baseUrl = inject('baseUrl');

let browser: Browser;
let applied: { reference: string; phone: string };

beforeAll(async () => {
  browser = await launchChromium();
  applied = await applyThroughApi(baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

/** axe on what the page shows now; a page without JavaScript is checked as a copy in a page that has it. */
async function axeViolationsOf(page: Page, javaScriptEnabled: boolean): Promise<string[]> {
  if (javaScriptEnabled) return axeViolations(page);
  const copy = await (await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'zh-CN' })).newPage();
  try {
    await copy.goto(`${baseUrl}/`);
    await copy.setContent(await page.content(), { waitUntil: 'load' });
    return await axeViolations(copy);
  } finally {
    await copy.context().close();
  }
}

describe('written quote', () => {
  test('a reviewer records it in the console, pre-filled from the brand data; a changed figure needs a note', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone, locale: 'zh-CN' });
    try {
      await signInToConsole(page, 'reviewer');
      await page.evaluate((ref) => (location.hash = `#/applications/${ref}`), applied.reference);
      await page.getByRole('heading', { name: '书面报价单' }).waitFor();

      await page.selectOption('#quote-model', { label: '拉卡拉电签版 POS' });
      expect(await page.inputValue('#quote-creditRatePercent')).toBe('0.6');
      expect(await page.inputValue('#quote-d0SurchargePercent')).toBe('');
      await page.fill('#quote-simFeeYuanPerYear', '0');
      await page.fill('#quote-steps', '收到机器后在拉卡拉官方 App 实名认证、绑定机身号，刷第一笔即激活。');
      await page.getByRole('button', { name: '保存报价单' }).click();
      await expect.poll(() => page.locator('#console-notice').textContent()).toContain('备注');

      await page.fill('#quote-note', '首年免流量费（渠道活动）');
      await page.getByRole('button', { name: '保存报价单' }).click();
      await expect.poll(() => page.locator('#console-notice').textContent()).toContain('报价单已保存');
      await expect.poll(() => page.locator('.console-quote .console-history li').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  // Reads the quote recorded through the console in the test above.
  test.each([true, false])('the merchant sees it on /status/ (JavaScript %s), axe-clean at 375 px, unknown as 未公开', async (javaScriptEnabled) => {
    const context = await browser.newContext({ ...PHONE_CONTEXT, javaScriptEnabled });
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/status/`);
      await page.fill('#status-reference', applied.reference);
      await page.fill('#status-phoneLast4', applied.phone.slice(-4));
      await page.click('button[type="submit"]');
      await page.locator('.quote-table').waitFor();

      const quote = (await page.locator('.quote').textContent()) ?? '';
      expect(quote).toContain('拉卡拉电签版 POS');
      expect(quote).toContain('电话中约定');
      expect(await page.locator('.quote-table tr', { hasText: 'D0' }).locator('td').first().textContent()).toBe('未公开');
      expect(await axeViolationsOf(page, javaScriptEnabled)).toEqual([]);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.locator('.quote-table').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('reaching a person, and when to be called', () => {
  test.each([true, false])('the form takes a preferred call window (JavaScript %s); the thank-you content says who will call', async (javaScriptEnabled) => {
    const context = await browser.newContext({ ...PHONE_CONTEXT, javaScriptEnabled });
    const page = await context.newPage();
    const table = applicationsTable();
    try {
      await page.goto(`${baseUrl}/apply/`);
      if (javaScriptEnabled) await waitForEnhancedForm(page);
      await fillApplication(page, newApplicant());
      await page.selectOption('#application-callWindow', 'evening');
      if (javaScriptEnabled) await waitOutMinimumFillTime(page);
      await page.click('button[type="submit"]');
      if (!javaScriptEnabled) {
        // Without JavaScript the first post comes back with a form token to confirm (README: form tokens).
        await page.locator('.form-message, .form-errors').first().waitFor();
        await waitOutMinimumFillTime(page);
        await page.click('button[type="submit"]');
      }
      await page.getByRole('heading', { name: '申请已提交' }).waitFor();

      const reference = (await page.locator('.reference').textContent())!.trim();
      expect((await table.application(reference))?.callWindow).toBe('evening');
      expect(await page.locator('.caller-number').textContent()).toBe('020-0000-0000');
      expect(await page.locator('a[href="/contact.vcf"]').count()).toBe(1);
      const card = await page.request.get(`${baseUrl}/contact.vcf`);
      expect(card.headers()['content-type']).toBe('text/vcard; charset=utf-8');
      expect(await card.text()).toContain('TEL;TYPE=WORK,VOICE:020-0000-0000');
      expect(await page.inputValue('#contact-wechat-id')).toBe('example_wechat');
      expect(await page.locator('li[data-copy-text] button').count()).toBe(javaScriptEnabled ? 1 : 0);
      expect(await axeViolationsOf(page, javaScriptEnabled)).toEqual([]);
    } finally {
      table.close();
      await context.close();
    }
  });

  test("the copy-WeChat-ID button works without navigator.clipboard, as in WeChat's browser on some phones", async () => {
    const context = await browser.newContext(PHONE_CONTEXT);
    await context.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/status/`);
      await page.locator('li[data-copy-text] button').click();

      await expect.poll(() => page.locator('li[data-copy-text] [role="status"]').textContent()).toContain('已复制');
      expect(await page.evaluate(() => window.getSelection()?.toString() || (document.activeElement as HTMLInputElement | null)?.value)).toBe('example_wechat');
    } finally {
      await context.close();
    }
  });
});
