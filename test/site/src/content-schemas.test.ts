import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'astro/zod';
import { articleSchema, productSchema, tagSchema } from '../../../site/src/content-schemas.ts';
import { goodContent, readYaml } from '../support.ts';

// The content check's instance: plain strings where Astro passes image() and reference().
const frontmatter = articleSchema({ cover: z.string(), tag: z.string(), brand: z.string() });

const validArticle = {
  title: '怎样挑一台合适的 POS 机',
  description: '选机器先看是不是持牌一清，再比较刷卡费率、流量费、押金和到账方式。本文把这几项逐一讲清楚，帮小商户少走弯路。',
  publishedAt: '2026-10-15',
  tags: ['buying-guide'],
};

function issuesOf(schema: z.ZodType, data: unknown) {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
}

describe('article frontmatter', () => {
  test('accepts the minimal valid frontmatter and fills the defaults', () => {
    const parsed = frontmatter.parse(validArticle);

    expect(parsed.draft).toBe(false);
    expect(parsed.brands).toEqual([]);
    expect(parsed.products).toEqual([]);
    expect(parsed.publishedAt).toEqual(new Date('2026-10-15T00:00:00Z'));
  });

  test('accepts YAML dates (Astro parses frontmatter dates into Date objects)', () => {
    const parsed = frontmatter.parse({ ...validArticle, publishedAt: new Date('2026-10-15T00:00:00Z'), updatedAt: '2026-11-01' });

    expect(parsed.updatedAt).toEqual(new Date('2026-11-01T00:00:00Z'));
  });

  test.each([
    ['title too short', { title: '短' }, 'title', 'too_small'],
    ['title too long', { title: '很'.repeat(41) }, 'title', 'too_big'],
    ['description under 40 characters', { description: '太短了' }, 'description', 'too_small'],
    ['publishedAt missing', { publishedAt: undefined }, 'publishedAt', 'invalid_type'],
    ['publishedAt not YYYY-MM-DD', { publishedAt: '2026/10/15' }, 'publishedAt', 'invalid_format'],
    ['no tags', { tags: [] }, 'tags', 'too_small'],
    ['six tags', { tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'tags', 'too_big'],
    ['tag id with capitals', { tags: ['Buying-Guide'] }, 'tags.0', 'invalid_format'],
    ['duplicate tags', { tags: ['rates', 'rates'] }, 'tags', 'custom'],
    ['unknown brand', { brands: ['alipay'] }, 'brands.0', 'invalid_value'],
    ['product without brand prefix', { products: ['dianqian'] }, 'products.0', 'invalid_format'],
    ['faq answer missing', { faq: [{ q: '押金能退吗？' }] }, 'faq.0.a', 'invalid_type'],
    ['draft as text', { draft: 'yes' }, 'draft', 'invalid_type'],
    ['misspelt field', { descripton: 'x' }, '', 'unrecognized_keys'],
  ])('rejects %s', (_name, change, field, code) => {
    const issues = issuesOf(frontmatter, { ...validArticle, ...change });

    expect(issues).toContainEqual(expect.objectContaining({ path: field, code }));
  });

  test('rejects updatedAt before publishedAt, on the updatedAt field, in Chinese', () => {
    const issues = issuesOf(frontmatter, { ...validArticle, updatedAt: '2026-01-01' });

    expect(issues).toEqual([expect.objectContaining({ path: 'updatedAt', message: expect.stringContaining('更新日期') })]);
  });

  test('rejects a cover without coverAlt, naming both fields', () => {
    const issues = issuesOf(frontmatter, { ...validArticle, cover: './images/terminal.png' });

    expect(issues).toEqual([expect.objectContaining({ path: 'cover', message: expect.stringContaining('coverAlt') })]);
  });
});

describe('product data', () => {
  const lakala = readYaml(path.join(goodContent, 'products/lakala.yaml')) as Record<string, any>;
  const withModel = (change: Record<string, unknown>) => ({ ...lakala, models: [{ ...lakala.models[0], ...change }] });

  test('accepts the fixture brands, keeping null as 未公开', () => {
    const unionpay = productSchema.parse(readYaml(path.join(goodContent, 'products/unionpay.yaml')));

    expect(productSchema.parse(lakala).models[0]!.rates.debit).toEqual({ percent: 0.5, capYuan: 20 });
    expect(unionpay.models[0]!.rates.credit).toBeNull();
    expect(unionpay.models[0]!.simFee.yuanPerYear).toBeNull();
  });

  test.each([
    ['a rate above 5%', { rates: { ...lakala.models[0].rates, credit: { percent: 6 } } }, 'models.0.rates.credit.percent', 'too_big'],
    ['a rate written as text', { rates: { ...lakala.models[0].rates, qr: { percent: '0.38%' } } }, 'models.0.rates.qr.percent', 'invalid_type'],
    ['a negative cap', { rates: { ...lakala.models[0].rates, debit: { percent: 0.5, capYuan: -1 } } }, 'models.0.rates.debit.capYuan', 'too_small'],
    ['an unknown settlement option', { settlement: { ...lakala.models[0].settlement, options: ['T2'] } }, 'models.0.settlement.options.0', 'invalid_value'],
    [
      'a deposit without refund condition',
      { deposit: { amountYuan: 99, source: 'x 来源', verifiedAt: '2026-11-20' } },
      'models.0.deposit.refundCondition',
      'custom',
    ],
    ['an unknown terminal type', { terminalType: 'phone' }, 'models.0.terminalType', 'invalid_value'],
    ['a figure group without verifiedAt', { simFee: { yuanPerYear: 60, source: '代理商报价' } }, 'models.0.simFee.verifiedAt', 'invalid_type'],
  ])('rejects %s', (_name, change, field, code) => {
    expect(issuesOf(productSchema, withModel(change))).toContainEqual(expect.objectContaining({ path: field, code }));
  });

  test('accepts a deposit of 0 or null without a refund condition', () => {
    const free = withModel({ deposit: { amountYuan: 0, source: '代理商报价', verifiedAt: '2026-11-20' } });
    const unknown = withModel({ deposit: { amountYuan: null, source: '代理商报价', verifiedAt: '2026-11-20' } });

    expect(productSchema.safeParse(free).success).toBe(true);
    expect(productSchema.safeParse(unknown).success).toBe(true);
  });

  test('rejects duplicate model ids, on the second model', () => {
    const issues = issuesOf(productSchema, { ...lakala, models: [lakala.models[0], lakala.models[0]] });

    expect(issues).toContainEqual(expect.objectContaining({ path: 'models.1.id', message: expect.stringContaining('重复') }));
  });

  test('rejects an unknown kind and a short summary', () => {
    const issues = issuesOf(productSchema, { ...lakala, kind: 'vendor', summary: '太短' });

    expect(issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['kind', 'summary']));
  });
});

describe('tags', () => {
  test('accepts the fixture tags and rejects a non-ASCII id', () => {
    const tags = readYaml(path.join(goodContent, 'tags.yaml')) as unknown[];

    expect(tags.every((tag) => tagSchema.safeParse(tag).success)).toBe(true);
    expect(issuesOf(tagSchema, { id: '选购指南', name: '选购指南', description: '怎样挑选合适的机器。' })).toContainEqual(
      expect.objectContaining({ path: 'id', code: 'invalid_format' }),
    );
  });
});
