/**
 * `ops stats` as text: the figures of use-cases/application-stats.ts drawn as tables with bars.
 */
import { UNKNOWN_LANDING_PAGE, type ApplicationStats } from '../use-cases/application-stats.ts';
import { brandShortLabels, screeningRejectionLabels, spamReasonLabels, statusLabel } from '../presentation/labels-zh.ts';
import { bar, renderTable } from './text-table.ts';

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
              p.landingPage === UNKNOWN_LANDING_PAGE ? '（未记录）' : p.landingPage,
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
