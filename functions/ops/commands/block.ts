/**
 * `block` / `unblock`: the blocked-numbers list screening rejects (code `blocked_phone`). Numbers are stored only as
 * their keyed hash, like everywhere else; the list is a table item, so a change applies to the next screening at once.
 */
import { maskPhone } from '#domain/phone.ts';
import { opsActor } from '#domain/status-transitions.ts';
import { noteOption, operatorOf, phoneOption, type Command } from '../context.ts';

export const blockCommand: Command = {
  name: 'block',
  summary: '屏蔽手机号：之后这个号码的新申请自动拒绝（blocked_phone）',
  help: `用法：npm run ops -- block --phone 手机号 [--reason 原因] [--by 操作人]

号码只以加密散列保存，不保存明文。已经在审核流程中的申请不受影响。

例子：
  npm run ops -- block --phone 13800000000 --reason "一天内反复提交广告"`,
  options: { phone: { type: 'string' }, reason: { type: 'string' }, by: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    const phone = phoneOption(values);
    const reason = noteOption(values, 'reason');
    const by = opsActor(operatorOf(values, context.io.env));
    const connection = await context.connect();
    const phoneHash = (await connection.pseudonymiser()).pseudonymise(phone);
    await connection.store.block({ phoneHash, at: connection.clock.now().toISOString(), by, ...(reason !== undefined && { reason }) });
    context.io.out(`已屏蔽 ${maskPhone(phone)}（操作人 ${by}）。\n`);
    return 0;
  },
};

export const unblockCommand: Command = {
  name: 'unblock',
  summary: '解除屏蔽手机号',
  help: `用法：npm run ops -- unblock --phone 手机号

例子：
  npm run ops -- unblock --phone 13800000000`,
  options: { phone: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    const phone = phoneOption(values);
    const connection = await context.connect();
    const removed = await connection.store.unblock((await connection.pseudonymiser()).pseudonymise(phone));
    context.io.out(removed ? `已解除屏蔽 ${maskPhone(phone)}。\n` : `${maskPhone(phone)} 不在屏蔽名单中。\n`);
    return 0;
  },
};
