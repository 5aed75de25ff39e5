/** `advance`, `reject`, `withdraw`: move an application, with who, when and why recorded (rules: domain/status-transitions.ts). */
import { applicationStatuses, workableStatuses, type ApplicationStatus } from '#domain/application-status.ts';
import { opsActor, transitionRefusalMessage } from '#domain/status-transitions.ts';
import { changeStatus } from '../../use-cases/change-status.ts';
import { CommandFailed, noteOption, operatorOf, referenceArgument, UsageError, type Command, type CommandContext } from '../context.ts';
import { chinaTime, describeStatus, transitionRefusalText } from '../../presentation/labels-zh.ts';

async function decide(
  context: CommandContext,
  values: Record<string, unknown>,
  reference: string,
  to: ApplicationStatus,
  reason: string | undefined,
): Promise<number> {
  const by = opsActor(operatorOf(values, context.io.env));
  const { store, clock, retentionDays } = await context.connect();
  const outcome = await changeStatus({ reference, to, by, ...(reason !== undefined && { reason }) }, { applications: store, clock, retentionDays });
  switch (outcome.kind) {
    case 'not_found':
      throw new CommandFailed(`找不到申请 ${reference}`);
    case 'refused':
      throw new CommandFailed(`${reference}：${transitionRefusalText(outcome.refusal)}\n${transitionRefusalMessage(outcome.refusal)}`);
    case 'changed':
      context.io.out(`已将 ${reference} 从${describeStatus(outcome.from)}改为${describeStatus(outcome.to)}（操作人 ${by}）。\n`);
      if (outcome.reasonDropped) {
        // The change stands; only the text is lost. Say so plainly, so nobody believes it is on record.
        context.io.out('注意：备注/原因没有保存。这份申请的个人信息已删除或已过期，而备注只随个人信息一起保存。\n');
      }
      if (outcome.personalDataExpiresAt) {
        context.io.out(`申请已办结；姓名、手机号等个人信息将于 ${chinaTime(outcome.personalDataExpiresAt)} 自动删除（保留 ${retentionDays} 天）。\n`);
      }
      return 0;
  }
}

const byHelp = '  --by       操作人（默认取环境变量 OPS_USER，其次 USER）';

export const advanceCommand: Command = {
  name: 'advance',
  summary: '把申请推进到下一个状态（pending_review → contacted → approved → shipped → activated）',
  help: `用法：npm run ops -- advance 申请编号 状态 [--note 说明] [--by 操作人]

  状态       只能是流程中的下一步，或 rejected / withdrawn：
             submitted → pending_review → contacted → approved → shipped → activated
  --note     为什么（会记入状态记录，随个人信息一起按期删除）
${byHelp}

例子：
  npm run ops -- advance PA-7K3F-9Q2M contacted --note "已电话联系，下午寄资料"`,
  options: { note: { type: 'string' }, by: { type: 'string' } },
  positionals: { min: 2, max: 2 },
  async run({ positionals, values }, context) {
    const reference = referenceArgument(positionals[0]);
    const to = positionals[1]!;
    if (!(applicationStatuses as readonly string[]).includes(to)) {
      throw new UsageError(`不认识的状态 “${to}”；可用：${workableStatuses.join('、')}`);
    }
    return decide(context, values, reference, to as ApplicationStatus, noteOption(values, 'note'));
  },
};

export const rejectCommand: Command = {
  name: 'reject',
  summary: '拒绝申请（任何未办结的状态都可以），必须写原因',
  help: `用法：npm run ops -- reject 申请编号 --reason 原因 [--by 操作人]

  --reason   拒绝原因（必填；记入状态记录，随个人信息一起按期删除）
${byHelp}

例子：
  npm run ops -- reject PA-7K3F-9Q2M --reason "所在地区暂不支持"`,
  options: { reason: { type: 'string' }, by: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ positionals, values }, context) {
    const reference = referenceArgument(positionals[0]);
    const reason = noteOption(values, 'reason');
    if (reason === undefined) throw new UsageError('reject 需要 --reason 说明拒绝原因');
    return decide(context, values, reference, 'rejected', reason);
  },
};

export const withdrawCommand: Command = {
  name: 'withdraw',
  summary: '撤回申请（商户不再需要；任何未办结的状态都可以）',
  help: `用法：npm run ops -- withdraw 申请编号 [--reason 原因] [--by 操作人]

  --reason   撤回原因（选填）
${byHelp}

例子：
  npm run ops -- withdraw PA-7K3F-9Q2M --reason "商户电话里说不需要了"`,
  options: { reason: { type: 'string' }, by: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ positionals, values }, context) {
    return decide(context, values, referenceArgument(positionals[0]), 'withdrawn', noteOption(values, 'reason'));
  },
};
