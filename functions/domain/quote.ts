/**
 * The written quote (书面报价单): what a reviewer and the merchant agreed on the phone, recorded in the console and
 * shown to the merchant on /status/ behind the same reference + last-4-digits check as the status itself.
 *
 * Every figure carries where it came from: the brand data the site publishes (its `source` and `verifiedAt`,
 * content/products/*.yaml) or "agreed on the phone" with the day it was recorded. A figure nobody has published stays
 * `null` and reads 未公开, never a number. Personal to one merchant: stored with their personal data (the same
 * retention and erasure), and each change is appended, so the history is kept and the merchant sees the latest.
 *
 * Written with `zod/mini`: the console's Lambda validates with it; the status page's script only renders.
 */
import * as z from 'zod/mini';
import { AGREED_ON_PHONE, BRAND_IDS } from './catalogue.ts';

export { AGREED_ON_PHONE } from './catalogue.ts';

export const quoteMessages = {
  brand: '请从资料里选择品牌',
  modelId: '请从资料里选择机型',
  modelName: '机型名称最多 40 个字',
  percent: '费率请填 0–5 之间的百分数，例如 0.6；不知道就留空（显示“未公开”）',
  yuan: '金额请填 0–10000 之间的元数；不知道就留空（显示“未公开”）',
  source: '每个数字都要注明来源（最多 300 字）',
  verifiedAt: '核实日期格式应为 2026-12-01',
  refundCondition: '押金大于 0 时请写明退还条件（最多 200 字）',
  activationSteps: '请写明激活步骤（最多 500 字）',
  note: '改动了资料里的数字时，请在备注里说明原因（最多 500 字）',
  body: '报价单内容格式不正确',
} as const;
const m = quoteMessages;

const text = (max: number, message: string) => z.string({ error: message }).check(z.trim(), z.minLength(1, message), z.maxLength(max, message));

const figure = (maximum: number, message: string) =>
  z.strictObject(
    {
      /** `null`: not published anywhere we can cite → 未公开. */
      value: z.nullable(z.number({ error: message }).check(z.minimum(0, message), z.maximum(maximum, message))),
      source: text(300, m.source),
      verifiedAt: z.string({ error: m.verifiedAt }).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, m.verifiedAt)),
    },
    { error: m.body },
  );

export const quoteInputSchema = z
  .strictObject(
    {
      brand: z.enum(BRAND_IDS, { error: m.brand }),
      modelId: z.string({ error: m.modelId }).check(z.regex(/^[a-z0-9-]{1,40}$/, m.modelId)),
      modelName: text(40, m.modelName),
      /** Percent per transaction: 0.6 means 0.6%. */
      creditRatePercent: figure(5, m.percent),
      debitRatePercent: figure(5, m.percent),
      /** Per-transaction cap on the debit-card fee, in yuan (same source as the debit rate); null = none published. */
      debitCapYuan: z.optional(z.nullable(z.number({ error: m.yuan }).check(z.minimum(0, m.yuan), z.maximum(10_000, m.yuan)))),
      /** Extra percent for same-day (D0) settlement. */
      d0SurchargePercent: figure(5, m.percent),
      depositYuan: figure(10_000, m.yuan),
      depositRefundCondition: z.nullable(text(200, m.refundCondition)),
      simFeeYuanPerYear: figure(10_000, m.yuan),
      activationSteps: text(500, m.activationSteps),
      note: z.optional(z.string({ error: m.note }).check(z.trim(), z.maxLength(500, m.note))),
    },
    { error: m.body },
  )
  .check(
    z.refine((quote) => !((quote.depositYuan.value ?? 0) > 0 && quote.depositRefundCondition === null), {
      message: m.refundCondition,
      path: ['depositRefundCondition'],
    }),
    z.refine((quote) => !(quoteFigures(quote).some(([, f]) => f.source === AGREED_ON_PHONE) && !quote.note), { message: m.note, path: ['note'] }),
  );

export type QuoteInput = z.infer<typeof quoteInputSchema>;
export type QuoteFigure = QuoteInput['creditRatePercent'];

/** A quote as stored: what was agreed, when and by whom (the reviewer's console id; never shown to the merchant). */
export interface QuoteRecord extends QuoteInput {
  recordedAt: string;
  recordedBy: string;
}

/** What the merchant sees: the latest quote without who recorded it, and how many times it was changed. */
export type MerchantQuote = QuoteInput & { recordedAt: string; revision: number };

export const quoteFigureKeys = ['creditRatePercent', 'debitRatePercent', 'd0SurchargePercent', 'depositYuan', 'simFeeYuanPerYear'] as const;
export type QuoteFigureKey = (typeof quoteFigureKeys)[number];

export function quoteFigures(quote: Pick<QuoteInput, QuoteFigureKey>): [QuoteFigureKey, QuoteFigure][] {
  return quoteFigureKeys.map((key) => [key, quote[key]]);
}

/** The latest of a quote history (appended in order), as the merchant sees it; undefined before any quote. */
export function merchantQuoteOf(history: readonly QuoteRecord[]): MerchantQuote | undefined {
  const latest = history.at(-1);
  if (!latest) return undefined;
  const { recordedBy: _recordedBy, ...quote } = latest;
  return { ...quote, revision: history.length };
}

/** Where quotes live: with the merchant's personal data, appended, never rewritten. */
export interface QuoteBook {
  /** Append a quote; false when the application has no personal data any more (nowhere to keep it). */
  appendQuote(reference: string, quote: QuoteRecord): Promise<boolean>;
  /** Every quote of the application, oldest first; empty once the personal data is gone. */
  quotesOf(reference: string): Promise<QuoteRecord[]>;
}
