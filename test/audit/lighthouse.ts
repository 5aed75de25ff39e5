/**
 * `npm run audit:lighthouse`: Lighthouse (mobile emulation, its default) on every page type, printing performance,
 * accessibility, best-practices and SEO scores, and every audit that kept a page below 100. Not part of the tests:
 * scores depend on the machine's load; the browser suite's axe checks are the gate.
 *
 *   npm run audit:lighthouse                              # builds the site if stale, starts the local stack in memory
 *   BASE_URL=https://pos.example.cn npm run audit:lighthouse   # audits a running deployment instead
 *
 * Full JSON reports go to test/artifacts/lighthouse/ (git-ignored).
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import * as z from 'zod';
import { generateReference } from '../../functions/domain/reference.ts';
import { REPOSITORY_ROOT, SITE_DIST_DIR } from '../../functions/local/local-environment.ts';
import { startLocalStack, type LocalStack } from '../../functions/local/local-stack.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../browser/support/chromium.ts';
import { ensureSiteBuilt } from '../browser/support/site-build.ts';

const options = z.object({ BASE_URL: z.url().optional() }).parse(process.env);
const REPORT_DIR = join(REPOSITORY_ROOT, 'test/artifacts/lighthouse');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

let stack: LocalStack | undefined;
let baseUrl: string;
if (options.BASE_URL) {
  baseUrl = options.BASE_URL.replace(/\/$/, '');
} else {
  await ensureSiteBuilt();
  stack = await startLocalStack({ port: 0, inMemory: true, env: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  baseUrl = stack.url;
}

const firstDirectory = async (dir: string, except: string[] = []) =>
  (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !except.includes(e.name))
    .map((e) => e.name)
    .sort()[0];
const article = await firstDirectory(join(SITE_DIST_DIR, 'articles'), ['tag', 'brand']);
const brand = await firstDirectory(join(SITE_DIST_DIR, 'brands'));

const pages: [name: string, path: string][] = [
  ['home', '/'],
  ['article', `/articles/${article}/`],
  ['brand', `/brands/${brand}/`],
  ['comparison', '/compare/'],
  ['calculator', '/calculator/'],
  ['search', `/search/?q=${encodeURIComponent('注销')}`],
  ['apply', '/apply/'],
  ['thank-you (API)', `/api/applications/thanks?ref=${generateReference()}`],
  ['status', '/status/'],
  ['privacy', '/privacy/'],
  // Lighthouse refuses to audit a response with status 404; the same page, served as a file, answers 200.
  ['404', '/404.html'],
];

await mkdir(REPORT_DIR, { recursive: true });
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS });
const rows: string[][] = [];
const shortfalls: string[] = [];
try {
  for (const [name, path] of pages) {
    const result = await lighthouse(`${baseUrl}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
    const { lhr } = result;
    await writeFile(join(REPORT_DIR, `${name.replace(/\W+/g, '-')}.json`), JSON.stringify(lhr));
    rows.push([name, path, ...CATEGORIES.map((category) => String(Math.round((lhr.categories[category]?.score ?? 0) * 100)))]);
    for (const category of CATEGORIES) {
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
          shortfalls.push(`${name} · ${category} · ${audit.id} (${audit.score}): ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ''}`);
        }
      }
    }
  }
} finally {
  chrome.kill();
  await stack?.stop();
}

const header = ['page', 'path', ...CATEGORIES];
console.log(`\nLighthouse (mobile emulation) for ${baseUrl}\n`);
console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(shortfalls.length ? `\nBelow 100 because of:\n${shortfalls.map((line) => `- ${line}`).join('\n')}` : '\nEvery page scores 100 in every category.');
console.log(`\nReports: ${REPORT_DIR}`);
