/**
 * `restore-to-call`: put every application in 审核中 on the console's "to call" list (the toCall index) from what it
 * holds. Needed once on a table that had open leads before the index existed (they are missing from the list until
 * then); harmless to repeat.
 */
import { restoreToCallList } from '../../use-cases/lead-follow-up.ts';
import type { Command } from '../context.ts';

export const restoreToCallCommand: Command = {
  name: 'restore-to-call',
  summary: '把所有“审核中”的申请重新放进控制台的“待打电话”列表（部署 toCall 索引后运行一次）',
  help: `用法：npm run ops -- restore-to-call

按每份申请的提交时间和通话记录写回它在“待打电话”列表中的位置。只在 toCall 索引上线前就已“审核中”的申请才需要；
重复运行没有副作用。只读写匿名记录。

例子：
  npm run ops -- restore-to-call --stage prod`,
  options: {},
  positionals: { min: 0, max: 0 },
  async run(_, context) {
    const { store } = await context.connect();
    const restored = await restoreToCallList({ applications: store, listing: store });
    context.io.out(`已把 ${restored} 份“审核中”的申请放进“待打电话”列表。\n`);
    return 0;
  },
};
