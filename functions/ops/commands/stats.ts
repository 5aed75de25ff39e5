/** `stats`: applications per day, brand, status and landing page, and spam, over the last N days. */
import { collectApplicationStats } from '../../use-cases/application-stats.ts';
import { integerOption, type Command } from '../context.ts';
import { renderStats } from '../stats.ts';

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
    const stats = await collectApplicationStats(days, { applications: store, clock });
    context.io.out(renderStats(stats, days));
    return 0;
  },
};
