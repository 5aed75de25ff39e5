/**
 * Applications as CSV rows for Excel: the columns of `npm run ops -- export` and of the console's export (admins),
 * one definition for both. Cells go through csvField's formula guard (ops/csv.ts).
 */
import { softSignalLabels, spamReasonLabels } from '#domain/anti-spam.ts';
import { merchantTypeLabels, monthlyVolumeLabels, terminalTypeLabels } from '#domain/application.ts';
import { maskPhone } from '#domain/phone.ts';
import type { ApplicationQuery, OpsStore } from '#domain/ports.ts';
import type { StoredRecord } from '#domain/records.ts';
import { screeningRejectionLabels } from '#domain/screening.ts';
import { csvRow, UTF8_BOM } from '../ops/csv.ts';
import { brandShortLabels, chinaTime, maskName, personalDataState, statusLabel } from '../ops/format.ts';

export const exportHeaders = [
  '申请编号',
  '提交时间',
  '状态',
  '状态代码',
  '品牌',
  '城市',
  '商户类型',
  '终端类型',
  '月刷卡额',
  '姓名',
  '手机号',
  '备注',
  '自动审核',
  '拒绝原因代码',
  '同号其他申请',
  '标记',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  '落地页',
  '来源网址',
  '最近更新',
  '办结时间',
  '个人信息',
] as const;

export function exportRow(record: StoredRecord, masked: boolean): (string | undefined)[] {
  if (record.kind === 'spam') {
    return [record.reference, chinaTime(record.createdAt), statusLabel('spam'), 'spam', '', '', '', '', '', '', '', '', `拦截：${spamReasonLabels[record.reason]}`];
  }
  const a = record;
  const screening = a.screening;
  return [
    a.reference,
    chinaTime(a.createdAt),
    statusLabel(a.status),
    a.status,
    brandShortLabels[a.brand],
    a.city,
    merchantTypeLabels[a.merchantType],
    a.terminalType && terminalTypeLabels[a.terminalType],
    a.monthlyVolume && monthlyVolumeLabels[a.monthlyVolume],
    a.name && (masked ? maskName(a.name) : a.name),
    a.phone && (masked ? maskPhone(a.phone) : a.phone),
    masked ? undefined : a.note,
    screening ? (screening.outcome === 'pending_review' ? '通过' : `未通过：${screening.code ? screeningRejectionLabels[screening.code] : ''}`) : '未审核',
    screening?.code,
    a.samePhoneAs?.join(' '),
    (a.signals ?? []).map((signal) => softSignalLabels[signal]).join('、'),
    a.attribution?.utm_source,
    a.attribution?.utm_medium,
    a.attribution?.utm_campaign,
    a.attribution?.landingPage,
    a.attribution?.referrer,
    chinaTime(a.updatedAt),
    chinaTime(a.closedAt),
    personalDataState(a) || '保留中',
  ];
}

export interface CsvExport {
  /** The whole file: BOM, header row, one row per application, CRLF line ends. */
  csv: string;
  rows: number;
  /** True when `maxRows` cut the export short (narrow the filters). */
  truncated: boolean;
}

/** Every application matching `query`, newest first, as one CSV file of at most `maxRows` rows. */
export async function exportApplicationsCsv(
  query: Omit<ApplicationQuery, 'limit' | 'page'>,
  options: { masked: boolean; maxRows: number },
  deps: { applications: Pick<OpsStore, 'listApplications'> },
): Promise<CsvExport> {
  const lines = [UTF8_BOM + csvRow(exportHeaders)];
  let rows = 0;
  let page: string | undefined;
  do {
    const result = await deps.applications.listApplications({ ...query, limit: Math.min(200, options.maxRows - rows + 1), ...(page !== undefined && { page }) });
    for (const record of result.items) {
      if (rows === options.maxRows) return { csv: lines.join(''), rows, truncated: true };
      lines.push(csvRow(exportRow(record, options.masked)));
      rows++;
    }
    page = result.next;
  } while (page);
  return { csv: lines.join(''), rows, truncated: false };
}
