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
        stats.perBrand.map((b) => [
          brandShortLabels[b.brand],
          String(b.applications),
          percent(b.applications, stats.applications),
          bar(b.applications, brandMax),
        ]),
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
  sections.push(
    '垃圾与拦截\n' +
      renderTable(
        ['原因', '数量', ''],
        spamRows.map((row) => [...row, bar(Number(row[1]), spamMax)]),
        ['left', 'right'],
      ),
  );

  const { promise } = stats;
  sections.push(
    `承诺兑现（通常 1–2 个工作日内来电）\n` +
      renderTable(
        ['指标', '数值'],
        [
          ['已打过电话的申请', String(promise.attempted)],
          ['首次来电用时 中位数', promise.medianHoursToFirstAttempt === undefined ? '—' : `${promise.medianHoursToFirstAttempt} 小时内`],
          ['首次来电用时 90% 分位', promise.p90HoursToFirstAttempt === undefined ? '—' : `${promise.p90HoursToFirstAttempt} 小时内`],
          ['承诺期内打出第一个电话', `${promise.attemptedOnTime}（${percent(promise.attemptedOnTime, stats.applications)}）`],
          ['承诺期内接通', `${promise.reachedOnTime}（${percent(promise.reachedOnTime, stats.applications)}）`],
          ['接通率（接通 / 申请）', `${promise.reached}（${percent(promise.reached, stats.applications)}）`],
        ],
        ['left', 'right'],
      ),
  );
  sections.push(
    '各阶段转化（曾到达该阶段的申请）\n' +
      renderTable(
        ['阶段', '数量', '占申请'],
        stats.stages.map((s) => [statusLabel(s.status), String(s.count), percent(s.count, stats.applications)]),
        ['left', 'right', 'right'],
      ),
  );
  sections.push(
    '按审核员\n' +
      (stats.perReviewer.length === 0
        ? '（还没有通话记录）\n'
        : renderTable(
            ['审核员', '通话', '接通', '已联系', '通过', '激活'],
            stats.perReviewer.map((r) => [r.reviewer, String(r.calls), String(r.reached), String(r.contacted), String(r.approved), String(r.activated)]),
            ['left', 'right', 'right', 'right', 'right', 'right'],
          )),
  );
  sections.push(
    '按周（周一起）\n' +
      renderTable(
        ['周', '申请', '接通', '已联系', '通过', '激活'],
        stats.perWeek.map((w) => [w.week, String(w.applications), String(w.reached), String(w.contacted), String(w.approved), String(w.activated)]),
        ['left', 'right', 'right', 'right', 'right', 'right'],
      ),
  );

  return sections.join('\n');
}
