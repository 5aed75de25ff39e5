/** `migrate-activity`: move console activity stored in the old layout to one item per entry (idempotent). */
import { migrateConsoleActivity } from '../../use-cases/migrate-console-activity.ts';
import type { Command } from '../context.ts';

export const migrateActivityCommand: Command = {
  name: 'migrate-activity',
  summary: '一次性迁移：把旧格式的查看号码、屏蔽记录移到单独的记录里（可重复运行）',
  help: `用法：npm run ops -- migrate-activity

旧版本把“查看完整号码”和“屏蔽/解除屏蔽”记在申请本身的列表里：控制台和 show 不再读这些列表，
列表过长时申请也无法更新或删除。本命令逐个检查所有申请，把这些记录移成单独的记录（show 与控制台可见），
再删掉旧列表。重复运行不会产生重复记录；中途失败可直接重新运行。

例子：
  npm run ops -- migrate-activity --stage prod`,
  options: {},
  positionals: { min: 0, max: 0 },
  async run(_args, context) {
    const { store, activityMigration } = await context.connect();
    const report = await migrateConsoleActivity({ applications: store, migration: activityMigration });
    context.io.out(`检查了 ${report.checked} 份申请，其中 ${report.migrated} 份有旧格式记录，共迁移 ${report.entries} 条。\n`);
    return 0;
  },
};
