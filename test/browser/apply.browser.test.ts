/**
 * /apply/ in a real Chromium against the real local stack: with JavaScript (the enhanced form) and without it (the
 * plain HTML form and the API's pages), checked in the browser and in DynamoDB.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { applicationMessages } from '../../functions/domain/application.ts';
import { statusLabels } from '../../functions/presentation/labels-zh.ts';
import { PRIVACY_POLICY_VERSION } from '../../functions/domain/privacy-policy.ts';
import { isReference } from '../../functions/domain/reference.ts';
import { errorMessages } from '../../functions/http/responses.ts';
import { applicationsTable, type ApplicationsTable } from './support/applications-table.ts';
import { fillApplication, newApplicant, waitForEnhancedForm, waitOutMinimumFillTime } from './support/application-form.ts';
import { launchChromium, VIEWPORTS } from './support/chromium.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let table: ApplicationsTable;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  table = applicationsTable();
});

afterAll(async () => {
  await browser?.close();
  table?.close();
});

afterEach(async () => {
  await context?.close();
});

async function phonePage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  context = await browser.newContext({ viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true, locale: 'zh-CN', ...options });
  return context.newPage();
}

async function openApplyPage(page: Page, query = ''): Promise<void> {
  await page.goto(`${baseUrl}/apply/${query}`);
  await waitForEnhancedForm(page);
}

const shownReference = (page: Page) => page.locator('.reference-box .reference').textContent();

describe('with JavaScript', () => {
  test('a merchant on a phone applies, gets a reference, and the status page shows the application', async () => {
    const page = await phonePage();
    const applicant = newApplicant();
    await openApplyPage(page);

    await fillApplication(page, applicant);
    await page.selectOption('#application-terminalType', 'dianqian');
    await page.fill('#application-note', '下午方便接电话');
    await waitOutMinimumFillTime(page);
    await page.click('button[type="submit"]');

    await expect.poll(() => page.locator('h1').textContent()).toBe('申请已提交');
    const reference = (await shownReference(page)) ?? '';
    expect(isReference(reference)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('application-received');
    expect(await page.locator('a[href="/status/"]').first().isVisible()).toBe(true);
    expect(await page.locator('.next-steps li').count()).toBeGreaterThanOrEqual(3);

    const stored = await table.application(reference);
    expect(stored).toMatchObject({ kind: 'application', brand: 'lakala', city: applicant.city, terminalType: 'dianqian' });
    expect(stored?.consent).toMatchObject({ privacy: true, crossBorder: true, providerSharing: true, version: PRIVACY_POLICY_VERSION });
    expect(await table.itemsWithPhone(applicant.phone)).toHaveLength(1);

    // Typed the way people type it: lower case, no dashes.
    await page.goto(`${baseUrl}/status/`);
    await page.fill('#status-reference', reference.toLowerCase().replaceAll('-', ''));
    await page.fill('#status-phoneLast4', applicant.phone.slice(-4));
    const before = (await table.application(reference))?.status as keyof typeof statusLabels;
    await page.click('button[type="submit"]');
    await page.locator('#status-output .status-result').waitFor();
    const after = (await table.application(reference))?.status as keyof typeof statusLabels;

    const result = (await page.locator('#status-output').textContent()) ?? '';
    expect(result).toContain(reference);
    expect([statusLabels[before], statusLabels[after]].some((label) => result.includes(label))).toBe(true);
    expect(result).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.inputValue('#status-reference')).toBe(reference);
  });

  test('copies the reference with one tap', async () => {
    const page = await phonePage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApplyPage(page);
    await fillApplication(page, newApplicant());
    await waitOutMinimumFillTime(page);
    await page.click('button[type="submit"]');
    const reference = await page.locator('.reference-box .reference').textContent();

    await page.getByRole('button', { name: '复制编号' }).click();

    await expect.poll(() => page.locator('.reference-box [role="status"]').textContent()).toBe('已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reference);
  });

  test('shows each problem in Chinese next to its field, with a summary, and focuses the first', async () => {
    const page = await phonePage();
    await openApplyPage(page);

    await page.click('button[type="submit"]');

    const summary = page.locator('#application-errors');
    expect(await summary.getAttribute('role')).toBe('alert');
    expect(await summary.locator('h2').textContent()).toMatch(/^请修改以下 \d+ 处信息$/);
    for (const [field, id] of [
      ['name', 'application-name'],
      ['phone', 'application-phone'],
      ['city', 'application-city'],
      ['merchantType', 'application-merchantType'],
      ['brand', 'application-brand'],
      ['consent.privacy', 'application-consent-privacy'],
      ['consent.crossBorder', 'application-consent-crossBorder'],
      ['consent.providerSharing', 'application-consent-providerSharing'],
    ] as const) {
      const control = page.locator(`#${id}`);
      expect(await page.locator(`#${id}-error`).textContent(), field).toBe(applicationMessages[field]);
      expect(await control.getAttribute('aria-invalid'), field).toBe('true');
      expect((await control.getAttribute('aria-describedby'))?.split(' '), field).toContain(`${id}-error`);
      expect(await summary.locator(`a[href="#${id}"]`).textContent(), field).toContain(applicationMessages[field]);
    }
    expect(await page.locator('#application-phone').getAttribute('aria-describedby')).toBe('application-phone-hint application-phone-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('application-name');

    // Fixing the name and mistyping the phone: the name's message goes, the phone's stays and gets focus.
    await page.fill('#application-name', '李娜');
    await page.fill('#application-phone', '1234567');
    await page.click('button[type="submit"]');

    expect(await page.locator('#application-name-error').count()).toBe(0);
    expect(await page.locator('#application-name').getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#application-phone-error').textContent()).toBe(applicationMessages.phone);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('application-phone');
  });

  test("puts the API's field messages (400) on the fields", async () => {
    const page = await phonePage();
    await openApplyPage(page);
    await fillApplication(page, newApplicant());
    const message = '这个手机号暂时无法受理';
    // The shared schema already stops anything the API would reject, so the API's answer is stubbed here.
    await page.route('**/api/applications', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'invalid_input', message: '提交的信息有误', fields: { phone: message } } }),
      }),
    );

    await page.click('button[type="submit"]');

    await expect.poll(() => page.locator('#application-phone-error').textContent()).toBe(message);
    expect(await page.locator('#application-phone').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('application-phone');
    expect(await page.locator('button[type="submit"]').isEnabled()).toBe(true);
  });

  test.each([
    [429, '操作太频繁，请稍等一分钟再试', '45', '请约 45 秒后再试'],
    [503, errorMessages.service_unavailable, '5', '请约 5 秒后再试'],
  ])('explains a %i kindly, with when to retry', async (status, message, retryAfter, when) => {
    const page = await phonePage();
    await openApplyPage(page);
    await fillApplication(page, newApplicant());
    await page.route('**/api/applications', (route) =>
      route.fulfill({
        status,
        headers: { 'retry-after': retryAfter },
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'x', message, fields: {} } }),
      }),
    );

    await page.click('button[type="submit"]');

    const notice = page.locator('.form-message[role="alert"]');
    await expect.poll(() => notice.textContent()).toBe(`${message} ${when}。`);
    expect(await page.locator('button[type="submit"]').isEnabled()).toBe(true);
    expect(await page.inputValue('#application-name')).not.toBe('');
  });

  test('a double tap on submit makes exactly one application', async () => {
    const page = await phonePage();
    const applicant = newApplicant();
    await openApplyPage(page);
    await fillApplication(page, applicant);
    await waitOutMinimumFillTime(page);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });

    await page.locator('button[type="submit"]').dblclick();

    await expect.poll(() => page.locator('h1').textContent()).toBe('申请已提交');
    expect(posts).toHaveLength(1);
    const stored = await table.itemsWithPhone(applicant.phone);
    expect(stored).toHaveLength(1);
    expect(String(stored[0]?.pk)).toBe(`APP#${await shownReference(page)}`);
  });

  test('the button is disabled while sending', async () => {
    const page = await phonePage();
    await openApplyPage(page);
    await fillApplication(page, newApplicant());
    await waitOutMinimumFillTime(page);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/applications', async (route) => {
      await held;
      await route.continue();
    });

    await page.click('button[type="submit"]');

    const button = page.locator('button[type="submit"]');
    await expect.poll(() => button.isDisabled()).toBe(true);
    expect(await button.textContent()).toBe('正在提交…');
    release();
    await expect.poll(() => page.locator('h1').textContent()).toBe('申请已提交');
  });

  test('when the answer is lost on the way back, retrying gives the same application, not a second one', async () => {
    const page = await phonePage();
    const applicant = newApplicant();
    await openApplyPage(page);
    await fillApplication(page, applicant);
    await waitOutMinimumFillTime(page);
    const keys: string[] = [];
    // The first request reaches the API (which stores the application); the connection then drops before the answer.
    await page.route('**/api/applications', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      await route.fetch();
      await route.abort('connectionreset');
    });

    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('.form-message[role="alert"]').textContent()).toContain('网络中断，申请可能没有送达');
    expect(await table.itemsWithPhone(applicant.phone)).toHaveLength(1);
    await page.unrouteAll();
    page.on('request', (request) => {
      if (request.method() === 'POST') keys.push(request.headers()['idempotency-key'] ?? '');
    });
    await page.click('button[type="submit"]');

    await expect.poll(() => page.locator('h1').textContent()).toBe('申请已提交');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const stored = await table.itemsWithPhone(applicant.phone);
    expect(stored).toHaveLength(1);
    expect(String(stored[0]?.pk)).toBe(`APP#${await shownReference(page)}`);
  });

  test('a retry after a lost answer with the form changed in between still finds the one application', async () => {
    const page = await phonePage();
    const applicant = newApplicant();
    await openApplyPage(page);
    await fillApplication(page, applicant);
    await waitOutMinimumFillTime(page);
    await page.route('**/api/applications', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('.form-message[role="alert"]').textContent()).toContain('网络中断，申请可能没有送达');
    await page.unrouteAll();

    await page.fill('#application-note', '改了一下备注');
    await page.click('button[type="submit"]');

    await expect.poll(() => page.locator('h1').textContent()).toBe('申请已提交');
    expect(await page.locator('main .notice').first().textContent()).toContain('网络中断前的申请已收到');
    const stored = await table.itemsWithPhone(applicant.phone);
    expect(stored).toHaveLength(1);
    expect(String(stored[0]?.pk)).toBe(`APP#${await shownReference(page)}`);
  });

  test("preselects the brand from a brand page's call to action and records where the merchant came from", async () => {
    const page = await phonePage();
    const applicant = newApplicant();
    delete applicant.brand;
    await page.goto(`${baseUrl}/brands/shengfutong/?utm_source=wechat&utm_medium=article&utm_campaign=autumn`);

    await page.locator('a[href="/apply/?brand=shengfutong"]').first().click();
    await waitForEnhancedForm(page);

    expect(new URL(page.url()).pathname).toBe('/apply/');
    expect(await page.isChecked('input[name="brand"][value="shengfutong"]')).toBe(true);
    await fillApplication(page, applicant);
    await waitOutMinimumFillTime(page);
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('h1').textContent()).toBe('申请已提交');
    const stored = await table.application((await shownReference(page)) ?? '');
    expect(stored).toMatchObject({
      brand: 'shengfutong',
      attribution: { utm_source: 'wechat', utm_medium: 'article', utm_campaign: 'autumn', landingPage: '/brands/shengfutong/' },
    });
  });

  test('keeps the honeypot away from people: off screen, out of the tab order and the accessibility tree', async () => {
    const page = await phonePage();
    await openApplyPage(page);
    const honeypot = page.locator('#application-website');

    const box = await honeypot.boundingBox();
    expect(box === null || box.x + box.width <= 0).toBe(true);
    expect(await page.locator('.form-trap').getAttribute('aria-hidden')).toBe('true');
    expect(await page.locator('form.application-form').ariaSnapshot()).not.toContain('网址');
    await page.evaluate(() => document.querySelector<HTMLInputElement>('#application-website')?.focus());
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('application-website');

    await page.focus('#application-name');
    const visited: string[] = [];
    for (let step = 0; step < 60; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLInputElement | null;
        return element ? `${element.tagName.toLowerCase()}#${element.id}[${element.name ?? ''}]` : '';
      });
      visited.push(focused);
      if (focused.startsWith('button')) break;
    }
    expect(visited.at(-1)).toMatch(/^button/);
    expect(visited.join(' ')).not.toContain('website');
  });
});

describe('without JavaScript', () => {
  test('the plain form applies: the API answers with its thank-you page and the reference', async () => {
    const page = await phonePage({ javaScriptEnabled: false });
    const applicant = newApplicant({ brand: 'unionpay', city: '北京市' });
    await page.goto(`${baseUrl}/apply/`);
    await fillApplication(page, applicant);

    // The static page has no form token: the first post comes back as the form with one, kept input and a request
    // to confirm; a person reads it and submits again.
    await page.click('button[type="submit"]');
    expect(await page.locator('.form-message').textContent()).toContain('再点一次');
    expect(await page.inputValue('#application-name')).toBe(applicant.name);
    await waitOutMinimumFillTime(page);
    await page.click('button[type="submit"]');

    const url = new URL(page.url());
    expect(url.pathname).toBe('/api/applications/thanks');
    const reference = url.searchParams.get('ref') ?? '';
    expect(isReference(reference)).toBe(true);
    expect(await page.locator('h1').textContent()).toBe('申请已提交');
    expect(await page.locator('.reference').textContent()).toBe(reference);
    expect(await page.locator('main a[href="/status/"]').count()).toBe(1);
    expect(await table.application(reference)).toMatchObject({ kind: 'application', brand: 'unionpay', city: '北京市' });
    expect(await table.itemsWithPhone(applicant.phone)).toHaveLength(1);
  });

  test('an invalid form comes back with the messages next to the fields and the input kept', async () => {
    const page = await phonePage({ javaScriptEnabled: false });
    await page.goto(`${baseUrl}/apply/`);
    await page.fill('#application-name', '赵六');
    await page.fill('#application-phone', '12345');
    await page.selectOption('#application-city', '浙江省 杭州市');

    await page.click('button[type="submit"]');

    expect(new URL(page.url()).pathname).toBe('/api/applications');
    expect(await page.locator('#application-phone-error').textContent()).toBe(applicationMessages.phone);
    expect(await page.locator('#application-phone').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#application-merchantType-error').textContent()).toBe(applicationMessages.merchantType);
    expect(await page.locator('#application-consent-privacy-error').textContent()).toBe(applicationMessages['consent.privacy']);
    expect(await page.inputValue('#application-name')).toBe('赵六');
    expect(await page.inputValue('#application-phone')).toBe('12345');
    expect(await page.inputValue('#application-city')).toBe('浙江省 杭州市');
    expect(await page.locator('#application-name-error').count()).toBe(0);
  });
});
