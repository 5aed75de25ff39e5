/** `stats`: applications per day, brand, status and landing page, and spam, over the last N days. */
import { applicationStatuses } from '../../domain/application-status.ts';
import type { StoredRecord } from '../../domain/ports.ts';
import { integerOption, type Command } from '../context.ts';
import { chinaDay, daysBefore, startOfChinaDay } from '../../domain/time.ts';
import { computeStats, renderStats } from '../stats.ts';

const PAGE_SIZE = 500;

export const statsCommand: Command = {
  name: 'stats',
  summary: '统计：每日、品牌、状态、落地页（转化）、垃圾提交，带条形图',
  help: `用法：npm run ops -- stats [--days N]

  --days     统计最近 N 天（按中国日期，含今天），1–366，默认 30

只读取匿名记录，个人信息已删除的申请也计算在内。

例子：
  npm run ops -- stats --days 7`,
  options: { days: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    const days = integerOption(values, 'days', 30, 1, 366);
    const { store, clock } = await context.connect();
    const now = clock.now();
    const firstDay = daysBefore(`${chinaDay(now.toISOString())}T00:00:00.000Z`, days - 1).slice(0, 10);
    const records: StoredRecord[] = [];
    let page: string | undefined;
    do {
      const result = await store.listApplications({
        statuses: applicationStatuses,
        createdSince: startOfChinaDay(firstDay)!,
        limit: PAGE_SIZE,
        withPersonalData: false,
        ...(page !== undefined && { page }),
      });
      records.push(...result.items);
      page = result.next;
    } while (page);
    context.io.out(renderStats(computeStats(records, now, days), days));
    return 0;
  },
};
