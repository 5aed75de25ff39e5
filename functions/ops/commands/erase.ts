/** `erase`: PIPL deletion of one application's, or one phone number's, personal data (use-cases/erase-personal-data.ts). */
import { maskPhone } from '#domain/phone.ts';
import { opsActor } from '#domain/status-transitions.ts';
import { erase, findErasable, type ErasureTarget } from '../../use-cases/erase-personal-data.ts';
import { CommandFailed, operatorOf, phoneOption, referenceArgument, UsageError, type Command } from '../context.ts';
import { chinaTime, maskedPhoneText, personalDataStateLabels, statusLabel } from '../../presentation/labels-zh.ts';
import { renderTable } from '../text-table.ts';

export const eraseCommand: Command = {
  name: 'erase',
  summary: '按本人要求删除个人信息（PIPL）：姓名、手机号、备注等全部删除，只留匿名记录',
  help: `用法：npm run ops -- erase 申请编号 [--yes] [--by 操作人]
      npm run ops -- erase --phone 手机号 [--yes] [--by 操作人]

删除的内容：姓名、手机号、手机号散列、备注、操作备注、提交时的幂等记录、同号关联，以及该号码的屏蔽记录
（按号码删除，或该号码已没有其他保留个人信息的申请时）。保留的内容：申请编号、状态和状态记录（不含备注）、
城市、品牌、来源等匿名信息，并记下删除人和时间。未办结的申请会同时改为“已撤回”(withdrawn)。每日限流计数只含手机号与网络地址的加密散列，不含号码，约一天内自动过期。不可恢复。

  --phone    按手机号删除这个号码的所有申请
  --yes      不再询问确认（脚本中使用）
  --by       操作人（默认取环境变量 OPS_USER，其次 USER）

例子：
  npm run ops -- erase PA-7K3F-9Q2M
  npm run ops -- erase --phone 13812345678 --yes --by alice`,
  options: { phone: { type: 'string' }, yes: { type: 'boolean' }, by: { type: 'string' } },
  positionals: { min: 0, max: 1 },
  async run({ positionals, values }, context) {
    const { io } = context;
    if ((positionals[0] === undefined) === (values.phone === undefined)) throw new UsageError('请给出申请编号，或 --phone 手机号（二选一）');
    const reference = positionals[0] === undefined ? undefined : referenceArgument(positionals[0]);
    const phone = reference === undefined ? phoneOption(values) : undefined;
    const by = opsActor(operatorOf(values, io.env));
    const connection = await context.connect();
    const deps = { applications: connection.store, clock: connection.clock };
    // Only erasure by phone needs the hash key (on AWS it is read from Secrets Manager).
    const target: ErasureTarget = phone === undefined ? { reference: reference! } : { phoneHash: (await connection.pseudonymiser()).pseudonymise(phone) };

    const plan = await findErasable(target, deps);
    if (plan.kind === 'not_found') throw new CommandFailed(`找不到申请 ${'reference' in target ? target.reference : ''}`);
    if (plan.kind === 'spam') {
      io.out('这是一条垃圾提交，本来就没有保存个人信息，无需删除。\n');
      return 0;
    }
    if (plan.applications.length === 0 && !plan.phoneHash) throw new CommandFailed('没有找到要删除的申请');

    io.out(
      plan.applications.length === 0
        ? '这个号码没有保存个人信息的申请；将只删除它的屏蔽记录（如有）。\n'
        : `将删除以下 ${plan.applications.length} 份申请的个人信息：\n` +
            renderTable(
              ['编号', '提交时间', '状态', '手机号'],
              plan.applications.map((a) => [
                a.reference,
                chinaTime(a.createdAt),
                statusLabel(a.status),
                maskedPhoneText(a.phone ? maskPhone(a.phone) : undefined),
              ]),
            ),
    );
    if (values.yes !== true) {
      const answer = await io.ask('删除后无法恢复。确认删除请输入 yes：');
      if (answer === undefined) throw new UsageError('没有终端可以确认：确定要删除请加 --yes');
      if (answer.trim().toLowerCase() !== 'yes') {
        io.out('已取消，没有删除任何内容。\n');
        return 1;
      }
    }

    const report = await erase(plan, by, deps);
    for (const item of report.erased) {
      io.out(
        `${item.reference}：${item.hadPersonalData ? personalDataStateLabels.erased : '个人信息此前已删除或过期，已记录本次删除'}${item.withdrawn ? `，申请已改为“${statusLabel('withdrawn')}”` : ''}\n`,
      );
    }
    if (report.unblocked) io.out('该号码的屏蔽记录也已删除。\n');
    io.out(`完成（操作人 ${by}）。\n`);
    return 0;
  },
};
