/**
 * The published figures a written quote starts from (domain/quote.ts), per model: the console page embeds them so a
 * reviewer's quote is pre-filled from the same sourced brand data the site shows, each figure with its source and
 * verifiedAt; unknown stays null (未公开), never 0.
 */
import type { QuoteInput } from '#domain/quote.ts';
import { isoDay } from './format.ts';
import { modelsOf, type Brand } from './products.ts';

/** A quote without the activation steps and note the reviewer writes. */
export type QuoteDefaults = Omit<QuoteInput, 'activationSteps' | 'note'>;

export function quoteCatalogue(brands: readonly Brand[]): QuoteDefaults[] {
  return modelsOf(brands).map(({ brand, model }) => {
    const rates = { source: model.rates.source, verifiedAt: isoDay(model.rates.verifiedAt) };
    const settlement = { source: model.settlement.source, verifiedAt: isoDay(model.settlement.verifiedAt) };
    return {
      brand: brand.id as QuoteInput['brand'],
      modelId: model.id,
      modelName: model.name,
      creditRatePercent: { value: model.rates.credit?.percent ?? null, ...rates },
      debitRatePercent: { value: model.rates.debit?.percent ?? null, ...rates },
      debitCapYuan: model.rates.debit?.capYuan ?? null,
      // Offering D0 without a published surcharge is unknown, not free.
      d0SurchargePercent: { value: model.settlement.options.includes('D0') ? (model.settlement.d0SurchargePercent ?? null) : null, ...settlement },
      depositYuan: { value: model.deposit.amountYuan, source: model.deposit.source, verifiedAt: isoDay(model.deposit.verifiedAt) },
      depositRefundCondition: model.deposit.refundCondition ?? null,
      simFeeYuanPerYear: { value: model.simFee.yuanPerYear, source: model.simFee.source, verifiedAt: isoDay(model.simFee.verifiedAt) },
    };
  });
}
