import { describe, expect, test } from 'vitest';
import {
  byYearlyCost,
  describeEstimate,
  estimateYearlyCost,
  EXAMPLE_SCENARIO,
  normalisedShares,
  type Scenario,
} from '../../../../site/src/lib/fee-estimate.ts';
import { fixtureBrand } from '../../support.ts';

// Fixture lakala/dianqian: debit 0.5% capped at 20 元, credit 0.6%, QR 0.38%, NFC 0.38% up to 1000 元,
// T1 or D0 (+0.03%), SIM fee 60 元/year. unionpay/bank-pos: only debit known (percent null), T1 only.
const dianqian = fixtureBrand('lakala').data.models[0]!;
const bankPos = fixtureBrand('unionpay').data.models[0]!;

const scenario = (change: Partial<Scenario> = {}): Scenario => ({
  monthlyVolumeYuan: 30_000,
  averageTicketYuan: 150,
  shares: { debit: 20, credit: 30, qr: 45, nfc: 5 },
  settlement: 'T1',
  ...change,
});

describe('estimateYearlyCost', () => {
  test('adds each channel at its rate plus the SIM fee', () => {
    const estimate = estimateYearlyCost(dianqian, scenario());

    // 360,000 元/year: debit 72,000 × 0.5% + credit 108,000 × 0.6% + QR 162,000 × 0.38% + NFC 18,000 × 0.38%
    expect(estimate.ratesYuan).toBeCloseTo(360 + 648 + 615.6 + 68.4, 6);
    expect(estimate.simFeeYuan).toBe(60);
    expect(estimate.instantSettlementYuan).toBe(0);
    expect(estimate.yearlyTotalYuan).toBeCloseTo(1752, 6);
    expect(estimate.missing).toEqual([]);
  });

  test('adds the D0 surcharge on the whole volume when same-day settlement is chosen', () => {
    const estimate = estimateYearlyCost(dianqian, scenario({ settlement: 'D0' }));

    expect(estimate.instantSettlementYuan).toBeCloseTo(360_000 * 0.0003, 6);
    expect(estimate.yearlyTotalYuan).toBeCloseTo(1752 + 108, 6);
  });

  test('shows an unpublished D0 surcharge as 未公开, never as 0 元, and the total as a lower bound', () => {
    const { d0SurchargePercent: _unknown, ...settlement } = dianqian.settlement;
    const surchargeUnpublished = { ...dianqian, settlement };

    const estimate = estimateYearlyCost(surchargeUnpublished, scenario({ settlement: 'D0' }));
    const shown = describeEstimate(estimate);

    expect(estimate.missing).toEqual(['秒到加收']);
    expect(shown.instantSettlement).toBe('未公开');
    expect(shown.total).toMatch(/^至少 .*（未含秒到加收：未公开）$/);
    expect(byYearlyCost(estimate, estimateYearlyCost(dianqian, scenario({ settlement: 'D0' })))).toBeGreaterThan(0);
  });

  test('caps the debit fee per transaction', () => {
    const estimate = estimateYearlyCost(dianqian, scenario({ averageTicketYuan: 10_000, shares: { debit: 100, credit: 0, qr: 0, nfc: 0 } }));

    // 36 transactions a year of 10,000 元: 0.5% would be 50 元 each, the cap makes it 20 元.
    expect(estimate.ratesYuan).toBeCloseTo(36 * 20, 6);
  });

  test('charges NFC above its limit like a credit card', () => {
    const estimate = estimateYearlyCost(dianqian, scenario({ averageTicketYuan: 2_000, shares: { debit: 0, credit: 0, qr: 0, nfc: 100 } }));

    expect(estimate.ratesYuan).toBeCloseTo(360_000 * 0.006, 6);
  });

  test('leaves unpublished figures out and says which', () => {
    const estimate = estimateYearlyCost(bankPos, scenario());

    expect(estimate.missing).toEqual(['借记卡费率', '信用卡费率', '扫码费率', '闪付费率', '流量费']);
    expect(describeEstimate(estimate)).toEqual({
      rates: '未公开',
      instantSettlement: '0 元',
      simFee: '未公开',
      total: '无法估算：费率未公开',
    });
  });

  test('says 未公开, not 不支持, when the data does not list the settlement asked for', () => {
    const estimate = estimateYearlyCost(bankPos, scenario({ settlement: 'D0' }));

    expect(estimate.settlementNotPublished).toBe('未公开能否 D0 到账');
    expect(describeEstimate(estimate).total).toBe('未公开能否 D0 到账');
  });

  test('sorts complete estimates by cost, then incomplete, then settlement not published', () => {
    const cheap = estimateYearlyCost(dianqian, scenario({ monthlyVolumeYuan: 1_000 }));
    const dear = estimateYearlyCost(dianqian, scenario());
    const incomplete = estimateYearlyCost(bankPos, scenario());
    const notPublished = estimateYearlyCost(bankPos, scenario({ settlement: 'D0' }));

    expect([notPublished, incomplete, dear, cheap].sort(byYearlyCost)).toEqual([cheap, dear, incomplete, notPublished]);
  });
});

describe('normalisedShares', () => {
  test('scales shares that do not add up to 100', () => {
    expect(normalisedShares({ debit: 1, credit: 1, qr: 2, nfc: 0 })).toEqual({ debit: 0.25, credit: 0.25, qr: 0.5, nfc: 0 });
  });

  test('treats all-zero shares as nothing to estimate instead of dividing by zero', () => {
    expect(normalisedShares({ debit: 0, credit: 0, qr: 0, nfc: 0 })).toEqual({ debit: 0, credit: 0, qr: 0, nfc: 0 });
  });

  test('the example scenario shown without JavaScript adds up to 100%', () => {
    const { debit, credit, qr, nfc } = EXAMPLE_SCENARIO.shares;
    expect(debit + credit + qr + nfc).toBe(100);
  });
});
