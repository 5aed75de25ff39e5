/**
 * The production build, end to end: one `astro build` + `pagefind` of a copy of the real content with a planted
 * draft, shared by every assertion below. Assertions are per file (the real content grows), never exact counts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'astro/zod';
import { articleSchema, MAX_META_DESCRIPTION_CHARS, productSchema } from '../../site/src/content-schemas.ts';
import { isoDay } from '../../site/src/lib/format.ts';
import { DEFAULT_RETENTION_DAYS, OPEN_APPLICATION_RETENTION_DAYS, PRIVACY_POLICY_VERSION } from '#domain/privacy-policy.ts';
import { EXAMPLE_OPERATOR } from '../../functions/deployment/site-operator.ts';
import { renderApplicationPage, renderMissingReferencePage, renderStatusPage, renderThankYouPage } from '../../functions/http/html-pages.ts';
import { DEFAULT_SHARE_CARD_PATH, DEFAULT_SHARE_CARD_TITLE, renderHead, renderSiteHeader, SHARE_CARD, shareCardAlt } from '../../functions/http/page-shell.ts';
import { applyPageText, statusPageText } from '../../functions/http/page-texts.ts';
import { applicationMessages } from '#domain/application.ts';
import { nuHtmlErrors } from '../support/nu-html-checker.ts';
import { validQuote } from '../support/quote-fixtures.ts';
import { NEXT_STEPS_HTML } from '../../functions/http/html-fragments.ts';
import sharp from 'sharp';
import { fixturesDir, repoRoot, textOf } from './support.ts';
import { withoutQuotes } from '../../site/checks/mdx-scan.ts';
import { absoluteTerms, freeWithoutQualifier, unionpayAsProduct } from '../../site/checks/wording.ts';
import { editorTraces } from './cms/editor-traces.ts';

const run = promisify(execFile);
const astroCli = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');
const pagefindCli = path.join(repoRoot, 'node_modules/pagefind/lib/runner/bin.cjs');
const BUILD_TIMEOUT_MS = 300_000;
const PLANTED_DRAFT = 'planted-draft-article';
const PLANTED_DRAFT_WORD = '蓝鲸草稿暗号';
/** Production settings as infra/deploy.ts passes them: every absolute URL and the privacy contact must follow them. */
const SITE_URL = 'https://pos-build-test.example.com';
const PRIVACY_CONTACT_EMAIL = 'privacy@pos-build-test.example.com';

const frontmatterSchema = articleSchema({ cover: z.string(), tag: z.string(), brand: z.string() });

interface ArticleSource {
  slug: string;
  data: z.output<typeof frontmatterSchema>;
}

const PLANTED_ISSUER = 'https://planted-issuer.example.org/oidc';
let workDir: string;
let dist: string;
let articles: ArticleSource[];
let brands: { id: string; modelCount: number }[];

async function build(contentDir: string, outDir: string) {
  return run(process.execPath, [astroCli, 'build', '--root', 'site', '--outDir', outDir], {
    cwd: repoRoot,
    // A console sign-in variable left in the shell, as the old build-time configuration read: it must reach nothing.
    env: { ...process.env, CONTENT_DIR: contentDir, SITE_URL, PRIVACY_CONTACT_EMAIL, PUBLIC_CONSOLE_OIDC_ISSUER: PLANTED_ISSUER },
    maxBuffer: 32 * 1024 * 1024,
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'pos-site-build-'));
  const content = path.join(workDir, 'content');
  await cp(path.join(repoRoot, 'content'), content, { recursive: true });
  await cp(path.join(fixturesDir, 'planted-draft.mdx'), path.join(content, 'articles', `${PLANTED_DRAFT}.mdx`));
  articles = await readArticleSources(path.join(content, 'articles'));
  brands = await readBrands(path.join(content, 'products'));

  dist = path.join(workDir, 'dist');
  await build(content, dist);
  await run(process.execPath, [pagefindCli, '--site', dist], { cwd: repoRoot });
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const published = () => articles.filter((article) => !article.data.draft);
const drafts = () => articles.filter((article) => article.data.draft);
const page = (sitePath: string) => readFile(path.join(dist, sitePath, sitePath.endsWith('/') ? 'index.html' : ''), 'utf8');

describe('article pages', () => {
  test('every published article has a page with title, canonical URL, language and Open Graph', async () => {
    expect(published().length).toBeGreaterThan(0);
    for (const article of published()) {
      const html = await page(`/articles/${article.slug}/`);
      expect(html, article.slug).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/i);
      expect(html, article.slug).toContain(`<link rel="canonical" href="${SITE_URL}/articles/${article.slug}/">`);
      expect(html, article.slug).toContain('<meta property="og:type" content="article">');
      expect(html, article.slug).toContain('<meta property="og:locale" content="zh_CN">');
      expect(html, article.slug).toContain(`<meta property="og:url" content="${SITE_URL}/articles/${article.slug}/">`);
      expect(textOfTag(html, 'h1'), article.slug).toBe(escapeHtml(article.data.title));
    }
  });

  test('every published article carries Article JSON-LD, and FAQPage exactly when it has faq', async () => {
    for (const article of published()) {
      const blocks = jsonLd(await page(`/articles/${article.slug}/`));
      const ld = blocks.find((block) => block['@type'] === 'Article');
      expect(ld, article.slug).toMatchObject({
        headline: article.data.title,
        datePublished: isoDay(article.data.publishedAt),
        mainEntityOfPage: `${SITE_URL}/articles/${article.slug}/`,
        author: { '@type': 'Organization' },
        publisher: { '@type': 'Organization' },
      });
      expect(typeof ld?.dateModified).toBe('string');
      const faq = blocks.find((block) => block['@type'] === 'FAQPage');
      if (article.data.faq) {
        expect(faq?.mainEntity, article.slug).toHaveLength(article.data.faq.length);
        expect((faq?.mainEntity as { name: string }[] | undefined)?.[0]?.name).toBe(article.data.faq[0]?.q);
      } else {
        expect(faq, article.slug).toBeUndefined();
      }
    }
  });

  test('every published article has a BreadcrumbList: 首页 › 文章 › the article', async () => {
    for (const article of published()) {
      const crumbs = jsonLd(await page(`/articles/${article.slug}/`)).find((block) => block['@type'] === 'BreadcrumbList');
      expect(crumbs?.itemListElement, article.slug).toEqual([
        { '@type': 'ListItem', position: 1, name: '首页', item: `${SITE_URL}/` },
        { '@type': 'ListItem', position: 2, name: '文章', item: `${SITE_URL}/articles/` },
        { '@type': 'ListItem', position: 3, name: article.data.title, item: `${SITE_URL}/articles/${article.slug}/` },
      ]);
    }
  });

  test('article pages ship no JavaScript (only JSON-LD scripts)', async () => {
    for (const article of published()) {
      expect(executableScripts(await page(`/articles/${article.slug}/`)), article.slug).toEqual([]);
    }
  });

  test('articles offer a no-JavaScript copy-link box and the apply call to action', async () => {
    for (const article of published()) {
      const html = await page(`/articles/${article.slug}/`);
      expect(html, article.slug).toMatch(new RegExp(`<input[^>]*readonly[^>]*value="${SITE_URL}/articles/${article.slug}/"`));
      expect(html, article.slug).toMatch(/href="\/apply\/(\?brand=[a-z]+)?"/);
    }
  });
});

describe('brand and comparison pages', () => {
  test('every brand has a page with an ItemList of its models as Products, and no JavaScript', async () => {
    expect(brands.length).toBeGreaterThan(0);
    for (const brand of brands) {
      const html = await page(`/brands/${brand.id}/`);
      expect(html, brand.id).toContain(`<link rel="canonical" href="${SITE_URL}/brands/${brand.id}/">`);
      const list = jsonLd(html).find((block) => block['@type'] === 'ItemList');
      const items = (list?.itemListElement ?? []) as { item: { '@type': string; name: string; offers?: unknown } }[];
      expect(
        items.map(({ item }) => item['@type']),
        brand.id,
      ).toEqual(Array(brand.modelCount).fill('Product'));
      // No Offer: "price 0" shows in search results as 免费/¥0 with none of the deposit or fees beside it.
      for (const { item } of items) expect(item.offers, `${brand.id} ${item.name}`).toBeUndefined();
      expect(html, brand.id).toContain(`href="/apply/?brand=${brand.id}"`);
      expect(html, brand.id).toContain('仅供参考');
      expect(executableScripts(html), brand.id).toEqual([]);
    }
  });

  test(`brand pages: H1 "<品牌> POS 机", a description of at most ${MAX_META_DESCRIPTION_CHARS} characters, and a BreadcrumbList`, async () => {
    for (const brand of brands) {
      const html = await page(`/brands/${brand.id}/`);
      const description = /<meta name="description" content="([^"]*)">/.exec(html)?.[1] ?? '';
      expect(textOfTag(html, 'h1'), brand.id).toMatch(/ POS 机$/);
      expect(description.length, `${brand.id}: ${description}`).toBeGreaterThanOrEqual(20);
      expect(description.length, `${brand.id}: ${description}`).toBeLessThanOrEqual(MAX_META_DESCRIPTION_CHARS);
      const crumbs = jsonLd(html).find((block) => block['@type'] === 'BreadcrumbList')?.itemListElement as { item: string }[];
      expect(
        crumbs.map((crumb) => crumb.item),
        brand.id,
      ).toEqual([`${SITE_URL}/`, `${SITE_URL}/brands/`, `${SITE_URL}/brands/${brand.id}/`]);
    }
    expect(textOfTag(await page('/brands/lakala/'), 'h1')).toBe('拉卡拉 POS 机');
  });

  test('the comparison page and the calculator never say 不支持 where the data says nothing (未公开)', async () => {
    for (const sitePath of ['/compare/', '/calculator/']) expect(textOf(await page(sitePath)), sitePath).not.toContain('不支持');
  });

  test('the comparison page lists every model in one table and as an ItemList', async () => {
    const html = await page('/compare/');
    const total = brands.reduce((sum, brand) => sum + brand.modelCount, 0);

    expect(html.match(/<tr data-model="/g)).toHaveLength(total);
    expect(jsonLd(html).find((block) => block['@type'] === 'ItemList')?.numberOfItems).toBe(total);
    expect(html).toContain('仅供参考');
    expect(executableScripts(html)).toEqual([]);
  });

  test('the calculator works without JavaScript: an example table with one row per model', async () => {
    const html = await page('/calculator/');
    const total = brands.reduce((sum, brand) => sum + brand.modelCount, 0);

    expect(html.match(/<tr data-model="/g)).toHaveLength(total);
    expect(html).toMatch(/<form id="calculator-form"[^>]*hidden/);
    expect(html).toContain('<script type="application/json" id="calculator-models">');
  });
});

describe('other pages', () => {
  test.each(['/', '/articles/', '/brands/', '/compare/', '/privacy/', '/404.html'])(
    '%s ships no JavaScript and loads nothing from other origins',
    async (sitePath) => {
      const html = await page(sitePath);

      expect(executableScripts(html)).toEqual([]);
      expect(externalResources(html)).toEqual([]);
    },
  );

  test.each([
    ['/apply/', '<form class="application-form" method="post" action="/api/applications"'],
    ['/status/', '<form class="status-form" method="post" action="/api/applications/status"'],
  ])('%s is a form that works without JavaScript, enhanced by one bundled module script', async (sitePath, form) => {
    const html = await page(sitePath);

    expect(html).toContain(form);
    expect(executableScripts(html)).toHaveLength(1);
    expect(executableScripts(html)[0]).toMatch(/^<script type="module" src="\/_astro\/[^"]+\.js">$/);
    expect(externalResources(html)).toEqual([]);
  });

  test('the home page declares WebSite with a SearchAction', async () => {
    const site = jsonLd(await page('/')).find((block) => block['@type'] === 'WebSite');

    expect(site?.potentialAction).toMatchObject({ '@type': 'SearchAction' });
  });

  test('the privacy page states the policy version, retention, backups, hosting region and the contact', async () => {
    const html = await page('/privacy/');

    expect(html).toContain(PRIVACY_POLICY_VERSION);
    expect(html).toContain(`${DEFAULT_RETENTION_DAYS} 天`);
    expect(html).toContain(`提交后 ${OPEN_APPLICATION_RETENTION_DAYS} 天`);
    expect(html).toContain('最多 35 天');
    expect(html).toContain('中国香港');
    expect(html).toContain('身份证号');
    expect(html).toContain(`<a href="mailto:${PRIVACY_CONTACT_EMAIL}">${PRIVACY_CONTACT_EMAIL}</a>`);
  });

  test('the privacy page has the provider-sharing section the form links to, naming who receives the data', async () => {
    const html = await page('/privacy/');
    const section = /<h2 id="provider-sharing">[\s\S]*?(?=<h2)/.exec(html)?.[0] ?? '';

    expect(section).toContain('单独同意');
    expect(section).toContain('姓名、手机号、所在城市和申请意向');
    expect(section).toContain('拉卡拉支付股份有限公司');
  });

  test('the privacy page speaks to the merchant as 您 and explains itself without raw technical terms', async () => {
    const text = textOf(textOfTag(await page('/privacy/'), 'main') ?? '');

    expect(text).toContain('您');
    expect(text).not.toContain('你');
    for (const term of ['utm_source', 'referrer', 'ap-east-1']) expect(text).not.toContain(term);
    expect(text).not.toMatch(/(?<!（)Cookie/);
  });

  test('tag and brand filter pages exist for every tag and brand linked from the article index', async () => {
    const index = await page('/articles/');
    const filters = [...index.matchAll(/href="(\/articles\/(?:tag|brand)\/[a-z0-9-]+\/)"/g)].map((match) => match[1]!);

    expect(filters.length).toBeGreaterThan(0);
    for (const filter of filters) expect(existsSync(path.join(dist, filter, 'index.html')), filter).toBe(true);
  });

  test('the RSS feed categorises articles by the tag names readers see', async () => {
    const rss = await readFile(path.join(dist, 'rss.xml'), 'utf8');
    const tags = parse(await readFile(path.join(workDir, 'content', 'tags.yaml'), 'utf8')) as { id: string; name: string }[];
    const tagNames = new Map(tags.map((tag) => [tag.id, tag.name]));
    const categories = [...rss.matchAll(/<category>([^<]*)<\/category>/g)].map((match) => match[1]);

    expect(categories.length).toBeGreaterThan(0);
    expect(new Set(categories)).toEqual(new Set(published().flatMap((article) => article.data.tags.map((tag) => tagNames.get(tag)))));
  });

  test('the sitemap dates each article by updatedAt (else publishedAt) and leaves out search and status', async () => {
    const sitemap = await readFile(path.join(dist, 'sitemap-0.xml'), 'utf8');

    for (const article of published()) {
      const day = isoDay(article.data.updatedAt ?? article.data.publishedAt);
      expect(sitemap, article.slug).toMatch(new RegExp(`<loc>${SITE_URL}/articles/${article.slug}/</loc><lastmod>${day}T00:00:00\\.000Z</lastmod>`));
    }
    for (const hidden of ['/search/', '/status/', '/console/', '/404/']) expect(sitemap).not.toContain(`${SITE_URL}${hidden}`);
    expect(await page('/search/')).toContain('<meta name="robots" content="noindex">');
  });

  test('every indexable page tells Baidu it suits phones and computers (no-transform is a CloudFront header)', async () => {
    for (const sitePath of ['/', '/articles/', `/articles/${published()[0]!.slug}/`, '/brands/lakala/', '/compare/', '/apply/']) {
      expect(await page(sitePath), sitePath).toContain('<meta name="applicable-device" content="pc,mobile">');
    }
  });

  test('robots.txt points at the absolute sitemap URL', async () => {
    expect(await readFile(path.join(dist, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${SITE_URL}/sitemap-index.xml`);
  });
});

/** The first `<tag class="…">…</tag>` of a page, as served. */
function shellPart(html: string, tag: 'header' | 'footer'): string | undefined {
  return new RegExp(`<${tag} class="site-${tag}">[\\s\\S]*?</${tag}>`).exec(html)?.[0];
}

describe('one page shell for the site and the API', () => {
  test('the API error page and a built page carry the same header and footer', async () => {
    const site = await page('/privacy/');
    const api = renderApplicationPage({ operator: EXAMPLE_OPERATOR }, {}, { phone: applicationMessages.phone }, '提交的信息有误');

    expect(shellPart(site, 'header')).toBeDefined();
    expect(shellPart(site, 'footer')).toBeDefined();
    expect(shellPart(api, 'header')).toBe(shellPart(site, 'header'));
    expect(shellPart(api, 'footer')).toBe(shellPart(site, 'footer'));
    expect(api).toContain('<a class="skip-link" href="#main">跳到正文</a>');
    expect(site).toContain('<a class="skip-link" href="#main">跳到正文</a>');
  });

  test('API pages and built pages render the same <head>, with one title and description per page', async () => {
    const headOf = (html: string) => /<head>([\s\S]*?)<\/head>/.exec(html)?.[1]?.trim();
    const cases = [
      { path: '/apply/', text: applyPageText, api: renderApplicationPage({ operator: EXAMPLE_OPERATOR }, {}, {}, '请稍后重试') },
      { path: '/status/', text: statusPageText, api: renderStatusPage({ operator: EXAMPLE_OPERATOR }, { kind: 'form', values: {}, errors: {} }) },
    ];
    // The same default share card on both; the API's pages name it by path when no site origin is configured (here).
    const defaultCard = (origin: string) => ({ url: `${origin}${DEFAULT_SHARE_CARD_PATH}`, alt: shareCardAlt(DEFAULT_SHARE_CARD_TITLE), ...SHARE_CARD });
    for (const { path: sitePath, text, api } of cases) {
      const site = await page(sitePath);
      expect(headOf(site), sitePath).toContain(renderHead({ ...text, canonical: `${SITE_URL}${sitePath}`, image: defaultCard(SITE_URL) }));
      expect(headOf(api), sitePath).toBe(renderHead({ ...text, image: defaultCard('') }));
    }
  });

  test('a built page marks its own section in the same header markup', async () => {
    const site = await page('/apply/');

    expect(shellPart(site, 'header')).toBe(renderSiteHeader('/apply/'));
    expect(shellPart(site, 'header')).toContain('<a href="/apply/" aria-current="page">申请机器</a>');
  });
});

describe('drafts never reach production', () => {
  test('the planted draft is in the content copy', () => {
    expect(drafts().map((article) => article.slug)).toContain(PLANTED_DRAFT);
  });

  test('no draft has a page, a sitemap entry or an RSS item; every published article has both', async () => {
    const sitemap = await readFile(path.join(dist, 'sitemap-0.xml'), 'utf8');
    const rss = await readFile(path.join(dist, 'rss.xml'), 'utf8');

    for (const draft of drafts()) {
      expect(existsSync(path.join(dist, 'articles', draft.slug)), draft.slug).toBe(false);
      expect(sitemap).not.toContain(`/articles/${draft.slug}/`);
      expect(rss).not.toContain(`/articles/${draft.slug}/`);
    }
    for (const article of published()) {
      expect(sitemap).toContain(`<loc>${SITE_URL}/articles/${article.slug}/</loc>`);
      expect(rss).toContain(`<link>${SITE_URL}/articles/${article.slug}/</link>`);
    }
  });

  test('search does not find the draft', async () => {
    expect(await search(PLANTED_DRAFT_WORD)).toEqual([]);
  });
});

describe('search index', () => {
  test('pagefind indexed the site as Chinese', async () => {
    const entry = JSON.parse(await readFile(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, unknown> };

    expect(Object.keys(entry.languages)).toEqual(['zh-cn']);
  });

  test('a Chinese query finds articles', async () => {
    const results = await search('注销');

    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => /^\/(articles|brands)\/[a-z0-9-]+\/$/.test(result.url))).toBe(true);
  });

  test('brand pages (product data) are searchable too', async () => {
    const lakala = brands.find((brand) => brand.id === 'lakala');
    if (!lakala) return;

    expect((await search('拉卡拉')).map((result) => result.url)).toContain('/brands/lakala/');
  });
});

describe('valid HTML (W3C Nu HTML Checker)', () => {
  /** The pages the API renders itself (forms posted without JavaScript), in each state a merchant can meet. */
  const apiPages: Record<string, string> = {
    'application-form-errors': renderApplicationPage(
      { operator: EXAMPLE_OPERATOR },
      { name: '张三', phone: '1380013' },
      { phone: applicationMessages.phone },
      '请检查标红的项目',
    ),
    'application-unavailable': renderApplicationPage({ operator: EXAMPLE_OPERATOR }, { name: '张三' }, {}, '网络繁忙，请稍后重试'),
    'thank-you': renderThankYouPage({ operator: EXAMPLE_OPERATOR }, 'PA-7K3M-9QXD'),
    'missing-reference': renderMissingReferencePage({ operator: EXAMPLE_OPERATOR }),
    'status-found': renderStatusPage(
      { operator: EXAMPLE_OPERATOR },
      {
        kind: 'found',
        reference: 'PA-7K3M-9QXD',
        status: 'pending_review',
        updatedAt: '2026-11-25T08:00:00.000Z',
      },
    ),
    'status-found-with-quote': renderStatusPage(
      { operator: EXAMPLE_OPERATOR },
      {
        kind: 'found',
        reference: 'PA-7K3M-9QXD',
        status: 'contacted',
        updatedAt: '2026-11-25T08:00:00.000Z',
        quote: { ...validQuote(), note: '首年免流量费', recordedAt: '2026-11-25T09:00:00.000Z', revision: 2 },
      },
    ),
    'status-form-errors': renderStatusPage(
      { operator: EXAMPLE_OPERATOR },
      {
        kind: 'form',
        values: { reference: 'PA-1' },
        errors: { reference: '申请编号格式不对' },
        message: '请检查标红的项目',
      },
    ),
  };

  test('every built page and every API-rendered page has no checker error', async () => {
    const apiDir = path.join(workDir, 'api-pages');
    await mkdir(apiDir, { recursive: true });
    await Promise.all(Object.entries(apiPages).map(([name, html]) => writeFile(path.join(apiDir, `${name}.html`), html)));
    const files = [...(await htmlFilesUnder(dist)), ...(await htmlFilesUnder(apiDir))];

    const errors = await nuHtmlErrors(files);

    const shown = errors.map((error) => `${path.relative(workDir, error.file)}:${error.line} ${error.message} — ${error.extract}`);
    expect(shown, shown.join('\n')).toEqual([]);
    expect(files.length).toBeGreaterThan(Object.keys(apiPages).length + 20);
  }, 120_000);

  test('the checker finds what it should (a page script after </html>, a bad autocomplete token)', async () => {
    const planted = path.join(workDir, 'planted-invalid.html');
    await writeFile(
      planted,
      '<!doctype html><html lang="zh-CN"><head><title>x</title></head><body><input type="tel" autocomplete="tel-nationally"></body></html>\n<script type="module">1</script>',
    );

    const errors = await nuHtmlErrors([planted]);

    const messages = errors.map((error) => error.message).join('\n');
    expect(messages).toMatch(/autocomplete/);
    expect(messages).toMatch(/Stray start tag .script./);
    expect(errors.every((error) => error.file === planted && error.line >= 1)).toBe(true);
    // One JVM start: seconds on a busy machine, well past the default 5 s.
  }, 60_000);
});

async function htmlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('"免费" calls to action', () => {
  test('every page with a 免费 link to the form says what may still be charged, and none offers "a 银联 machine"', async () => {
    const offenders: string[] = [];
    for (const file of await htmlFilesUnder(dist)) {
      const html = await readFile(file, 'utf8');
      const freeLinks = [...html.matchAll(/<a [^>]*href="\/apply\/[^"]*"[^>]*>([^<]*免费[^<]*)<\/a>/g)].map((match) => match[1]);
      if (freeLinks.length > 0 && !/class="free-qualifier"[^>]*>[^<]*押金[^<]*流量费[^<]*服务费或激活费/.test(html))
        offenders.push(`${path.relative(dist, file)}: ${freeLinks.join(', ')}`);
      if (/免费申请银联(?!商务)/.test(textOf(html))) offenders.push(`${path.relative(dist, file)}: 免费申请银联`);
    }

    expect(offenders).toEqual([]);
  });
});

describe('review console sign-in', () => {
  test('no built file names an identity provider or client: the console reads /console/config.json at run time', async () => {
    const offenders: string[] = [];
    let readsConfig = false;
    for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(html|js|mjs|json)$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      const text = await readFile(file, 'utf8');
      for (const marker of ['planted-issuer', 'cognito-idp', 'pos-portal-console-local', '"/oidc"', "'/oidc'"]) {
        if (text.includes(marker)) offenders.push(`${path.relative(dist, file)}: ${marker}`);
      }
      if (text.includes('/console/config.json')) readsConfig = true;
    }

    expect(offenders).toEqual([]);
    expect(readsConfig).toBe(true);
    expect(existsSync(path.join(dist, 'console', 'config.json'))).toBe(false);
  });
});

describe('what search results and share cards show (titles, descriptions, JSON-LD)', () => {
  /** Every string value inside a JSON-LD block, with the key that holds it. */
  function jsonLdStrings(value: unknown, key = ''): { key: string; text: string }[] {
    if (typeof value === 'string') return [{ key, text: value }];
    if (Array.isArray(value)) return value.flatMap((item) => jsonLdStrings(item, key));
    if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([child, item]) => jsonLdStrings(item, child));
    return [];
  }

  test('no 免费 without the deposit and a non-refundable fee, no 广告法 absolutes, no "银联" product, no price 0', async () => {
    const offenders: string[] = [];
    for (const file of await htmlFilesUnder(dist)) {
      const html = await readFile(file, 'utf8');
      const where = path.relative(dist, file);
      const metas = [
        { kind: 'title' as const, text: textOfTag(html, 'title') ?? '' },
        { kind: 'title' as const, text: /<meta property="og:title" content="([^"]*)">/.exec(html)?.[1] ?? '' },
        { kind: 'description' as const, text: /<meta name="description" content="([^"]*)">/.exec(html)?.[1] ?? '' },
        { kind: 'description' as const, text: /<meta property="og:description" content="([^"]*)">/.exec(html)?.[1] ?? '' },
        ...jsonLd(html).flatMap((block) =>
          jsonLdStrings(block).map(({ key, text }) => ({ kind: key === 'name' || key === 'headline' ? ('title' as const) : ('description' as const), text })),
        ),
      ];
      for (const { kind, text } of metas) {
        const plain = withoutQuotes(text);
        for (const hit of [...freeWithoutQualifier(plain, kind), ...absoluteTerms(plain), ...unionpayAsProduct(plain)])
          offenders.push(`${where}: ${hit.words} in “${text}”`);
      }
      for (const block of jsonLd(html)) {
        if (JSON.stringify(block).includes('"price"')) offenders.push(`${where}: JSON-LD price`);
        if (JSON.stringify(block).includes('"name":"银联"')) offenders.push(`${where}: JSON-LD brand 银联`);
      }
    }

    expect(offenders).toEqual([]);
  });
});

describe('content security policy', () => {
  test('no page has an inline executable script or an event-handler attribute (the CSP allows neither)', async () => {
    const offenders: string[] = [];
    for (const file of await htmlFilesUnder(dist)) {
      const html = await readFile(file, 'utf8');
      for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
        const isData = /\btype="application\/(ld\+)?json"/.test(tag);
        if (!isData && !/\bsrc="/.test(tag)) offenders.push(`${path.relative(dist, file)}: ${tag}`);
      }
      for (const [attribute] of html.matchAll(/<[a-z][^>]*\son[a-z]+\s*=/gi)) offenders.push(`${path.relative(dist, file)}: ${attribute}`);
      if (/href="javascript:/i.test(html)) offenders.push(`${path.relative(dist, file)}: javascript: URL`);
    }

    expect(offenders).toEqual([]);
  });

  test("no page has a <style> element or a style attribute (style-src has no 'unsafe-inline')", async () => {
    const offenders: string[] = [];
    for (const file of await htmlFilesUnder(dist)) {
      const html = await readFile(file, 'utf8');
      for (const [tag] of html.matchAll(/<style\b[^>]*>/g)) offenders.push(`${path.relative(dist, file)}: ${tag}`);
      for (const [attribute] of html.matchAll(/<[a-z][^>]*\sstyle\s*=\s*"[^"]*"/gi)) offenders.push(`${path.relative(dist, file)}: ${attribute.slice(-80)}`);
    }

    expect(offenders).toEqual([]);
  });
});

describe('the marketing editor stays out of the public site', () => {
  test('no /keystatic or /api/keystatic route, no React, no Keystatic code, no island in the build', async () => {
    expect(await editorTraces(dist)).toEqual([]);
  });
});

describe('share cards and icons', () => {
  test('every page has an og:image of the right size with alt text, served from the site itself', async () => {
    const problems: string[] = [];
    const checked = new Map<string, { width: number; height: number }>();
    for (const file of await htmlFilesUnder(dist)) {
      const html = await readFile(file, 'utf8');
      const name = path.relative(dist, file);
      if (name.startsWith('console')) continue; // noindex, signed-in staff only; still checked below for presence
      const meta = (property: string) => new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(html)?.[1];
      const image = meta('og:image');
      if (!image?.startsWith(`${SITE_URL}/`)) {
        problems.push(`${name}: og:image ${image ?? 'missing'}`);
        continue;
      }
      if (!meta('og:image:alt')) problems.push(`${name}: no og:image:alt`);
      const imagePath = new URL(image).pathname;
      if (!checked.has(imagePath)) {
        const { width = 0, height = 0 } = await sharp(path.join(dist, imagePath))
          .metadata()
          .catch(() => ({ width: 0, height: 0 }));
        checked.set(imagePath, { width, height });
      }
      const size = checked.get(imagePath)!;
      if (`${size.width}x${size.height}` !== `${meta('og:image:width')}x${meta('og:image:height')}` || size.width !== 1200 || size.height !== 630) {
        problems.push(`${name}: ${imagePath} is ${size.width}x${size.height}, meta says ${meta('og:image:width')}x${meta('og:image:height')}`);
      }
    }

    expect(problems).toEqual([]);
    expect(checked.has('/og/default.png')).toBe(true);
  });

  test('each article has its own card', async () => {
    for (const article of published()) {
      expect(await page(`/articles/${article.slug}/`), article.slug).toContain(`content="${SITE_URL}/og/articles/${article.slug}.png"`);
    }
  });

  test('the favicon set: /favicon.ico (ICO), a 192 px PNG and a 180 px apple-touch icon, linked from every page', async () => {
    const ico = await readFile(path.join(dist, 'favicon.ico'));
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(await sharp(path.join(dist, 'icon-192.png')).metadata()).toMatchObject({ width: 192, height: 192, format: 'png' });
    expect(await sharp(path.join(dist, 'apple-touch-icon.png')).metadata()).toMatchObject({ width: 180, height: 180, format: 'png' });
    const home = await page('/');
    expect(home).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png">');
    expect(home).toContain('<link rel="icon" href="/icon-192.png" type="image/png" sizes="192x192">');
  });
});

describe('operator identity and contact', () => {
  test('every page names the operator in the footer; a local build marks it as the example', async () => {
    for (const file of await htmlFilesUnder(dist)) {
      const footer = shellPart(await readFile(file, 'utf8'), 'footer') ?? '';
      expect(footer, path.relative(dist, file)).toContain('本站运营方：示例运营方');
    }
  });

  test('the privacy page names the operator and how to reach them (PIPL Art. 17); the home page has Organization JSON-LD', async () => {
    expect(await page('/privacy/')).toMatch(/<h2 id="operator">谁在处理您的信息<\/h2>[\s\S]*示例运营方[\s\S]*tel:4000000000/);
    expect(await page('/')).toMatch(/"@type":"Organization"[^<]*"legalName":"示例运营方/);
  });

  test('apply and status pages show who will call and how to reach a person; the caller is a contact card', async () => {
    for (const sitePath of ['/apply/', '/status/']) {
      const html = await page(sitePath);
      expect(html, sitePath).toContain('<strong class="caller-number">020-0000-0000</strong>');
      expect(html, sitePath).toContain('readonly value="example_wechat"');
    }
    const vcard = await readFile(path.join(dist, 'contact.vcf'), 'utf8');
    expect(vcard).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
    expect(vcard).toContain('TEL;TYPE=WORK,VOICE:020-0000-0000');
  });

  test('the article on applying tells the same next steps as the thank-you and status pages', async () => {
    const article = await page('/articles/free-application-process/');
    for (const step of NEXT_STEPS_HTML) expect(article).toContain(step);
  });

  test(
    'a production build without the operator fails, saying what to fill in',
    async () => {
      const failure = await run(process.execPath, [astroCli, 'build', '--root', 'site', '--outDir', path.join(workDir, 'prod-dist')], {
        cwd: repoRoot,
        env: { ...process.env, SITE_STAGE: 'prod', SITE_URL, PRIVACY_CONTACT_EMAIL },
        maxBuffer: 32 * 1024 * 1024,
      }).then(
        () => undefined,
        (error: { stdout: string; stderr: string }) => `${error.stdout}\n${error.stderr}`,
      );

      expect(failure).toContain('No site operator for stage "prod"');
      expect(existsSync(path.join(workDir, 'prod-dist', 'index.html'))).toBe(false);
    },
    BUILD_TIMEOUT_MS,
  );
});

describe('a wrong frontmatter fails the build', () => {
  test(
    'naming the file and the field',
    async () => {
      const content = path.join(workDir, 'broken-content');
      await cp(path.join(repoRoot, 'content'), content, { recursive: true });
      await cp(path.join(fixturesDir, 'broken-frontmatter.mdx'), path.join(content, 'articles', 'broken-frontmatter.mdx'));

      const failure = await build(content, path.join(workDir, 'broken-dist')).then(
        () => undefined,
        (error: { stdout: string; stderr: string }) => `${error.stdout}\n${error.stderr}`,
      );

      expect(failure).toBeDefined();
      expect(failure).toContain('broken-frontmatter');
      expect(failure).toContain('description');
    },
    BUILD_TIMEOUT_MS,
  );
});

// Helpers

/** Frontmatter of every article, parsed by the real schema (a content error fails here, before any page check). */
async function readArticleSources(dir: string): Promise<ArticleSource[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.mdx'));
  return Promise.all(
    files.map(async (name) => {
      const text = await readFile(path.join(dir, name), 'utf8');
      const frontmatter = parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') as unknown;
      return { slug: name.replace(/\.mdx$/, ''), data: frontmatterSchema.parse(frontmatter) };
    }),
  );
}

async function readBrands(dir: string): Promise<{ id: string; modelCount: number }[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.yaml'));
  return Promise.all(
    files.map(async (name) => {
      const product = productSchema.parse(parse(await readFile(path.join(dir, name), 'utf8')));
      return { id: name.replace(/\.yaml$/, ''), modelCount: product.models.length };
    }),
  );
}

/** Every <script> that is not structured data (JSON-LD) — i.e. JavaScript the page would run. */
function executableScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]).filter((tag) => !tag.includes('type="application/ld+json"'));
}

/** Scripts, stylesheets, images and frames loaded from another origin (they stall in mainland China). */
function externalResources(html: string): string[] {
  return [...html.matchAll(/<(script|link|img|iframe|source)\b[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => !/rel="(canonical|alternate)"/.test(tag))
    .filter((tag) => /(src|href|srcset)="(https?:)?\/\//.test(tag));
}

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => JSON.parse(match[1]!) as Record<string, unknown>);
}

function textOfTag(html: string, tag: string): string | undefined {
  return new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(html)?.[1];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function search(query: string): Promise<{ url: string; title?: string }[]> {
  const { stdout } = await run(process.execPath, [path.join(repoRoot, 'test/site/pagefind-query.ts'), dist, query], { cwd: repoRoot });
  return JSON.parse(stdout) as { url: string; title?: string }[];
}
