/**
 * The page shell, declared once: the site's name and language, the stylesheet, the skip link, the header with the
 * main navigation and the footer with its links and disclaimer. Both kinds of page render it:
 * - the static site: site/src/components/SiteHeader.astro, SiteFooter.astro, BaseHead.astro and
 *   layouts/BaseLayout.astro (site/src/consts.ts re-exports the values the site needs elsewhere);
 * - the API's server-rendered pages (html-pages.ts: form with messages, thank-you, status result).
 * Dependencies run one way: site/ imports functions/, nothing in functions/ imports site/ (a unit test checks).
 * Plain values and strings, no imports: pages, client scripts and the Lambdas all load it.
 */

/** Language of every page: `<html lang>`, RSS `<language>`, date formatting. */
export const SITE_LOCALE = 'zh-CN';

export const SITE_NAME = 'POS 机申请指南';

/** Shared stylesheet with a stable, unhashed URL (site/public/styles/site.css): the API's pages link the same file. */
export const STYLESHEET_PATH = '/styles/site.css';

export const FAVICON_PATH = '/favicon.svg';

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

/** The `<title>` of a page: `文章 | POS 机申请指南`, or the site's name alone on the home page. Not escaped. */
export function pageTitle(title: string): string {
  return title === SITE_NAME ? title : `${title} | ${SITE_NAME}`;
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
  const links = NAV_LINKS.map(
    ({ href, label }) => `<li><a href="${href}"${isCurrent(href, currentPath) ? ' aria-current="page"' : ''}>${label}</a></li>`,
  ).join('');
  return `<header class="site-header">
<div class="container site-header-inner">
<a class="site-name" href="/"><img src="${FAVICON_PATH}" alt="" width="28" height="28">${SITE_NAME}</a>
<nav class="site-nav" aria-label="主导航"><ul>${links}</ul></nav>
</div>
</header>`;
}

/** The footer: links, the disclaimer and the copyright line (the site's build year; the API's year of answering). */
export function renderSiteFooter(year: number = new Date().getFullYear()): string {
  const links = FOOTER_LINKS.map(({ href, label }) => `<li><a href="${href}">${label}</a></li>`).join('');
  return `<footer class="site-footer">
<div class="container">
<nav aria-label="页脚导航"><ul>${links}</ul></nav>
<p>${SITE_DISCLAIMER}</p>
<p>© ${year} ${SITE_NAME}</p>
</div>
</footer>`;
}
