/**
 * Page weight: what a first visit to each kind of page downloads from the production build, raw and gzipped.
 * The document, its stylesheets (`<link rel=stylesheet>`, inline `<style>`), its scripts (`<script src>`, module
 * preloads, the chunks they import statically, inline scripts) — not JSON-LD or other data blocks, which are not code.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoPath, runMeasured } from './processes.ts';
import { formatBytes, formatCount, type SectionReport } from './report.ts';

const SITE_DIST = repoPath('site/dist');

/** The review console's JavaScript budget: at most this much gzipped per console page. */
export const CONSOLE_JS_BUDGET_GZIP_BYTES = 60 * 1024;

/** Script types that are code; anything else (`application/ld+json`, `application/json`) is data. */
const EXECUTABLE_SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

interface Weight {
  raw: number;
  gzip: number;
}

interface PageWeight {
  html: Weight;
  css: Weight;
  js: Weight;
  /** What is transferred: the document plus each external file once. */
  total: Weight;
  /** Executable scripts found (external URLs and `inline`), for the no-JavaScript check. */
  scripts: string[];
  /** References to other origins: the site must not load any (they stall in mainland China). */
  external: string[];
}

export async function benchmarkPageWeight(): Promise<SectionReport> {
  const method = [
    'From the production build in site/dist (built with `npm run build` first if it is missing).',
    'HTML = the document as served. CSS = linked stylesheets + inline `<style>`. JS = `<script src>`, module preloads, chunks they import statically, and inline scripts; JSON-LD and other data blocks are not code and are not counted as JS.',
    'Inline CSS/JS are part of the document too, so total = document + each external file once (what a first visit transfers; site.css is shared and cached after the first page). Images and fonts are not counted.',
    'gzip = each file compressed separately at level 9.',
  ];
  if (!existsSync(path.join(SITE_DIST, 'index.html'))) {
    await runMeasured('npm', ['run', 'build'], { label: 'npm run build (site/dist was missing)' });
    method.push('site/dist was missing and was built by this run.');
  }

  const articlePaths = await articlePagePaths();
  const brandPath = (await subdirectories(path.join(SITE_DIST, 'brands')))[0];
  const representativeArticle = await medianBySize(articlePaths);
  const pages: [string, string | undefined][] = [
    ['home', '/'],
    ['article (median size)', representativeArticle],
    ['brand', brandPath && `/brands/${brandPath}/`],
    ['compare', '/compare/'],
    ['calculator', '/calculator/'],
    ['apply', '/apply/'],
    ['status', '/status/'],
    ['privacy', '/privacy/'],
    ['search', '/search/'],
    ['404', '/404.html'],
    ['review console', '/console/'],
  ];

  const warnings: string[] = [];
  const rows: string[][] = [];
  for (const [name, sitePath] of pages) {
    if (!sitePath || !existsSync(fileOf(sitePath))) {
      warnings.push(`No ${name} page in site/dist (${sitePath ?? 'none found'}).`);
      continue;
    }
    const weight = await weighPage(sitePath);
    if (weight.external.length) warnings.push(`${sitePath} loads resources from other origins: ${weight.external.join(', ')}`);
    rows.push([name, sitePath, ...[weight.html, weight.css, weight.js, weight.total].map(formatWeight)]);
    if (sitePath === '/console/' && weight.js.gzip > CONSOLE_JS_BUDGET_GZIP_BYTES) {
      warnings.push(
        `The review console ships ${formatBytes(weight.js.gzip)} of JavaScript gzipped, over its ${formatBytes(CONSOLE_JS_BUDGET_GZIP_BYTES)} budget.`,
      );
    }
  }

  const pagefindRuntime = await pagefindFirstQueryWeight();
  if (pagefindRuntime) rows.push(['search: + Pagefind on first query', '/pagefind/', '', '', '', formatWeight(pagefindRuntime)]);

  const articlesWithJs: string[] = [];
  for (const sitePath of articlePaths) {
    if ((await weighPage(sitePath)).scripts.length > 0) articlesWithJs.push(sitePath);
  }
  if (articlesWithJs.length) warnings.push(`Article pages must ship no JavaScript, but these do: ${articlesWithJs.join(', ')}`);

  return {
    title: 'Page weight',
    method,
    tables: [
      {
        title: 'First-visit weight per page type (raw / gzip)',
        columns: ['page', 'path', 'HTML', 'CSS', 'JS', 'total'],
        rows,
        labelColumns: 2,
      },
      {
        title: 'No JavaScript on article pages',
        columns: ['check', 'result'],
        rows: [
          ['article pages checked', formatCount(articlePaths.length)],
          ['article pages with JavaScript', `${formatCount(articlesWithJs.length)} ${articlesWithJs.length === 0 ? '(ok)' : '(FAIL)'}`],
        ],
      },
    ],
    warnings,
  };
}

const formatWeight = (weight: Weight) => `${formatBytes(weight.raw)} / ${formatBytes(weight.gzip)}`;
const sizeOf = (text: string | Buffer): Weight => ({ raw: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).byteLength });
const add = (a: Weight, b: Weight): Weight => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
const NONE: Weight = { raw: 0, gzip: 0 };

/** `/compare/` → site/dist/compare/index.html; `/404.html` → site/dist/404.html; `/_astro/x.js` → the file. */
function fileOf(sitePath: string): string {
  const clean = decodeURIComponent(sitePath.split(/[?#]/)[0]!);
  return path.join(SITE_DIST, clean.endsWith('/') ? `${clean}index.html` : clean);
}

export async function weighPage(sitePath: string): Promise<PageWeight> {
  const html = await readFile(fileOf(sitePath), 'utf8');
  const external: string[] = [];
  const fetched = new Map<string, Weight>();
  const local = (reference: string, from: string): string | undefined => {
    const url = new URL(reference, `https://site.invalid${from}`);
    if (url.host !== 'site.invalid') {
      external.push(url.href);
      return undefined;
    }
    return url.pathname;
  };

  let css = NONE;
  let externalJs = NONE;
  const scripts: string[] = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const href = attribute(tag, 'href');
    if (!href) continue;
    const rel = attribute(tag, 'rel')?.toLowerCase();
    if (rel === 'stylesheet') {
      const file = local(href, sitePath);
      if (file) css = add(css, await fetchOnce(file, fetched));
    }
    if (rel === 'modulepreload') {
      scripts.push(href);
      const file = local(href, sitePath);
      if (file) externalJs = add(externalJs, await fetchScript(file, fetched, local));
    }
  }
  for (const [, body] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) css = add(css, sizeOf(body!));

  let inlineJs = NONE;
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const type = (attribute(`<script ${attributes}>`, 'type') ?? '').toLowerCase();
    if (!EXECUTABLE_SCRIPT_TYPES.has(type)) continue;
    const src = attribute(`<script ${attributes}>`, 'src');
    if (src) {
      scripts.push(src);
      const file = local(src, sitePath);
      if (file) externalJs = add(externalJs, await fetchScript(file, fetched, local));
    } else if (body!.trim()) {
      scripts.push('inline');
      inlineJs = add(inlineJs, sizeOf(body!));
    }
  }

  const document = sizeOf(html);
  const files = [...fetched.values()].reduce(add, NONE);
  return { html: document, css, js: add(externalJs, inlineJs), total: add(document, files), scripts, external };
}

/** A script and, once each, the chunks it imports statically (`import … from "./x.js"`, `import "./x.js"`). */
async function fetchScript(file: string, fetched: Map<string, Weight>, local: (reference: string, from: string) => string | undefined): Promise<Weight> {
  if (fetched.has(file)) return NONE;
  let weight = await fetchOnce(file, fetched);
  const code = await readFile(fileOf(file), 'utf8');
  for (const [, specifier] of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.m?js)["']/g)) {
    const imported = local(specifier!, file);
    if (imported) weight = add(weight, await fetchScript(imported, fetched, local));
  }
  return weight;
}

async function fetchOnce(file: string, fetched: Map<string, Weight>): Promise<Weight> {
  if (fetched.has(file)) return NONE;
  const weight = sizeOf(await readFile(fileOf(file)));
  fetched.set(file, weight);
  return weight;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

async function subdirectories(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every article page: `/articles/<slug>/` (the list, tag and brand listings are other page types). */
async function articlePagePaths(): Promise<string[]> {
  const slugs = (await subdirectories(path.join(SITE_DIST, 'articles'))).filter((slug) => slug !== 'tag' && slug !== 'brand');
  return slugs.map((slug) => `/articles/${slug}/`).filter((sitePath) => existsSync(fileOf(sitePath)));
}

async function medianBySize(sitePaths: readonly string[]): Promise<string | undefined> {
  const sized = await Promise.all(sitePaths.map(async (sitePath) => ({ sitePath, bytes: (await readFile(fileOf(sitePath))).byteLength })));
  sized.sort((a, b) => a.bytes - b.bytes);
  return sized[Math.floor(sized.length / 2)]?.sitePath;
}

/** Pagefind's client, WebAssembly and entry files, fetched on the first query (index chunks come on top, per query). */
async function pagefindFirstQueryWeight(): Promise<Weight | undefined> {
  const dir = path.join(SITE_DIST, 'pagefind');
  if (!existsSync(dir)) return undefined;
  const files = (await readdir(dir)).filter(
    (file) => file === 'pagefind.js' || file === 'pagefind-entry.json' || file.startsWith('wasm.') || file.endsWith('.pf_meta'),
  );
  let weight = NONE;
  for (const file of files) weight = add(weight, sizeOf(await readFile(path.join(dir, file))));
  return weight;
}
