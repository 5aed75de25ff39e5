/** A written quote as the console sends it: the brand data's published figures, one unknown (null). */
import type { QuoteInput } from '../../functions/domain/quote.ts';

export function validQuote(overrides: Partial<QuoteInput> = {}): QuoteInput {
  const published = { source: 'http://kaolafu.cn/buy/2539.html', verifiedAt: '2026-12-04' };
  return {
    brand: 'lakala',
    modelId: 'dianqian',
    modelName: '拉卡拉电签 POS',
    creditRatePercent: { value: 0.6, ...published },
    debitRatePercent: { value: 0.5, ...published },
    debitCapYuan: 20,
    d0SurchargePercent: { value: null, source: '《银行卡收单业务管理办法》（中国人民银行公告〔2013〕第9号，2013-07-05）', verifiedAt: '2026-12-04' },
    depositYuan: { value: 100, ...published },
    depositRefundCondition: '激活后 90 天内刷卡满 5 万元退还',
    simFeeYuanPerYear: { value: 60, ...published },
    activationSteps: '收到机器后，下载拉卡拉官方 App，实名认证并绑定机身序列号，完成首笔交易即激活。',
    ...overrides,
  };
}
