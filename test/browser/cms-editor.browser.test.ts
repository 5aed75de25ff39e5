/**
 * A marketer creates an article in the editor (`npm run cms`) in a real Chromium — title, file name,
 * description, tags, a Callout with its options and an uploaded image with alt text — and saves it. The file then
 * passes `npm run check:content` and renders in the dev preview, which also shows the content check's banner; one
 * link in the editor opens that preview. Runs on a copy of content/, never the repository's own.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPOSITORY_ROOT } from '../../functions/local/local-environment.ts';
import { launchChromium } from './support/chromium.ts';
import { startEditorOnCopy, type RunningEditor } from './support/editor-process.ts';

const run = promisify(execFile);
const SLUG = 'editor-test-deposit-questions';
const TITLE = '办理前先问清押金和流量费';
const DESCRIPTION = '办理 POS 机之前，押金多少、什么条件退、流量费从什么时候开始扣，都要先问清楚并留下书面记录，避免日后说不清。';
const CALLOUT_TITLE = '先问清押金';
const CALLOUT_TEXT = '押金的退还条件请写进合同。';
const IMAGE_ALT = '柜台上的一台电签 POS 机';
const IMAGE_FILE = path.join(REPOSITORY_ROOT, 'test/site/fixtures/good/articles/images/lakala-deregistration/terminal.png');

let editor: RunningEditor;
let browser: Browser;

beforeAll(async () => {
  [editor, browser] = await Promise.all([startEditorOnCopy(), launchChromium()]);
  console.log(`npm run cms ready in ${editor.secondsToReady.toFixed(1)} s`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await editor?.stop();
});

/**
 * Opens an editor page and waits for `ready`. On a fresh start Vite bundles the editor's dependencies while the first
 * page loads and may leave that page stale, so a page that is not ready after a while is loaded again.
 */
async function openInEditor(page: Page, url: string, ready: Locator): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      // After a save the editor moves to the entry's page by itself, which can abort a navigation started meanwhile.
      await page.goto(url);
      await ready.waitFor({ timeout: 45_000 });
      return;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

/** The insert menu of the body editor: type "/" and the block's label, then pick it. */
async function insertBlock(page: Page, label: string | RegExp): Promise<void> {
  await page.keyboard.type(`/${typeof label === 'string' ? label : 'Image'}`);
  await page.getByRole('option', { name: label }).click();
}

describe('creating an article in the editor', () => {
  let page: Page;

  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => console.log(`editor page error: ${error.message}`));
    await openInEditor(page, `${editor.url}/keystatic/collection/articles/create`, page.getByRole('textbox', { name: '正文' }));
  }, 200_000);

  test("the editor speaks Chinese and knows the site's tags by name", async () => {
    expect(await page.getByRole('button', { name: '创造' }).isVisible()).toBe(true);
    expect(await page.getByLabel('费率与费用').isVisible()).toBe(true);
    expect(await page.getByText('6–40 字').first().isVisible()).toBe(true);
  });

  test('fill in the form, write the body with a Callout and an image, save', async () => {
    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.keyboard.type('办理之前，先把下面几件事问清楚。');
    await page.keyboard.press('Enter');

    await insertBlock(page, '提示框');
    await page.keyboard.type(CALLOUT_TEXT);
    await page.getByRole('button', { name: 'Edit' }).click();
    const calloutDialog = page.getByRole('dialog').filter({ hasText: '类型' });
    await calloutDialog.getByRole('button', { name: '说明' }).click();
    await page.getByRole('option', { name: '注意' }).click();
    await calloutDialog.getByLabel('标题').fill(CALLOUT_TITLE);
    await calloutDialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => calloutDialog.count()).toBe(0);

    await page.getByText('办理之前，先把下面几件事问清楚。').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), insertBlock(page, /^Image/)]);
    await chooser.setFiles(IMAGE_FILE);
    await page.locator('img[data-filename="terminal.png"]').click();
    // The image's toolbar: edit (file name, alt text), replace, remove; the first opens the dialog.
    await page.locator('button:near(img[data-filename="terminal.png"])').first().click();
    const imageDialog = page.getByRole('dialog').filter({ hasText: 'Alt text' });
    await imageDialog.getByLabel('Alt text').fill(IMAGE_ALT);
    await imageDialog.getByRole('button', { name: '节省' }).click();
    await expect.poll(() => imageDialog.count()).toBe(0);

    await page.getByLabel('标题', { exact: false }).first().fill(TITLE);
    await page.getByLabel('文件名（网址）').fill(SLUG);
    await page.getByLabel('摘要').fill(DESCRIPTION);
    await page.getByLabel('费率与费用').check();
    await page.getByLabel('申请流程').check();
    await page.getByRole('button', { name: '创造' }).click();

    const file = path.join(editor.contentDir, 'articles', `${SLUG}.mdx`);
    await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(true);
    const saved = await readFile(file, 'utf8');
    expect(saved).toContain(`title: ${TITLE}`);
    expect(saved).toMatch(/tags:\n\s+- rates\n\s+- application/);
    expect(saved).toContain(`<Callout type="warning" title="${CALLOUT_TITLE}">`);
    expect(saved).toContain(CALLOUT_TEXT);
    expect(saved).toContain(`![${IMAGE_ALT}](./images/${SLUG}/terminal.png)`);
    // The editor writes the article, then its images (one request, one file after the other).
    const images = async () => (await readdir(path.dirname(editor.contentDir), { recursive: true })).filter((file) => file.endsWith('.png'));
    await expect.poll(images).toContain(path.join('content/articles/images', SLUG, 'terminal.png'));
  }, 120_000);

  test('the saved file passes npm run check:content', async () => {
    const { stdout } = await run(process.execPath, [path.join(REPOSITORY_ROOT, 'site/checks/check-content.ts'), '--dir', editor.contentDir], {
      cwd: REPOSITORY_ROOT,
    });
    expect(stdout).toMatch(/0 个问题/);
  }, 60_000);

  test("one click in the editor opens the dev preview, which renders the article and the check's banner", async () => {
    const previewLink = page.locator(`a[href$="/articles/${SLUG}/"]`);
    await openInEditor(page, `${editor.url}/keystatic/collection/articles/item/${SLUG}`, previewLink);
    const href = await previewLink.getAttribute('href');
    const preview = await browser.newPage();
    // A preview page is compiled on its first request (and runs the content check); give a busy machine time.
    await preview.goto(new URL(href!, editor.url).href, { timeout: 90_000 });
    await preview.locator('.content-check').waitFor({ timeout: 90_000 });
    expect(await preview.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    expect(await preview.getByText(CALLOUT_TEXT).isVisible()).toBe(true);
    expect(await preview.getByRole('img', { name: IMAGE_ALT }).isVisible()).toBe(true);
    expect(await preview.locator('.content-check').textContent()).toContain('没有问题');
    await preview.close();
  }, 120_000);

  test('a problem in the file shows in the preview banner as file:line in Chinese', async () => {
    const file = path.join(editor.contentDir, 'articles', `${SLUG}.mdx`);
    await writeFile(file, (await readFile(file, 'utf8')).replace(CALLOUT_TEXT, `${CALLOUT_TEXT}[坏链接](/no-such-page/)`));
    const preview = await browser.newPage();
    await expect
      .poll(
        async () => {
          await preview.goto(`${editor.url}/articles/${SLUG}/`);
          return preview.locator('.content-check').textContent();
        },
        { timeout: 90_000 },
      )
      .toMatch(new RegExp(`content/articles/${SLUG}\\.mdx:\\d+\\s*.*no-such-page`));
    await preview.goto(`${editor.url}/content-check/`);
    expect(await preview.locator('.content-check').textContent()).toContain('no-such-page');
    await preview.close();
  }, 120_000);
});
