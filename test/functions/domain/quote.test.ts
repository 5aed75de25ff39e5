import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom } from '../../../functions/domain/application.ts';
import { AGREED_ON_PHONE, merchantQuoteOf, quoteInputSchema, quoteMessages, type QuoteRecord } from '../../../functions/domain/quote.ts';
import { formatChinaDateTime } from '../../../functions/http/status-result-html.ts';
import { renderQuote, UNKNOWN_FIGURE } from '../../../functions/http/quote-html.ts';
import { validQuote } from '../../support/quote-fixtures.ts';

/** Messages by figure, as the console API reports them (the first path segment: `depositYuan`, not `depositYuan.value`). */
const errorsOf = (input: unknown) => {
  const result = quoteInputSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(Object.entries(fieldErrorsFrom(result.error.issues)).map(([path, message]) => [path.split('.')[0], message]));
};

describe('quote schema', () => {
  it('accepts a quote built from the published figures, unknown ones as null', () => {
    expect(quoteInputSchema.safeParse(validQuote()).success).toBe(true);
  });

  it('asks for the refund condition whenever a deposit is charged', () => {
    expect(errorsOf(validQuote({ depositRefundCondition: null }))).toEqual({ depositRefundCondition: quoteMessages.refundCondition });
    expect(errorsOf(validQuote({ depositRefundCondition: null, depositYuan: { value: 0, source: 'x', verifiedAt: '2026-12-04' } }))).toEqual({});
  });

  it('asks for a note when a figure was changed from the published one on the phone', () => {
    const agreed = { value: 0.55, source: AGREED_ON_PHONE, verifiedAt: '2026-12-07' };

    expect(errorsOf(validQuote({ creditRatePercent: agreed }))).toEqual({ note: quoteMessages.note });
    expect(errorsOf(validQuote({ creditRatePercent: agreed, note: '渠道活动价，首年有效' }))).toEqual({});
  });

  it.each([
    ['a rate above 5%', { creditRatePercent: { value: 6, source: 's', verifiedAt: '2026-12-04' } }, 'creditRatePercent', quoteMessages.percent],
    ['a rate given as text', { debitRatePercent: { value: '0.5', source: 's', verifiedAt: '2026-12-04' } }, 'debitRatePercent', quoteMessages.percent],
    ['a figure without its source', { simFeeYuanPerYear: { value: 60, source: '', verifiedAt: '2026-12-04' } }, 'simFeeYuanPerYear', quoteMessages.source],
    ['a brand outside the catalogue', { brand: 'alipay' }, 'brand', quoteMessages.brand],
  ])('names the field for %s', (_case, override, field, message) => {
    expect(errorsOf({ ...validQuote(), ...override })).toEqual({ [field]: message });
  });
});

describe('merchantQuoteOf', () => {
  const first: QuoteRecord = { ...validQuote(), recordedAt: '2026-12-07T02:00:00.000Z', recordedBy: 'console:reviewer' };
  const second: QuoteRecord = {
    ...validQuote({ simFeeYuanPerYear: { value: 0, source: AGREED_ON_PHONE, verifiedAt: '2026-12-08' }, note: '免首年流量费' }),
    recordedAt: '2026-12-08T02:00:00.000Z',
    recordedBy: 'console:admin',
  };

  it('is the latest version with its date and revision, without who recorded it', () => {
    const quote = merchantQuoteOf([first, second])!;

    expect(quote).toMatchObject({ recordedAt: second.recordedAt, revision: 2, note: '免首年流量费' });
    expect(quote).not.toHaveProperty('recordedBy');
    expect(merchantQuoteOf([])).toBeUndefined();
  });
});

describe('renderQuote', () => {
  const quote = { ...validQuote(), recordedAt: '2026-12-07T02:00:00.000Z', revision: 1 };

  it('shows every figure with its source and verification date, dated in China time', () => {
    const html = renderQuote(quote, formatChinaDateTime);

    expect(html).toContain('<th scope="row">信用卡刷卡费率</th><td>0.6%</td>');
    expect(html).toContain('<th scope="row">储蓄卡刷卡费率</th><td>0.5%（每笔封顶 20 元）</td>');
    expect(html).toContain('<td>100 元<br>退还条件：激活后 90 天内刷卡满 5 万元退还</td>');
    expect(html).toContain('<td>60 元/年</td>');
    expect(html).toContain('<a href="http://kaolafu.cn/buy/2539.html" rel="nofollow noopener noreferrer">');
    expect(html).toContain('核实于 2026-12-04');
    expect(html).toContain('2026年12月7日 10:00');
    expect(html).toContain('以收单机构在激活时向您展示的条款和签约内容为准');
  });

  it('never shows a figure the data marks unknown as a number: it stays 未公开', () => {
    const unknown = { value: null, source: '本站未找到可引用的公开报价', verifiedAt: '2026-12-04' };
    const html = renderQuote(
      {
        ...quote,
        creditRatePercent: unknown,
        debitRatePercent: unknown,
        d0SurchargePercent: unknown,
        depositYuan: unknown,
        simFeeYuanPerYear: unknown,
        depositRefundCondition: null,
      },
      formatChinaDateTime,
    );
    const valueCells = [...html.matchAll(/<th scope="row">[^<]+<\/th><td>([^<]*)/g)].map((match) => match[1]);

    expect(valueCells).toEqual(Array(5).fill(UNKNOWN_FIGURE));
    expect(html).not.toMatch(/<td>(0|null|undefined|NaN)[^<]*<\/td>/);
  });

  it('says when the quote was changed, and escapes what the reviewer typed', () => {
    const html = renderQuote({ ...quote, revision: 3, note: '<script>alert(1)</script>' }, formatChinaDateTime);

    expect(html).toContain('已更新 2 次，这里是最新一版');
    expect(html).not.toContain('<script>');
  });
});
