/**
 * What we offer, named once: the brands (with the names merchants know them by), the terminal types and the
 * settlement methods; presentation/labels-zh.ts words the types and methods. The site's content schema (product
 * files, article frontmatter), its pages and calculator, the application form and the ops CLI all import these.
 * Plain constants only, no zod: the apply form's and the calculator's browser bundles pull this file in.
 */

/** The brands; a product file is `content/products/<brand>.yaml`. In display order. */
export const BRAND_IDS = ['lakala', 'shengfutong', 'unionpay'] as const;
export type BrandId = (typeof BRAND_IDS)[number];

/** Each brand's name as merchants know it; a product file's `name` must match it (the content check says so). */
export const BRAND_NAMES: Readonly<Record<BrandId, string>> = {
  lakala: '拉卡拉',
  shengfutong: '盛付通',
  // Not "银联": 中国银联 is a card scheme and makes no terminal; merchants get one from 银联商务 or a bank.
  unionpay: '银联商务/银行收单',
};

/** Kinds of terminal a model can be. */
export const TERMINAL_TYPE_IDS = ['dianqian', 'smart', 'traditional', 'qr'] as const;
export type TerminalTypeId = (typeof TERMINAL_TYPE_IDS)[number];

/** Settlement methods. T counts working days, D calendar days; the digit is how many days after the sale. */
export const SETTLEMENT_CODES = ['T1', 'T0', 'D0', 'D1'] as const;
export type SettlementCode = (typeof SETTLEMENT_CODES)[number];

/**
 * The `source` of a figure in a written quote (domain/quote.ts) that the reviewer changed from the published one
 * during the call. Here, with no zod, so the console's script can use it without the schema.
 */
export const AGREED_ON_PHONE = '电话中约定';
