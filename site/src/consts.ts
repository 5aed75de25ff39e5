/**
 * Site-wide constants, in one place. Plain values only: this module is imported by pages, client scripts and the
 * Node content check alike. What differs per deployment (the public origin, the privacy contact) is read from the
 * environment in site-settings.ts instead.
 *
 * The page shell (name, language, stylesheet, navigation, footer links, disclaimer) is declared in
 * functions/http/page-shell.ts, which the API's server-rendered pages use too; the values re-exported here are the
 * ones site code needs outside the shell. Dependencies run one way: site/ imports functions/, never the reverse.
 */
export { SITE_LOCALE, SITE_NAME, SITE_OG_LOCALE } from '#functions/http/page-shell.ts';

export const SITE_DESCRIPTION = '面向小商户的 POS 机资讯站：看懂拉卡拉、盛付通、银联商务和银行收单机具的费率、到账方式、押金和流量费，对比后再申请。';

/** Working days within which privacy requests are answered (stated on /privacy/). */
export const PRIVACY_RESPONSE_WORKING_DAYS = 15;
