/**
 * The console's written-quote section (书面报价单) on one application: the versions recorded so far, and a form a
 * reviewer fills after the call. Choosing a model fills every figure from the published brand data embedded in the
 * page (site/src/lib/quote-catalogue.ts) with its source and verifiedAt; a figure changed from the published one is
 * sent as "agreed on the phone" with today's date, and then needs a note (the API's schema, domain/quote.ts, checks).
 * An empty figure means unknown (未公开), never 0.
 */
import { AGREED_ON_PHONE } from '#domain/catalogue.ts';
import type { QuoteRecord } from '#domain/quote.ts';
import type { QuoteDefaults } from '../../lib/quote-catalogue.ts';
import { h } from './dom.ts';

/** The figure inputs, with their labels and units. */
const figureFields = [
  ['creditRatePercent', '信用卡费率（%）'],
  ['debitRatePercent', '储蓄卡费率（%）'],
  ['d0SurchargePercent', 'D0 加收（%）'],
  ['depositYuan', '押金（元）'],
  ['simFeeYuanPerYear', '流量费（元/年）'],
] as const;
type FigureKey = (typeof figureFields)[number][0];

function readCatalogue(): QuoteDefaults[] {
  try {
    return JSON.parse(document.querySelector('#quote-catalogue')?.textContent ?? '[]') as QuoteDefaults[];
  } catch {
    return [];
  }
}

const figureText = (value: number | null) => (value === null ? '未公开' : String(value));

/**
 * `save` sends the quote and answers the field messages to show (empty when it was recorded).
 * `today` is the China-time day a changed figure is dated with.
 */
export function renderQuoteSection(quotes: readonly QuoteRecord[], save: (quote: unknown) => Promise<Record<string, string>>, today: string): HTMLElement {
  const catalogue = readCatalogue();
  const versions = quotes.length
    ? h(
        'ol',
        { class: 'console-history' },
        ...quotes.map((quote) =>
          h(
            'li',
            {},
            `${quote.recordedAt.slice(0, 16).replace('T', ' ')} UTC ${quote.recordedBy}：${quote.modelName}，信用卡 ${figureText(quote.creditRatePercent.value)}，押金 ${figureText(quote.depositYuan.value)}，流量费 ${figureText(quote.simFeeYuanPerYear.value)}${quote.note ? `（${quote.note}）` : ''}`,
          ),
        ),
      )
    : h('p', {}, '还没有报价单。通话确认后在下面填写，商户就能在进度查询页看到。');

  const model = h(
    'select',
    { id: 'quote-model', name: 'model', required: '' },
    h('option', { value: '' }, '请选择机型'),
    ...catalogue.map((entry, index) => h('option', { value: String(index) }, entry.modelName)),
  );
  const inputs = Object.fromEntries(
    figureFields.map(([key]) => [key, h('input', { id: `quote-${key}`, name: key, type: 'number', inputmode: 'decimal', step: 'any', min: '0' })]),
  ) as Record<FigureKey, HTMLInputElement>;
  const debitCap = h('input', { id: 'quote-debitCapYuan', name: 'debitCapYuan', type: 'number', inputmode: 'decimal', step: 'any', min: '0' });
  const refund = h('input', { id: 'quote-refund', name: 'depositRefundCondition', type: 'text', maxlength: '200' });
  const steps = h('textarea', { id: 'quote-steps', name: 'activationSteps', rows: '3', maxlength: '500', required: '' });
  const note = h('textarea', { id: 'quote-note', name: 'note', rows: '2', maxlength: '500' });
  const sources = h('p', { class: 'meta', id: 'quote-sources' });
  let chosen: QuoteDefaults | undefined;

  model.addEventListener('change', () => {
    chosen = catalogue[Number(model.value)];
    for (const [key] of figureFields) inputs[key].value = chosen ? (chosen[key].value === null ? '' : String(chosen[key].value)) : '';
    refund.value = chosen?.depositRefundCondition ?? '';
    debitCap.value = typeof chosen?.debitCapYuan === 'number' ? String(chosen.debitCapYuan) : '';
    sources.textContent = chosen
      ? `已按资料填入（来源与核实日期随报价单一起给商户看）。改动的数字会标为“${AGREED_ON_PHONE}”，请在备注里说明。留空 = 未公开。`
      : '';
  });

  const field = (id: string, label: string, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const form = h(
    'form',
    { 'aria-labelledby': 'quote-form-title', class: 'console-quote-form' },
    h('h4', { id: 'quote-form-title' }, quotes.length ? '修改报价单（保留旧版本）' : '填写报价单'),
    field('quote-model', '机型', model),
    sources,
    ...figureFields.map(([key, label]) => field(`quote-${key}`, label, inputs[key])),
    field('quote-debitCapYuan', '储蓄卡每笔封顶（元）', debitCap),
    field('quote-refund', '押金退还条件', refund),
    field('quote-steps', '激活步骤', steps),
    field('quote-note', '备注（改动资料数字时必填）', note),
    h('button', { type: 'submit', class: 'button button-primary' }, '保存报价单'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!chosen) return model.focus();
    const numberIn = (input: HTMLInputElement) => (input.value.trim() === '' ? null : Number(input.value));
    const cap = numberIn(debitCap);
    const figure = (key: FigureKey) => {
      const value = numberIn(inputs[key]);
      const published = chosen![key];
      // A changed cap changes what the debit rate means: the debit figure then counts as agreed too.
      const changed = value !== published.value || (key === 'debitRatePercent' && cap !== (chosen!.debitCapYuan ?? null));
      return changed ? { value, source: AGREED_ON_PHONE, verifiedAt: today } : published;
    };
    const quote = {
      brand: chosen.brand,
      modelId: chosen.modelId,
      modelName: chosen.modelName,
      ...Object.fromEntries(figureFields.map(([key]) => [key, figure(key)])),
      debitCapYuan: cap,
      depositRefundCondition: refund.value.trim() || null,
      activationSteps: steps.value,
      ...(note.value.trim() && { note: note.value.trim() }),
    };
    const problems = await save(quote);
    for (const [name, message] of Object.entries(problems)) {
      const control = form.querySelector<HTMLElement>(`[name="${name}"]`);
      control?.setAttribute('aria-invalid', 'true');
      control?.insertAdjacentElement('afterend', h('p', { class: 'field-error' }, message));
    }
  });

  return h('section', { 'aria-labelledby': 'quote-title', class: 'console-quote' }, h('h3', { id: 'quote-title' }, '书面报价单'), versions, form);
}
