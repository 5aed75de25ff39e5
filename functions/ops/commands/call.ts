/** `call`: record a call attempt from the command line, through the console's use case (use-cases/lead-follow-up.ts). */
import { callOutcomes, type CallOutcome } from '#domain/leads.ts';
import { opsActor } from '#domain/status-transitions.ts';
import { HOUR_MS, MINUTE_MS, parseTimeOfDay, startOfChinaDay } from '#domain/time.ts';
import { recordCallAttempt } from '../../use-cases/lead-follow-up.ts';
import { CommandFailed, noteOption, operatorOf, referenceArgument, UsageError, type Command } from '../context.ts';
import { callOutcomeLabels, closingReasonText, statusLabel } from '../../presentation/labels-zh.ts';

/**
 * `2026-12-08 14:00` China time → ISO instant. Checked field by field: Date.parse would roll `2026-02-30` over to
 * 2 March and `24:00` over to the next day, booking a call on a day nobody asked for.
 */
function chinaDateTime(value: string): string {
  const [day = '', time = '', ...rest] = value.trim().split(/[ T]/);
  const midnight = startOfChinaDay(day);
  const at = parseTimeOfDay(time);
  if (midnight === undefined || at === undefined || rest.length > 0) throw new UsageError(`--next 要写成 “2026-12-08 14:00”（中国时间），现在是 “${value}”`);
  return new Date(Date.parse(midnight) + at.hour * HOUR_MS + at.minute * MINUTE_MS).toISOString();
}

export const callCommand: Command = {
  name: 'call',
  summary: `记录一次通话结果（接通才会改为“${statusLabel('contacted')}”）`,
  help: `用法：npm run ops -- call 申请编号 结果 [--next "2026-12-08 14:00"] [--note 备注] [--by 操作人]

  结果       ${callOutcomes.map((outcome) => `${outcome}（${callOutcomeLabels[outcome]}）`).join('、')}
  --next     下次通话时间（中国时间），未接、约回电时可填，约回电必填
  --note     通话备注（随个人信息一起按期删除）
  --by       操作人（默认取环境变量 OPS_USER，其次 USER）

例子：
  npm run ops -- call PA-7K3F-9Q2M callback --next "2026-12-08 14:00" --note "下午方便"`,
  options: { next: { type: 'string' }, note: { type: 'string' }, by: { type: 'string' } },
  positionals: { min: 2, max: 2 },
  async run({ positionals, values }, context) {
    const reference = referenceArgument(positionals[0]);
    const outcome = positionals[1]!;
    if (!(callOutcomes as readonly string[]).includes(outcome)) throw new UsageError(`不认识的结果 “${outcome}”；可用：${callOutcomes.join('、')}`);
    const operator = operatorOf(values, context.io.env);
    const next = typeof values.next === 'string' ? chinaDateTime(values.next) : undefined;
    const note = noteOption(values, 'note');
    const { store, leads, activity, clock, retentionDays, failedCallDaysBeforeClosing } = await context.connect();
    // The CLI is ops' own tool: it acts like an admin (a claimed application stays with its owner).
    const recorded = await recordCallAttempt(
      { reference, outcome: outcome as CallOutcome, ...(next && { nextCallAt: next }), ...(note !== undefined && { note }) },
      { id: operator, actor: opsActor(operator), isAdmin: true },
      { applications: store, leads, activity, clock, retentionDays, failedCallDaysBeforeClosing },
    );
    switch (recorded.kind) {
      case 'not_found':
        throw new CommandFailed(`找不到申请 ${reference}`);
      case 'closed':
        throw new CommandFailed(`${reference} 已办结，不能再记录通话`);
      case 'invalid':
        throw new UsageError(recorded.message);
      case 'owned_by_other':
        throw new CommandFailed(`${reference} 由 ${recorded.owner} 跟进`);
      case 'recorded':
        context.io.out(
          `已记录 ${reference}：${callOutcomeLabels[outcome as CallOutcome]}（第 ${recorded.calls.attempts} 次）${recorded.statusChanged ? `，状态改为“${statusLabel('contacted')}”` : ''}。\n`,
        );
        if (recorded.suggestedClosing) {
          const reason = closingReasonText(recorded.suggestedClosing);
          context.io.out(`建议关闭：${reason}（npm run ops -- reject ${reference} --reason "${reason}"）\n`);
        }
        return 0;
    }
  },
};
