/**
 * The page shell, declared once: the site's name and language, the stylesheet, the skip link, the header with the
 * main navigation and the footer with its links and disclaimer. Both kinds of page render it:
 * - the static site: site/src/components/SiteHeader.astro, SiteFooter.astro, BaseHead.astro and
 *   layouts/BaseLayout.astro (site/src/consts.ts re-exports the values the site needs elsewhere);
 * - the API's server-rendered pages (html-pages.ts: form with messages, thank-you, status result).
 * Both render the same <head> (renderHead) and take the pages' titles and descriptions from page-texts.ts.
 * Dependencies run one way: site/ imports functions/, nothing in functions/ imports site/ (.dependency-cruiser.cjs).
 * Plain values and strings, no runtime imports: pages, client scripts and the Lambdas all load it.
 */
// Type only: the operator's schema (zod) stays out of the client scripts that load this module.
import type { SiteOperator } from '../deployment/site-operator.ts';

/** Language of every page: `<html lang>`, RSS `<language>`, date formatting. */
export const SITE_LOCALE = 'zh-CN';
/** Open Graph spelling of SITE_LOCALE. */
export const SITE_OG_LOCALE = 'zh_CN';

export const SITE_NAME = 'POS 机申请指南';

/** Shared stylesheet with a stable, unhashed URL (site/public/styles/site.css): the API's pages link the same file. */
export const STYLESHEET_PATH = '/styles/site.css';

export const FAVICON_PATH = '/favicon.svg';

/** Share cards (og:image), drawn at build time by site/src/lib/share-images.ts: 1200 × 630, WeChat's and Weibo's crop. */
export const SHARE_CARD = { width: 1200, height: 630 } as const;
/** The site-wide default card (every page without its own, the API's pages included) and what it says. */
export const DEFAULT_SHARE_CARD_PATH = '/og/default.png';
export const DEFAULT_SHARE_CARD_TITLE = '看懂 POS 机的费率、押金和流量费';
/** Alt text of a card: what is written on it. */
export const shareCardAlt = (title: string) => `分享卡片：${title}（${SITE_NAME}）`;

/** Id of every page's `<main>`, the skip link's target. */
export const MAIN_ID = 'main';

/** Main navigation, in display order. */
export const NAV_LINKS = [
  { href: '/articles/', label: '文章' },
  { href: '/compare/', label: '对比' },
  { href: '/calculator/', label: '费用计算' },
  { href: '/search/', label: '搜索' },
  { href: '/apply/', label: '申请机器' },
] as const;

/** Footer links, in display order. */
export const FOOTER_LINKS = [
  { href: '/brands/', label: '品牌介绍' },
  { href: '/data-notes/', label: '数据说明' },
  { href: '/status/', label: '申请进度查询' },
  { href: '/privacy/', label: '隐私政策' },
  { href: '/rss.xml', label: 'RSS 订阅' },
] as const;

/** Footer statement on every page: who we are not, and that figures are for reference. */
export const SITE_DISCLAIMER =
  '本站是独立的资讯与申请服务平台，不是拉卡拉、盛付通或中国银联的官方网站。费率、押金、流量费等数字均由公开信息整理，仅供参考，以机构激活时给出的实际标准为准。';

/** Starts the placeholder operator's name, so a local or dev site is never mistaken for the real operator. */
export const EXAMPLE_OPERATOR_MARK = '示例运营方';

export function isExampleOperator(operator: SiteOperator): boolean {
  return operator.legalName.startsWith(EXAMPLE_OPERATOR_MARK);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text as HTML (the one escaper: html-fragments.ts re-exports it). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** `tel:` target: digits and a leading + only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/**
 * Who runs the site and how to reach them (PIPL Art. 17), on every page: the operator's registered name, phone
 * (`tel:`) and e-mail. The placeholder of local and dev builds is flagged so nobody mistakes it for a real company.
 */
export function renderOperatorLine(operator: SiteOperator): string {
  const example = isExampleOperator(operator) ? ' <strong class="operator-example">（示例信息：正式站点上线前必须填写真实运营方）</strong>' : '';
  return `<p class="site-operator">本站运营方：${escapeHtml(operator.legalName)}${example}；客服电话 <a href="${telHref(operator.phone)}">${escapeHtml(operator.phone)}</a>；邮箱 <a href="mailto:${escapeHtml(operator.email)}">${escapeHtml(operator.email)}</a></p>`;
}

/** The `<title>` of a page: `文章 | POS 机申请指南`, or the site's name alone on the home page. Not escaped. */
export function pageTitle(title: string): string {
  return title === SITE_NAME ? title : `${title} | ${SITE_NAME}`;
}

export interface PageHead {
  title: string;
  description: string;
  /** Open Graph type: `article` on articles. @default 'website' */
  ogType?: 'website' | 'article';
  /** The page's absolute URL. Without one (404, the API's pages) the page is kept out of search results. */
  canonical?: string | undefined;
  /** The share card (og:image): absolute URL, alt text, size in pixels. */
  image?: { url: string; alt: string; width: number; height: number } | undefined;
}

/**
 * Everything in `<head>` that browsers, search engines and chat apps read: title, description, canonical URL or
 * noindex, favicon, the stylesheet, feeds and Open Graph. The site's BaseHead and the API's pages render this one.
 */
export function renderHead({ title, description, ogType = 'website', canonical, image }: PageHead): string {
  return [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Baidu: one page for phones and computers (no separate mobile site). "Do not transcode" is the Cache-Control
    // no-transform header (functions/deployment/cache-control.ts, sent by S3 and CloudFront): HTML forbids it as http-equiv.
    '<meta name="applicable-device" content="pc,mobile">',
    `<title>${escapeHtml(pageTitle(title))}</title>`,
    `<meta name="description" content="${escapeHtml(description)}">`,
    canonical === undefined ? '<meta name="robots" content="noindex">' : `<link rel="canonical" href="${escapeHtml(canonical)}">`,
    `<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">`,
    // PNG icons for browsers and in-app readers that take no SVG (site/src/pages/icon-192.png.ts, apple-touch-icon.png.ts).
    '<link rel="icon" href="/icon-192.png" type="image/png" sizes="192x192">',
    '<link rel="apple-touch-icon" href="/apple-touch-icon.png">',
    `<link rel="stylesheet" href="${STYLESHEET_PATH}">`,
    `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(SITE_NAME)} 文章订阅" href="/rss.xml">`,
    '<link rel="sitemap" href="/sitemap-index.xml">',
    '<meta name="theme-color" content="#0b57d0">',
    '<meta name="format-detection" content="telephone=no">',
    `<meta property="og:type" content="${ogType}">`,
    `<meta property="og:site_name" content="${escapeHtml(SITE_NAME)}">`,
    `<meta property="og:locale" content="${SITE_OG_LOCALE}">`,
    `<meta property="og:title" content="${escapeHtml(title)}">`,
    `<meta property="og:description" content="${escapeHtml(description)}">`,
    ...(canonical === undefined ? [] : [`<meta property="og:url" content="${escapeHtml(canonical)}">`]),
    ...(image === undefined
      ? []
      : [
          `<meta property="og:image" content="${escapeHtml(image.url)}">`,
          `<meta property="og:image:type" content="${image.url.endsWith('.png') ? 'image/png' : 'image/jpeg'}">`,
          `<meta property="og:image:width" content="${image.width}">`,
          `<meta property="og:image:height" content="${image.height}">`,
          `<meta property="og:image:alt" content="${escapeHtml(image.alt)}">`,
        ]),
  ].join('\n');
}

/** First thing in `<body>`: keyboard users jump past the navigation. */
export function renderSkipLink(): string {
  return `<a class="skip-link" href="#${MAIN_ID}">跳到正文</a>`;
}

/** A navigation link is current on its own page and below it (`/articles/` on `/articles/foo/`). */
function isCurrent(href: string, currentPath: string | undefined): boolean {
  if (currentPath === undefined) return false;
  return href === '/' ? currentPath === '/' : currentPath.startsWith(href);
}

/**
 * The header: site name (home link) and the main navigation. `currentPath` (the page's URL path) marks its section
 * with `aria-current="page"`; the API's pages pass none.
 */
export function renderSiteHeader(currentPath?: string): string {
  const links = NAV_LINKS.map(({ href, label }) => `<li><a href="${href}"${isCurrent(href, currentPath) ? ' aria-current="page"' : ''}>${label}</a></li>`).join(
    '',
  );
  return `<header class="site-header">
<div class="container site-header-inner">
<a class="site-name" href="/"><img src="${FAVICON_PATH}" alt="" width="28" height="28">${SITE_NAME}</a>
<nav class="site-nav" aria-label="主导航"><ul>${links}</ul></nav>
</div>
</header>`;
}

/**
 * The footer: links, who runs the site, the disclaimer and the copyright line (the site's build year; the API's year
 * of answering).
 */
export function renderSiteFooter(operator: SiteOperator, year: number = new Date().getFullYear()): string {
  const links = FOOTER_LINKS.map(({ href, label }) => `<li><a href="${href}">${label}</a></li>`).join('');
  return `<footer class="site-footer">
<div class="container">
<nav aria-label="页脚导航"><ul>${links}</ul></nav>
${renderOperatorLine(operator)}
<p>${SITE_DISCLAIMER}</p>
<p>© ${year} ${SITE_NAME}</p>
</div>
</footer>`;
}
