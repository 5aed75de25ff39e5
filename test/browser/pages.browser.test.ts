/**
 * Every page type in a real Chromium at 375 px and 1280 px: zero axe-core violations, a screenshot for people to look
 * at (test/artifacts/screenshots/, git-ignored), and the JavaScript each page loads (none on reading pages; the apply
 * page's script within its budget). The API's server-rendered pages are included: they must look like the site.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { generateReference } from '../../functions/domain/reference.ts';
import { REPOSITORY_ROOT, SITE_DIST_DIR } from '../../functions/local/local-environment.ts';
import { fillApplication, newApplicant, waitForEnhancedForm, waitOutMinimumFillTime } from './support/application-form.ts';
import { launchChromium, VIEWPORTS } from './support/chromium.ts';
import { applyThroughApi } from '../support/apply-through-api.ts';
import { axeViolations } from './support/axe.ts';

const baseUrl = inject('baseUrl');
const SCREENSHOT_DIR = join(REPOSITORY_ROOT, 'test/artifacts/screenshots');
/** The apply page's JavaScript, everything it loads, gzipped. */
const APPLY_SCRIPT_BUDGET_BYTES = 15_000;
/** The only pages that run JavaScript; every other page, and every API page, ships none. */
const PAGES_WITH_SCRIPTS = new Set(['/search/', '/calculator/', '/apply/', '/status/']);

let browser: Browser;
let article: string;
let brand: string;
let applied: { reference: string; phone: string };

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const [articles, brands] = await Promise.all([subdirectories(join(SITE_DIST_DIR, 'articles')), subdirectories(join(SITE_DIST_DIR, 'brands'))]);
  article = articles.find((name) => name !== 'tag' && name !== 'brand') ?? '';
  brand = brands[0] ?? '';
  applied = await applyThroughApi(baseUrl);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function subdirectories(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Without the site's scripts, so forms post as plain HTML and the API answers with its own pages. */
async function withoutScripts(page: Page): Promise<void> {
  await page.route('**/_astro/**/*.js', (route) => route.abort());
}

interface PageType {
  name: string;
  /** Brings the page to the state to check. */
  open(page: Page): Promise<void>;
}

const pageTypes: PageType[] = [
  { name: 'home', open: (page) => goto(page, '/') },
  { name: 'articles', open: (page) => goto(page, '/articles/') },
  { name: 'article', open: (page) => goto(page, `/articles/${article}/`) },
  { name: 'brand', open: (page) => goto(page, `/brands/${brand}/`) },
  { name: 'compare', open: (page) => goto(page, '/compare/') },
  {
    name: 'calculator',
    async open(page) {
      await goto(page, '/calculator/');
      await page.locator('#calculator-form').waitFor();
    },
  },
  {
    name: 'search',
    async open(page) {
      await goto(page, `/search/?q=${encodeURIComponent('注销')}`);
      await page.locator('#search-results li').first().waitFor();
    },
  },
  {
    name: 'apply',
    async open(page) {
      await goto(page, '/apply/');
      await waitForEnhancedForm(page);
    },
  },
  {
    name: 'apply-errors',
    async open(page) {
      await pageTypes.find((type) => type.name === 'apply')!.open(page);
      await page.fill('#application-phone', '12345');
      await page.click('button[type="submit"]');
      await page.locator('#application-errors').waitFor();
    },
  },
  {
    name: 'apply-errors-no-js',
    async open(page) {
      await withoutScripts(page);
      await goto(page, '/apply/');
      await page.fill('#application-name', '张三');
      await page.click('button[type="submit"]');
      await page.waitForURL(`${baseUrl}/api/applications`);
    },
  },
  {
    name: 'apply-received',
    async open(page) {
      await pageTypes.find((type) => type.name === 'apply')!.open(page);
      await fillApplication(page, newApplicant());
      await waitOutMinimumFillTime(page);
      await page.click('button[type="submit"]');
      await page.locator('#application-received').waitFor();
    },
  },
  { name: 'thank-you', open: (page) => goto(page, `/api/applications/thanks?ref=${generateReference()}`) },
  { name: 'status', open: (page) => goto(page, '/status/') },
  {
    name: 'status-result',
    async open(page) {
      await goto(page, '/status/');
      await page.fill('#status-reference', applied.reference);
      await page.fill('#status-phoneLast4', applied.phone.slice(-4));
      await page.click('button[type="submit"]');
      await page.locator('#status-output .status-result').waitFor();
    },
  },
  {
    name: 'status-not-found',
    async open(page) {
      await goto(page, '/status/');
      await page.fill('#status-reference', generateReference());
      await page.fill('#status-phoneLast4', '0000');
      await page.click('button[type="submit"]');
      await page.locator('.form-message').waitFor();
    },
  },
  {
    name: 'status-result-no-js',
    async open(page) {
      await withoutScripts(page);
      await goto(page, '/status/');
      await page.fill('#status-reference', applied.reference.toLowerCase());
      await page.fill('#status-phoneLast4', applied.phone.slice(-4));
      await page.click('button[type="submit"]');
      await page.waitForURL(`${baseUrl}/api/applications/status`);
    },
  },
  { name: 'privacy', open: (page) => goto(page, '/privacy/') },
  { name: 'not-found', open: (page) => goto(page, '/no-such-page/') },
];

async function goto(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
}

describe.each(Object.entries(VIEWPORTS))('at %s size', (viewportName, viewport) => {
  let context: BrowserContext;

  beforeAll(async () => {
    context = await browser.newContext({ viewport, isMobile: viewportName === 'phone', hasTouch: viewportName === 'phone', locale: 'zh-CN' });
  });

  afterAll(async () => {
    await context?.close();
  });

  test.each(pageTypes.map((type) => [type.name, type] as const))('%s: no axe violations, screenshot saved', async (name, type) => {
    const page = await context.newPage();
    try {
      await type.open(page);

      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${viewport.width}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });
});

describe('JavaScript per page', () => {
  test.each(pageTypes.map((type) => [type.name, type] as const))('%s', async (name, type) => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    const scripts: { url: string; gzipBytes: Promise<number> }[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push({ url: response.url(), gzipBytes: response.body().then((body) => gzipSync(body, { level: 9 }).length) });
    });
    try {
      await type.open(page);
      const sizes = await Promise.all(scripts.map(async (script) => ({ url: script.url, gzipBytes: await script.gzipBytes })));
      const total = sizes.reduce((sum, script) => sum + script.gzipBytes, 0);

      if (!PAGES_WITH_SCRIPTS.has(new URL(page.url()).pathname)) expect(sizes.map((script) => script.url)).toEqual([]);
      if (name === 'apply') {
        console.info(`apply page JavaScript: ${sizes.length} files, ${total} bytes gzipped (budget ${APPLY_SCRIPT_BUDGET_BYTES})`);
        expect(total).toBeGreaterThan(0);
        expect(total).toBeLessThan(APPLY_SCRIPT_BUDGET_BYTES);
      }
    } finally {
      await context.close();
    }
  });
});

describe("the API's pages wear the site's header and footer", () => {
  test('same navigation, footer links and statement as /apply/', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const chrome = async () =>
      page.evaluate(() =>
        ['header.site-header', 'footer.site-footer'].map((selector) => {
          const element = document.querySelector(selector);
          return {
            text: element?.textContent?.replace(/\s+/g, '') ?? '',
            links: [...(element?.querySelectorAll('a') ?? [])].map((link) => link.getAttribute('href')),
          };
        }),
      );
    try {
      await goto(page, '/apply/');
      const site = await chrome();
      await goto(page, `/api/applications/thanks?ref=${generateReference()}`);
      const api = await chrome();

      expect(site[0]?.links.length).toBeGreaterThan(3);
      expect(api).toEqual(site);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header-inner')!).display)).toBe('flex');
    } finally {
      await context.close();
    }
  });
});
