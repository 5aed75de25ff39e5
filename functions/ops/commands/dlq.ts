/** `dlq list` / `dlq redrive`: review messages that failed 5 times, and sending them back for another try. */
import { integerOption, UsageError, type Command } from '../context.ts';
import { chinaTime } from '../../presentation/labels-zh.ts';
import { renderTable } from '../text-table.ts';

export const dlqCommand: Command = {
  name: 'dlq',
  summary: '死信队列：list 查看审核失败的消息，redrive 放回审核队列重试',
  help: `用法：npm run ops -- dlq list [--max N]
      npm run ops -- dlq redrive

消息在审核队列里处理失败 5 次后进入死信队列（DLQ），同时触发告警。先看 worker 日志找出原因并修复，
再 redrive：消息回到审核队列重新审核（审核对同一申请是幂等的，重复审核不会改变结果）。

  --max      list 最多显示多少条，1–500，默认 50

例子：
  npm run ops -- dlq list
  npm run ops -- dlq redrive --stage prod`,
  options: { max: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ positionals, values }, context) {
    const action = positionals[0];
    if (action !== 'list' && action !== 'redrive') throw new UsageError(`dlq 后面应为 list 或 redrive（收到 “${action}”）`);
    const deadLetters = await (await context.connect()).deadLetters();
    if (action === 'list') {
      const letters = await deadLetters.peek(integerOption(values, 'max', 50, 1, 500));
      if (letters.length === 0) {
        context.io.out('死信队列是空的。\n');
        return 0;
      }
      context.io.out(
        renderTable(
          ['申请编号', '接收次数', '首次处理', '发出时间', '消息 ID'],
          letters.map((letter) => [
            letter.reference ?? `无法解析：${letter.unreadableBody}`,
            String(letter.receiveCount),
            chinaTime(letter.firstReceivedAt),
            chinaTime(letter.sentAt),
            letter.messageId,
          ]),
          ['left', 'right'],
        ) + `共 ${letters.length} 条（接收次数包括每次 dlq list 的查看）。放回审核队列：npm run ops -- dlq redrive\n`,
      );
      return 0;
    }
    const moved = await deadLetters.redrive((count) => {
      if (context.io.errIsTerminal) context.io.err(`\r已放回 ${count} 条…`);
    });
    if (context.io.errIsTerminal && moved > 0) context.io.err('\n');
    context.io.out(moved === 0 ? '死信队列是空的，没有需要放回的消息。\n' : `已把 ${moved} 条消息放回审核队列。\n`);
    return 0;
  },
};
