/**
 * Applications as CSV rows for Excel: the columns of `npm run ops -- export` and of the console's export (admins),
 * one definition for both. Cells go through csvField's formula guard (csv.ts).
 */
import { maskName, personalDataStateOf } from '#domain/personal-data.ts';
import { maskPhone } from '#domain/phone.ts';
import type { StoredRecord } from '#domain/records.ts';
import { csvRow, UTF8_BOM } from './csv.ts';
import {
  brandShortLabels,
  chinaTime,
  merchantTypeLabels,
  monthlyVolumeLabels,
  personalDataStateLabels,
  screeningRejectionLabels,
  softSignalLabels,
  spamReasonLabels,
  statusLabel,
  terminalTypeLabels,
} from './labels-zh.ts';

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
    return [
      record.reference,
      chinaTime(record.createdAt),
      statusLabel('spam'),
      'spam',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      `拦截：${spamReasonLabels[record.reason]}`,
    ];
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
    personalDataStateLabels[personalDataStateOf(a)],
  ];
}

/** The whole file: BOM, header row, one row per record, CRLF line ends. */
export function applicationsCsv(records: readonly StoredRecord[], masked: boolean): string {
  return UTF8_BOM + csvRow(exportHeaders) + records.map((record) => csvRow(exportRow(record, masked))).join('');
}
