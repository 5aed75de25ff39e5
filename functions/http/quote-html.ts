/**
 * The written quote (书面报价单) as the merchant sees it on /status/: a dated summary where every figure names its
 * source and when it was verified, unknown figures read 未公开 (never a number), and the activation terms of the
 * acquirer prevail. Rendered by the API's result page and by the status page's script (status-result-html.ts), and
 * printable on its own (site.css @media print). Type-only imports: the schema (zod) stays out of the page's script.
 */
import type { MerchantQuote, QuoteFigure, QuoteFigureKey } from '#domain/quote.ts';
import { escapeHtml } from './page-shell.ts';

/** What each figure is called, and how its number reads. */
const figureRows: readonly { key: QuoteFigureKey; label: string; unit: (value: number, quote: MerchantQuote) => string }[] = [
  { key: 'creditRatePercent', label: '信用卡刷卡费率', unit: (v) => `${v}%` },
  {
    key: 'debitRatePercent',
    label: '储蓄卡刷卡费率',
    unit: (v, quote) => (typeof quote.debitCapYuan === 'number' ? `${v}%（每笔封顶 ${quote.debitCapYuan} 元）` : `${v}%`),
  },
  { key: 'd0SurchargePercent', label: '当天到账（D0）加收', unit: (v) => (v === 0 ? '不加收' : `${v}%`) },
  { key: 'depositYuan', label: '押金', unit: (v) => (v === 0 ? '不收' : `${v} 元`) },
  { key: 'simFeeYuanPerYear', label: '流量费', unit: (v) => (v === 0 ? '不收' : `${v} 元/年`) },
];

export const UNKNOWN_FIGURE = '未公开';

function sourceHtml(figure: QuoteFigure): string {
  const source = /^https?:\/\/\S+$/.test(figure.source)
    ? `<a href="${escapeHtml(figure.source)}" rel="nofollow noopener noreferrer">${escapeHtml(figure.source)}</a>`
    : escapeHtml(figure.source);
  return `${source}<br>核实于 ${escapeHtml(figure.verifiedAt)}`;
}

/** `formatDateTime` is the status result's China-time formatter (status-result-html.ts), so both dates read alike. */
export function renderQuote(quote: MerchantQuote, formatDateTime: (iso: string) => string): string {
  const rows = figureRows.map(({ key, label, unit }) => {
    const figure = quote[key];
    let value = figure.value === null ? UNKNOWN_FIGURE : unit(figure.value, quote);
    if (key === 'depositYuan' && quote.depositRefundCondition) value += `<br>退还条件：${escapeHtml(quote.depositRefundCondition)}`;
    return `<tr><th scope="row">${label}</th><td>${key === 'depositYuan' ? value : escapeHtml(value)}</td><td>${sourceHtml(figure)}</td></tr>`;
  });
  const recordedAt = escapeHtml(formatDateTime(quote.recordedAt));
  return `<section class="quote" aria-labelledby="quote-title">
<h2 id="quote-title">书面报价单</h2>
<p class="meta">记录于 <time datetime="${escapeHtml(quote.recordedAt)}">${recordedAt}</time>${quote.revision > 1 ? `（已更新 ${quote.revision - 1} 次，这里是最新一版）` : ''}</p>
<p>机型：<strong>${escapeHtml(quote.modelName)}</strong></p>
<table class="quote-table">
<thead><tr><th scope="col">项目</th><th scope="col">约定</th><th scope="col">来源</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<h3>激活步骤</h3>
<p class="quote-steps">${escapeHtml(quote.activationSteps)}</p>
${quote.note ? `<p>备注：${escapeHtml(quote.note)}</p>\n` : ''}<p class="notice">这是我们电话中和您约定的内容，方便您核对和留存。“未公开”表示本站没有找到可以引用的公开数字。费率、押金、流量费等最终以收单机构在激活时向您展示的条款和签约内容为准；如果和这里不一致，请先不要激活，联系我们核实。</p>
<p class="print-hint">需要纸质版或截图留存：用浏览器的“打印”功能即可，打印时只保留报价单和申请编号。</p>
</section>`;
}
