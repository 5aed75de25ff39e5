/**
 * The content contract in code: every field marketing may write, with its rule and a one-line comment.
 *
 * `content.config.ts` builds the Astro collections from these schemas, and the Node content check
 * (`site/checks/check-content.ts`) validates the same files with the same schemas, so the build and the check
 * can never disagree. This module therefore imports nothing from Astro but `astro/zod`; the Astro-only pieces
 * (`image()`, `reference()`) are passed in by content.config.ts, and the check passes plain strings instead.
 *
 * Messages written here are Chinese because marketers read them; the check translates zod's own messages.
 */
import { z } from 'astro/zod';
import { BRAND_IDS, SETTLEMENT_CODES, TERMINAL_TYPE_IDS } from '#domain/catalogue.ts';

/** Brand ids, terminal types and settlement codes are declared once, in functions/domain/catalogue.ts; their Chinese in functions/presentation/labels-zh.ts. */
export { BRAND_IDS };

/** Figures whose `verifiedAt` is older than this many days are flagged by the content check. */
export const MAX_FIGURE_AGE_DAYS = 365;

/** Longest description search engines show whole on a phone (Baidu cuts longer ones mid-word): articles', brand pages'. */
export const MAX_META_DESCRIPTION_CHARS = 80;

/** Article file names, tag ids and model ids: lowercase ASCII kebab-case (they become URLs). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * An article's images live in their own folder, `content/articles/images/<slug>/`, written `./images/<slug>/…` in the
 * article: the editor uploads there, and it can only open (and so keep) images it finds there.
 */
export const articleImagePrefix = (slug: string) => `./images/${slug}/`;

/** `<Callout type="…">` in articles: tip 小贴士, warning 注意, info 说明, example 举例 (figures there may be made up). */
export const CALLOUT_TYPES = ['tip', 'warning', 'info', 'example'] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];

/** A model reference `brand/model`, e.g. `lakala/dianqian`. */
export const MODEL_REF_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slugHint = '只能用小写英文字母、数字和连字符，例如 lakala-dianqian';

/** A piece of text of `min`–`max` characters (Chinese characters and punctuation count one each). */
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** A calendar day written `YYYY-MM-DD`; YAML may already have turned it into a Date. */
const day = () =>
  z
    .preprocess(
      (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
      z.iso.date({ error: '日期要写成 YYYY-MM-DD，例如 2026-11-20' }),
    )
    .transform((iso) => new Date(`${iso}T00:00:00Z`));

/** Every figure group says where its numbers come from and when someone last checked them. */
const sourced = {
  source: text(2, 300), // 数据来源：文字说明或网址
  verifiedAt: day(), // 最近一次核实这些数字的日期（超过 365 天会被内容检查标出）
};

const percent = z.number().min(0).max(5).nullable(); // 费率百分比，0.6 表示 0.6%；null = 未公开/以实际为准

const plainRate = z.strictObject({
  percent, // 费率百分比
});

const cappedRate = plainRate.extend({
  capYuan: z.number().positive().optional(), // 单笔封顶金额（元），可选
});

const nfcRate = plainRate.extend({
  limitYuan: z.number().positive().optional(), // 单笔限额（元）：限额内按此费率，可选
});

const ratesSchema = z.strictObject({
  debit: cappedRate.nullable(), // 借记卡（储蓄卡）刷卡；null = 未公开
  credit: cappedRate.nullable(), // 贷记卡（信用卡）刷卡；null = 未公开
  qr: plainRate.nullable(), // 微信/支付宝/云闪付扫码；null = 未公开
  nfc: nfcRate.nullable(), // 银联闪付（挥卡、手机 Pay；不是支付宝“碰一下”）；null = 未公开
  note: text(2, 200).optional(), // 补充说明，可选
  ...sourced,
});

const settlementSchema = z.strictObject({
  options: z
    .array(z.enum(SETTLEMENT_CODES))
    .min(1)
    .refine((options) => new Set(options).size === options.length, '到账方式有重复'), // 来源确认支持的到账方式：T1、T0、D0、D1；没列出的方式页面显示“未公开”（来源没说，不等于不支持）
  d0SurchargePercent: z.number().min(0).max(1).optional(), // D0 秒到额外加收的百分比；支持 D0 却不写 = 未公开（计算器显示“未公开”，绝不按 0 算）
  d0FeeYuanPerTxn: z.number().min(0).optional(), // D0 每笔固定加收（元）；不写 = 除百分比外没有按笔加收
  note: text(2, 200).optional(), // 补充说明，可选
  ...sourced,
});

const depositSchema = z
  .strictObject({
    amountYuan: z.number().min(0).nullable(), // 押金（元），0 = 不收押金，null = 未公开
    refundCondition: text(4, 120).optional(), // 退还条件；押金大于 0 时必填
    note: text(2, 200).optional(), // 补充说明，可选
    ...sourced,
  })
  .refine((deposit) => !deposit.amountYuan || deposit.refundCondition !== undefined, {
    path: ['refundCondition'],
    message: '收押金时必须写明退还条件',
  });

const simFeeSchema = z.strictObject({
  yuanPerYear: z.number().min(0).nullable(), // 每年流量费（元），0 = 不收，null = 未公开
  note: text(2, 200).optional(), // 何时开始扣、能否退等说明，可选
  ...sourced,
});

const modelSchema = z.strictObject({
  id: z.string().regex(SLUG_PATTERN, `型号 id ${slugHint}`), // 型号 id，文章里写作 品牌/型号，如 lakala/dianqian
  name: text(2, 30), // 型号名称
  terminalType: z.enum(TERMINAL_TYPE_IDS), // 终端类型，名称见 labels-zh.ts terminalTypeLabels
  summary: text(4, 80), // 一句话介绍
  rates: ratesSchema, // 各类交易的费率
  settlement: settlementSchema, // 到账方式与秒到加收
  deposit: depositSchema, // 押金与退还条件
  simFee: simFeeSchema, // 流量费（SIM 卡年费）
});

/** One brand: `content/products/<brand>.yaml`. */
export const productSchema = z.strictObject({
  name: text(2, 20), // 品牌名，须与 functions/domain/catalogue.ts 的 BRAND_NAMES 一致（内容检查核对），如 拉卡拉
  kind: z.enum(['provider', 'scheme']), // provider = 持牌支付机构；scheme = 卡组织（银联）
  tagline: text(4, 40), // 一句话定位
  summary: text(60, 200), // 两三句话介绍
  company: z.strictObject({
    legalName: text(4, 60), // 公司全称
    founded: z.number().int().min(1900).max(2100).optional(), // 成立年份，可选
    licence: text(2, 120).optional(), // 支付牌照说明，可选
    oneClear: z.boolean(), // 是否一清：持牌机构直接结算给商户
    listed: text(2, 60).optional(), // 上市信息，可选
    ...sourced,
  }),
  pros: z.array(text(2, 60)).min(2).max(6), // 优点，2–6 条
  cons: z.array(text(2, 60)).min(1).max(6), // 缺点或注意事项，1–6 条
  models: z
    .array(modelSchema)
    .min(1)
    .max(4)
    .superRefine((models, ctx) => {
      const seen = new Set<string>();
      models.forEach((model, index) => {
        if (seen.has(model.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `型号 id ${model.id} 重复了` });
        seen.add(model.id);
      });
    }), // 主要型号，1–4 个
});

/** One tag in `content/tags.yaml`. */
export const tagSchema = z.strictObject({
  id: z.string().regex(SLUG_PATTERN, `标签 id ${slugHint}`), // 标签 id，用在网址 /articles/tag/<id>/
  name: text(2, 16), // 页面上显示的中文名
  description: text(8, 80), // 一句话说明
});

/**
 * The Astro-only parts of the article schema: content.config.ts passes `image()` and `reference()`,
 * the content check passes plain strings and checks the files and references itself (with line numbers).
 */
export interface ArticleSchemaParts<Cover extends z.ZodType, TagRef extends z.ZodType, BrandRef extends z.ZodType> {
  cover: Cover;
  tag: TagRef;
  brand: BrandRef;
}

const unique = (values: readonly string[]) => new Set(values).size === values.length;

/**
 * Hands a list of already-validated ids to the caller's reference schema. zod types `pipe` by the target's input,
 * and Astro's reference() also accepts numbers and objects, so the input side is narrowed to the ids we pass.
 */
function resolvedList<Ref extends z.ZodType, Id extends string = string>(reference: Ref) {
  return z.array(reference) as unknown as z.ZodType<z.output<Ref>[], Id[]>;
}

/** Frontmatter of `content/articles/<slug>.mdx`. */
export function articleSchema<Cover extends z.ZodType, TagRef extends z.ZodType, BrandRef extends z.ZodType>(
  parts: ArticleSchemaParts<Cover, TagRef, BrandRef>,
) {
  return z
    .strictObject({
      title: text(6, 40), // 标题，6–40 字，用作页面 <h1> 和 <title>
      description: text(40, MAX_META_DESCRIPTION_CHARS), // 摘要，40–80 字（搜索结果里显示得下），用于搜索结果、文章卡片和 RSS
      publishedAt: day(), // 首次发布日期 YYYY-MM-DD
      updatedAt: day().optional(), // 更新日期，可选，不能早于发布日期；页面显示「更新于」
      tags: z
        .array(z.string().regex(SLUG_PATTERN, `标签 id ${slugHint}`))
        .min(1)
        .max(5)
        .refine(unique, '标签有重复')
        .pipe(resolvedList(parts.tag)), // 标签 id，1–5 个，必须在 content/tags.yaml 里
      brands: z.array(z.enum(BRAND_IDS)).refine(unique, '品牌有重复').pipe(resolvedList<BrandRef, (typeof BRAND_IDS)[number]>(parts.brand)).default([]), // 相关品牌：lakala / shengfutong / unionpay，可为空 []
      products: z.array(z.string().regex(MODEL_REF_PATTERN, '型号要写成 品牌/型号，例如 lakala/dianqian')).refine(unique, '型号有重复').default([]), // 相关型号 品牌/型号，可选，必须在产品数据里
      faq: z
        .array(
          z.strictObject({
            q: text(4, 80), // 问题
            a: text(10, 600), // 回答（纯文字）
          }),
        )
        .optional()
        // An empty list means no questions (the editor writes `faq: []` when none are added): no FAQPage data then.
        .transform((faq) => (faq?.length ? faq : undefined)), // 常见问答，可选；显示在文末并输出 FAQPage 结构化数据
      draft: z.boolean().default(false), // 草稿：true 时只在本地预览出现，正式网站不发布
      cover: parts.cover.optional(), // 封面图，相对路径，可选
      coverAlt: text(2, 120).optional(), // 封面图的替代文字；有封面时必填
    })
    .superRefine((article, ctx) => {
      if (article.updatedAt && article.updatedAt < article.publishedAt) {
        ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: '更新日期不能早于发布日期 publishedAt' });
      }
      if (article.cover !== undefined && article.coverAlt === undefined) {
        ctx.addIssue({ code: 'custom', path: ['cover'], message: '设置了封面图，就必须在 coverAlt 里写图片的替代文字' });
      }
    });
}

/**
 * The article schema with plain strings where Astro passes image() and reference(): for the content check, which
 * resolves those itself, and for the marketing editor, which reads its field limits from it.
 */
export const articleFrontmatterSchema = articleSchema({ cover: z.string(), tag: z.string(), brand: z.string() });
