/**
 * Yearly cost of a terminal for a merchant's volume and payment mix, from the product data.
 * Used at build time (the calculator page's example table, which works without JavaScript) and in the browser
 * (the calculator script), so both always compute the same thing.
 */
import { formatYuanRounded } from './format.ts';
import type { ProductModel, Rate } from './products.ts';
import type { SettlementCode } from '#domain/catalogue.ts';

export const CHANNELS = ['debit', 'credit', 'qr', 'nfc'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  debit: '借记卡',
  credit: '信用卡',
  qr: '扫码',
  nfc: '闪付',
};

/** The settlement choices the calculator offers: free next-working-day, or same-day with a surcharge. Labels: settlementLabels in functions/presentation/labels-zh.ts. */
export const SETTLEMENT_CHOICES = ['T1', 'D0'] as const satisfies readonly SettlementCode[];
export type SettlementChoice = (typeof SETTLEMENT_CHOICES)[number];

/** What the merchant tells the calculator. Shares are percentages; they are normalised if they do not add up to 100. */
export interface Scenario {
  monthlyVolumeYuan: number;
  averageTicketYuan: number;
  shares: Record<Channel, number>;
  settlement: SettlementChoice;
}

/** A typical small shop, used for the example table shown without JavaScript and as the form's starting values. */
export const EXAMPLE_SCENARIO: Scenario = {
  monthlyVolumeYuan: 30_000,
  averageTicketYuan: 150,
  shares: { debit: 20, credit: 30, qr: 45, nfc: 5 },
  settlement: 'T1',
};

export interface Estimate {
  /** Sum of the parts that are known; a lower bound when `missing` is not empty. */
  yearlyTotalYuan: number;
  ratesYuan: number;
  instantSettlementYuan: number;
  simFeeYuan: number;
  /** Figures the product data does not publish, so the total leaves them out (e.g. "信用卡费率"). */
  missing: string[];
  /**
   * Set when the data does not list the scenario's settlement method for the model. The sources only say which
   * methods a model offers, never which it lacks, so this is 未公开 rather than "不支持"; the numbers are then meaningless.
   */
  settlementNotPublished?: string;
}

const MONTHS = 12;
/** The name of the D0 surcharge in `missing` (and in the result: 未含秒到加收). */
const D0_SURCHARGE = '秒到加收';

export function estimateYearlyCost(model: ProductModel, scenario: Scenario): Estimate {
  const estimate: Estimate = { yearlyTotalYuan: 0, ratesYuan: 0, instantSettlementYuan: 0, simFeeYuan: 0, missing: [] };
  if (!model.settlement.options.includes(scenario.settlement)) {
    return { ...estimate, settlementNotPublished: `未公开能否 ${scenario.settlement} 到账` };
  }

  const yearlyVolume = scenario.monthlyVolumeYuan * MONTHS;
  const ticket = scenario.averageTicketYuan;
  const shares = normalisedShares(scenario.shares);
  for (const channel of CHANNELS) {
    const volume = yearlyVolume * shares[channel];
    if (volume === 0) continue;
    const rate = rateFor(model, channel, ticket);
    if (rate === null || rate.percent === null) {
      estimate.missing.push(`${CHANNEL_LABELS[channel]}费率`);
      continue;
    }
    estimate.ratesYuan += volume * feeShareOfTicket(rate, ticket);
  }

  if (scenario.settlement === 'D0') {
    // An unpublished surcharge is unknown, not free: the result says 未公开 instead of counting it as 0 元.
    if (model.settlement.d0SurchargePercent === undefined) {
      estimate.missing.push(D0_SURCHARGE);
    } else {
      const transactions = ticket > 0 ? yearlyVolume / ticket : 0;
      estimate.instantSettlementYuan = (yearlyVolume * model.settlement.d0SurchargePercent) / 100 + transactions * (model.settlement.d0FeeYuanPerTxn ?? 0);
    }
  }

  if (model.simFee.yuanPerYear === null) estimate.missing.push('流量费');
  else estimate.simFeeYuan = model.simFee.yuanPerYear;

  estimate.yearlyTotalYuan = estimate.ratesYuan + estimate.instantSettlementYuan + estimate.simFeeYuan;
  return estimate;
}

/** Shares as fractions of 1; all-zero input means nothing is estimated rather than a division by zero. */
export function normalisedShares(shares: Record<Channel, number>): Record<Channel, number> {
  const total = CHANNELS.reduce((sum, channel) => sum + Math.max(0, shares[channel]), 0);
  return Object.fromEntries(CHANNELS.map((channel) => [channel, total > 0 ? Math.max(0, shares[channel]) / total : 0])) as Record<Channel, number>;
}

/** NFC rates apply only up to their per-transaction limit; above it the payment is charged like a credit card. */
function rateFor(model: ProductModel, channel: Channel, ticket: number): Rate | null {
  const nfc = model.rates.nfc;
  if (channel === 'nfc' && nfc?.limitYuan !== undefined && ticket > nfc.limitYuan) return model.rates.credit;
  return model.rates[channel];
}

/** Fee as a fraction of the ticket, honouring a per-transaction cap (debit cards are usually capped). */
function feeShareOfTicket(rate: Rate, ticket: number): number {
  const fraction = (rate.percent ?? 0) / 100;
  if (!('capYuan' in rate) || rate.capYuan === undefined || ticket <= 0) return fraction;
  return Math.min(ticket * fraction, rate.capYuan) / ticket;
}

/** The text of one estimate's cells, shared by the build-time example table and the browser script. */
export function describeEstimate(estimate: Estimate): { rates: string; instantSettlement: string; simFee: string; total: string } {
  if (estimate.settlementNotPublished) {
    return { rates: '—', instantSettlement: '—', simFee: '—', total: estimate.settlementNotPublished };
  }
  const missing = estimate.missing.length ? `（未含${estimate.missing.join('、')}：未公开）` : '';
  const ratesIncomplete = estimate.missing.some((item) => item.endsWith('费率'));
  const nothingKnown = ratesIncomplete && estimate.ratesYuan === 0;
  return {
    rates: !ratesIncomplete ? formatYuanRounded(estimate.ratesYuan) : estimate.ratesYuan === 0 ? '未公开' : `至少 ${formatYuanRounded(estimate.ratesYuan)}`,
    instantSettlement: estimate.missing.includes(D0_SURCHARGE) ? '未公开' : formatYuanRounded(estimate.instantSettlementYuan),
    simFee: estimate.missing.includes('流量费') ? '未公开' : formatYuanRounded(estimate.simFeeYuan),
    total: nothingKnown ? '无法估算：费率未公开' : `${estimate.missing.length ? '至少 ' : '约 '}${formatYuanRounded(estimate.yearlyTotalYuan)}${missing}`,
  };
}

/** Cheapest first; models that cannot serve the scenario go last, then those with unknown parts. */
export function byYearlyCost(a: Estimate, b: Estimate): number {
  const rank = (estimate: Estimate) => (estimate.settlementNotPublished ? 2 : estimate.missing.length ? 1 : 0);
  return rank(a) - rank(b) || a.yearlyTotalYuan - b.yearlyTotalYuan;
}
