/** `list`: the queue, newest first, a page at a time; phones and names masked. */
import { brands, type Brand } from '#domain/application.ts';
import { applicationStatuses, workableStatuses, type ApplicationStatus } from '#domain/application-status.ts';

import { maskPhone } from '#domain/phone.ts';
import { InvalidPageTokenError, type ApplicationPage, type ApplicationQuery } from '#domain/ports.ts';
import { integerOption, UsageError, type Command } from '../context.ts';
import { maskName } from '#domain/personal-data.ts';
import { reviewFlagsOf } from '#domain/review-flags.ts';
import { brandShortLabels, chinaTime, merchantTypeShortLabels, reviewFlagsText, spamReasonLabels, statusLabel } from '../../presentation/labels-zh.ts';
import { startOfChinaDay } from '#domain/time.ts';
import { renderTable } from '../text-table.ts';

export function statusesOption(value: unknown, fallback: readonly ApplicationStatus[]): readonly ApplicationStatus[] {
  if (value === undefined) return fallback;
  const statuses = String(value)
    .split(',')
    .map((s) => s.trim());
  for (const status of statuses) {
    if (!(applicationStatuses as readonly string[]).includes(status)) {
      throw new UsageError(`--status 不认识 “${status}”；可用：${applicationStatuses.join('、')}（多个用逗号分隔）`);
    }
  }
  return statuses as ApplicationStatus[];
}

export function brandOption(value: unknown): Brand | undefined {
  if (value === undefined) return undefined;
  if (!(brands as readonly string[]).includes(String(value))) throw new UsageError(`--brand 不认识 “${String(value)}”；可用：${brands.join('、')}`);
  return value as Brand;
}

/** `--brand` and `--since` as query filters, absent when not given. */
export function filterOptions(values: { brand?: unknown; since?: unknown }): Pick<ApplicationQuery, 'brand' | 'createdSince'> {
  const brand = brandOption(values.brand);
  const createdSince = sinceOption(values.since);
  return { ...(brand !== undefined && { brand }), ...(createdSince !== undefined && { createdSince }) };
}

export function sinceOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const since = startOfChinaDay(String(value));
  if (!since) throw new UsageError(`--since 应为日期，如 2026-11-01（收到 “${String(value)}”）`);
  return since;
}

export const listCommand: Command = {
  name: 'list',
  summary: '列出申请（最新的在前，分页，手机号遮挡）',
  help: `用法：npm run ops -- list [--status S[,S…]] [--brand B] [--since 日期] [--limit N] [--page 令牌]

  --status   只看这些状态：${applicationStatuses.join('、')}（默认除 spam 外全部）
  --brand    只看这个品牌：${brands.join('、')}
  --since    只看这一天（中国时间 0 点）以后提交的，如 2026-11-01
  --limit    每页条数，1–200，默认 20
  --page     上一页末尾给出的令牌，翻到下一页

例子：
  npm run ops -- list --status pending_review
  npm run ops -- list --brand lakala --since 2026-11-01 --limit 50`,
  options: {
    status: { type: 'string' },
    brand: { type: 'string' },
    since: { type: 'string' },
    limit: { type: 'string' },
    page: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    const query: ApplicationQuery = {
      statuses: statusesOption(values.status, workableStatuses),
      limit: integerOption(values, 'limit', 20, 1, 200),
      ...filterOptions(values),
      ...(values.page !== undefined && { page: String(values.page) }),
    };
    const { store } = await context.connect();
    let page: ApplicationPage;
    try {
      page = await store.listApplications(query);
    } catch (error) {
      if (error instanceof InvalidPageTokenError) throw new UsageError('--page 令牌无效：请使用上一页末尾给出的令牌');
      throw error;
    }
    if (page.items.length === 0) {
      context.io.out('没有符合条件的申请。\n');
      return 0;
    }
    const rows = page.items.map((record) =>
      record.kind === 'spam'
        ? [record.reference, chinaTime(record.createdAt), statusLabel('spam'), '', '', '', '', '', `拦截：${spamReasonLabels[record.reason]}`]
        : [
            record.reference,
            chinaTime(record.createdAt),
            statusLabel(record.status),
            brandShortLabels[record.brand],
            record.city,
            merchantTypeShortLabels[record.merchantType],
            record.phone === undefined ? '—' : maskPhone(record.phone),
            record.name === undefined ? '—' : maskName(record.name),
            reviewFlagsText(reviewFlagsOf(record)),
          ],
    );
    context.io.out(renderTable(['编号', '提交时间', '状态', '品牌', '城市', '类型', '手机号', '姓名', '标记'], rows));
    context.io.out(`本页 ${page.items.length} 条。`);
    if (page.next) {
      const again = [
        'list',
        ...(['status', 'brand', 'since', 'limit', 'stage'] as const).flatMap((name) => (values[name] === undefined ? [] : [`--${name}`, String(values[name])])),
      ];
      context.io.out(`下一页：npm run ops -- ${again.join(' ')} --page ${page.next}\n`);
    } else {
      context.io.out('已是最后一页。\n');
    }
    return 0;
  },
};
