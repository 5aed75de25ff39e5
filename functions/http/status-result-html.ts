/**
 * A found application as the merchant sees it: reference, status in plain Chinese (presentation/labels-zh.ts), when it
 * last changed, in China time, and the written quote once there is one (quote-html.ts). The API's no-JavaScript
 * result page and the /status/ page's script both render it.
 * Its own module so that the status page's script stays small and the apply page's does not carry it.
 */
import type { ApplicationStatus } from '#domain/application-status.ts';
import type { MerchantQuote } from '#domain/quote.ts';
import { statusLabels } from '../presentation/labels-zh.ts';
import { escapeHtml } from './page-shell.ts';
import { renderQuote } from './quote-html.ts';

const chinaDateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' });

/** `2026-11-25T16:30:00.000Z` → `2026年11月26日 00:30` (China time, whatever the reader's or server's zone). */
export function formatChinaDateTime(iso: string): string {
  return chinaDateTime.format(new Date(iso));
}

export interface StatusResult {
  reference: string;
  status: ApplicationStatus;
  updatedAt: string;
  /** The latest written quote, once a reviewer recorded one. */
  quote?: MerchantQuote;
}

/** A found application: reference, status in plain Chinese, and when it last changed. */
export function renderStatusResult(result: StatusResult): string {
  const status = escapeHtml(result.status === 'spam' ? '' : statusLabels[result.status]);
  return `<dl class="status-result">
  <dt>申请编号</dt><dd class="reference">${escapeHtml(result.reference)}</dd>
  <dt>当前状态</dt><dd>${status}</dd>
  <dt>更新时间</dt><dd><time datetime="${escapeHtml(result.updatedAt)}">${escapeHtml(formatChinaDateTime(result.updatedAt))}</time></dd>
</dl>${result.quote ? `\n${renderQuote(result.quote, formatChinaDateTime)}` : ''}`;
}
