/**
 * The fee calculator in the browser: reveals the form, recomputes the table on every change. The arithmetic is
 * lib/fee-estimate.ts, the same code that rendered the example table at build time.
 */
import {
  byYearlyCost,
  CHANNELS,
  describeEstimate,
  estimateYearlyCost,
  type Channel,
  type Estimate,
  type Scenario,
  type SettlementChoice,
} from '../lib/fee-estimate.ts';
import { formatYuanRounded } from '../lib/format.ts';
import type { ProductModel } from '../lib/products.ts';
import { enhanceCopyLinks } from './copy-link.ts';

interface EmbeddedModel {
  ref: string;
  name: string;
  model: ProductModel;
}

export function initCalculator(): void {
  const form = document.querySelector<HTMLFormElement>('#calculator-form');
  const data = document.querySelector('#calculator-models');
  const tbody = document.querySelector<HTMLTableSectionElement>('#calculator-results tbody');
  const summary = document.querySelector('#calculator-summary');
  const shareTotal = document.querySelector('#calculator-share-total');
  if (!form || !data?.textContent || !tbody || !summary || !shareTotal) return;
  const models = JSON.parse(data.textContent) as EmbeddedModel[];

  form.hidden = false;
  document.querySelector('#calculator-no-js')?.setAttribute('hidden', '');
  enhanceCopyLinks();

  const update = () => {
    const scenario = readScenario(form);
    if (!scenario) {
      summary.textContent = '请把标红的数字改成 0 或更大的数。';
      return;
    }
    const shareSum = CHANNELS.reduce((sum, channel) => sum + scenario.shares[channel], 0);
    shareTotal.textContent = shareSum === 100 ? '合计 100%' : `合计 ${shareSum}%，计算时按比例折算成 100%`;
    const estimates = models
      .map((entry) => ({ entry, estimate: estimateYearlyCost(entry.model, scenario) }))
      .sort((a, b) => byYearlyCost(a.estimate, b.estimate));
    for (const { entry, estimate } of estimates) {
      const row = tbody.querySelector<HTMLTableRowElement>(`tr[data-model="${CSS.escape(entry.ref)}"]`);
      if (!row) continue;
      fillRow(row, estimate);
      tbody.append(row); // re-append in sorted order
    }
    const cheapest = estimates.find(({ estimate }) => !estimate.settlementNotPublished && estimate.missing.length === 0);
    summary.textContent = cheapest
      ? `已按您的数字重新估算：一年花费最少的是 ${cheapest.entry.name}，约 ${formatYuanRounded(cheapest.estimate.yearlyTotalYuan)}。`
      : '已按您的数字重新估算。';
  };

  form.addEventListener('input', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });
}

function fillRow(row: HTMLTableRowElement, estimate: Estimate): void {
  const cells = describeEstimate(estimate);
  for (const [key, text] of Object.entries(cells)) {
    const cell = row.querySelector(`[data-cell="${key}"]`);
    if (cell) cell.textContent = text;
  }
}

/** Reads the form; marks invalid numbers and returns undefined when any is invalid. */
function readScenario(form: HTMLFormElement): Scenario | undefined {
  let valid = true;
  const number = (name: string): number => {
    const input = form.elements.namedItem(name) as HTMLInputElement;
    const value = input.value.trim() === '' ? 0 : Number(input.value);
    const ok = Number.isFinite(value) && value >= 0;
    input.setAttribute('aria-invalid', String(!ok));
    valid &&= ok;
    return ok ? value : 0;
  };
  const shares = Object.fromEntries(CHANNELS.map((channel) => [channel, number(`share-${channel}`)])) as Record<Channel, number>;
  const scenario: Scenario = {
    monthlyVolumeYuan: number('volume'),
    averageTicketYuan: number('ticket'),
    shares,
    settlement: (new FormData(form).get('settlement') ?? 'T1') as SettlementChoice,
  };
  return valid ? scenario : undefined;
}
