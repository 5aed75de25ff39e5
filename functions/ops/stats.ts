/**
 * `ops stats`: figures over the anonymised application records (no personal data is read, so they include
 * applications whose personal data has expired or was erased). Aggregation is pure; rendering draws tables with bars.
 */
import { spamReasonLabels, type SpamReason } from '#domain/anti-spam.ts';
import { brands, type Brand } from '#domain/application.ts';
import { applicationStatuses, type ApplicationStatus } from '#domain/application-status.ts';
import { screeningRejectionCodes, type ScreeningRejectionCode, type StoredRecord } from '#domain/records.ts';
import { screeningRejectionLabels } from '#domain/screening.ts';
import { bar, brandShortLabels, statusLabel } from './format.ts';
import { chinaDay, daysBefore } from '#domain/time.ts';
import { renderTable } from './text-table.ts';

/** Statuses that count as a landing page having converted: the merchant was approved (and may have gone further). */
export const convertedStatuses: readonly ApplicationStatus[] = ['approved', 'shipped', 'activated'];

export interface LandingPageFigures {
  landingPage: string;
  applications: number;
  converted: number;
  activated: number;
}

export interface ApplicationStats {
  /** China calendar days, oldest first, every day of the period (zeros included). */
  perDay: { day: string; applications: number; spam: number }[];
  perBrand: { brand: Brand; applications: number }[];
  perStatus: { status: ApplicationStatus; count: number }[];
  perLandingPage: LandingPageFigures[];
  spamByReason: { reason: SpamReason; count: number }[];
  rejectedByScreening: { code: ScreeningRejectionCode; count: number }[];
  /** Genuine applications (spam excluded). */
  applications: number;
  spam: number;
}

const UNKNOWN_PAGE = '（未记录）';

/** Figures for the `days` China calendar days ending today (`now`). */
export function computeStats(records: readonly StoredRecord[], now: Date, days: number): ApplicationStats {
  const today = chinaDay(now.toISOString());
  const dayList = Array.from({ length: days }, (_, index) =>
    daysBefore(`${today}T00:00:00.000Z`, days - 1 - index).slice(0, 10),
  );
  const perDay = new Map(dayList.map((day) => [day, { day, applications: 0, spam: 0 }]));
  const perBrand = new Map<Brand, number>(brands.map((brand) => [brand, 0]));
  const perStatus = new Map<ApplicationStatus, number>(applicationStatuses.map((status) => [status, 0]));
  const perPage = new Map<string, LandingPageFigures>();
  const spamByReason = new Map<SpamReason, number>();
  const rejectedByScreening = new Map<ScreeningRejectionCode, number>(screeningRejectionCodes.map((code) => [code, 0]));
  let applications = 0;
  let spam = 0;

  for (const record of records) {
    const day = perDay.get(chinaDay(record.createdAt));
    if (!day) continue;
    perStatus.set(record.status, (perStatus.get(record.status) ?? 0) + 1);
    if (record.kind === 'spam') {
      spam++;
      day.spam++;
      spamByReason.set(record.reason, (spamByReason.get(record.reason) ?? 0) + 1);
      continue;
    }
    applications++;
    day.applications++;
    perBrand.set(record.brand, (perBrand.get(record.brand) ?? 0) + 1);
    const code = record.screening?.code;
    if (code) rejectedByScreening.set(code, (rejectedByScreening.get(code) ?? 0) + 1);
    const landingPage = record.attribution?.landingPage?.split(/[?#]/)[0] || UNKNOWN_PAGE;
    const page = perPage.get(landingPage) ?? { landingPage, applications: 0, converted: 0, activated: 0 };
    page.applications++;
    if (convertedStatuses.includes(record.status)) page.converted++;
    if (record.status === 'activated') page.activated++;
    perPage.set(landingPage, page);
  }

  return {
    perDay: [...perDay.values()],
    perBrand: [...perBrand].map(([brand, count]) => ({ brand, applications: count })),
    perStatus: [...perStatus].map(([status, count]) => ({ status, count })),
    perLandingPage: [...perPage.values()].sort((a, b) => b.applications - a.applications || a.landingPage.localeCompare(b.landingPage)),
    spamByReason: [...spamByReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    rejectedByScreening: [...rejectedByScreening].map(([code, count]) => ({ code, count })),
    applications,
    spam,
  };
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`);

export function renderStats(stats: ApplicationStats, days: number): string {
  const sections: string[] = [];
  const maxOf = (values: number[]) => Math.max(0, ...values);

  sections.push(`最近 ${days} 天：有效申请 ${stats.applications} 份，垃圾提交 ${stats.spam} 份\n`);

  const dayMax = maxOf(stats.perDay.map((d) => d.applications));
  sections.push(
    '每日申请\n' +
      renderTable(
        ['日期', '申请', '垃圾', ''],
        stats.perDay.map((d) => [d.day, String(d.applications), String(d.spam), bar(d.applications, dayMax)]),
        ['left', 'right', 'right'],
      ),
  );

  const brandMax = maxOf(stats.perBrand.map((b) => b.applications));
  sections.push(
    '按品牌\n' +
      renderTable(
        ['品牌', '申请', '占比', ''],
        stats.perBrand.map((b) => [brandShortLabels[b.brand], String(b.applications), percent(b.applications, stats.applications), bar(b.applications, brandMax)]),
        ['left', 'right', 'right'],
      ),
  );

  const statusMax = maxOf(stats.perStatus.map((s) => s.count));
  sections.push(
    '按状态\n' +
      renderTable(
        ['状态', '代码', '数量', ''],
        stats.perStatus.map((s) => [statusLabel(s.status), s.status, String(s.count), bar(s.count, statusMax)]),
        ['left', 'left', 'right'],
      ),
  );

  const pageMax = maxOf(stats.perLandingPage.map((p) => p.applications));
  sections.push(
    '按落地页（转化 = 审核通过及以后）\n' +
      (stats.perLandingPage.length === 0
        ? '（没有申请）\n'
        : renderTable(
            ['落地页', '申请', '通过', '激活', '转化率', ''],
            stats.perLandingPage.map((p) => [
              p.landingPage,
              String(p.applications),
              String(p.converted),
              String(p.activated),
              percent(p.converted, p.applications),
              bar(p.applications, pageMax),
            ]),
            ['left', 'right', 'right', 'right', 'right'],
          )),
  );

  const spamRows = [
    ...stats.spamByReason.map((s) => [`提交时拦截：${spamReasonLabels[s.reason]}`, String(s.count)]),
    ...stats.rejectedByScreening
      .filter((r) => r.code === 'spam_signal' || r.code === 'blocked_phone')
      .map((r) => [`自动审核拒绝：${screeningRejectionLabels[r.code]}`, String(r.count)]),
  ];
  const spamMax = maxOf(spamRows.map((row) => Number(row[1])));
  sections.push('垃圾与拦截\n' + renderTable(['原因', '数量', ''], spamRows.map((row) => [...row, bar(Number(row[1]), spamMax)]), ['left', 'right']));

  return sections.join('\n');
}
