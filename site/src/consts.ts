/**
 * Site-wide constants, in one place. Plain values only: this module is imported by pages, client scripts, the
 * Lambdas' server-rendered pages and the Node content check alike. What differs per deployment (the public origin,
 * the privacy contact) is read from the environment in site-settings.ts instead.
 */

/** Language of every page: `<html lang>`, RSS `<language>`, date formatting. */
export const SITE_LOCALE = 'zh-CN';

/** Open Graph spelling of SITE_LOCALE. */
export const SITE_OG_LOCALE = 'zh_CN';

export const SITE_NAME = 'POS 机申请指南';

export const SITE_DESCRIPTION =
  '面向小商户的 POS 机资讯站：看懂拉卡拉、盛付通与银联相关机具的费率、到账方式、押金和流量费，对比后免费申请。';

/** Working days within which privacy requests are answered (stated on /privacy/). */
export const PRIVACY_RESPONSE_WORKING_DAYS = 15;

/** Shared stylesheet with a stable, unhashed URL: the API's server-rendered pages link the same file. */
export const STYLESHEET_PATH = '/styles/site.css';

/** Main navigation, in display order. */
export const NAV_LINKS = [
  { href: '/articles/', label: '文章' },
  { href: '/compare/', label: '对比' },
  { href: '/calculator/', label: '费用计算' },
  { href: '/search/', label: '搜索' },
  { href: '/apply/', label: '申请机器' },
] as const;

/** Footer links, in display order. The API's server-rendered pages (functions/http/html-pages.ts) use them too. */
export const FOOTER_LINKS = [
  { href: '/brands/', label: '品牌介绍' },
  { href: '/status/', label: '申请进度查询' },
  { href: '/privacy/', label: '隐私政策' },
  { href: '/rss.xml', label: 'RSS 订阅' },
] as const;

/** Footer statement on every page: who we are not, and that figures are for reference. */
export const SITE_DISCLAIMER =
  '本站是独立的资讯与申请服务平台，不是拉卡拉、盛付通或中国银联的官方网站。费率、押金、流量费等数字均由公开信息整理，仅供参考，以机构激活时给出的实际标准为准。';
