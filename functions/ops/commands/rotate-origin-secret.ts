/** `rotate-origin-secret`: a new `x-origin-verify` value, in two steps around a deployment (use-cases/rotate-origin-verify.ts). */
import { finishOriginVerifyRotation, startOriginVerifyRotation } from '../../use-cases/rotate-origin-verify.ts';
import { CommandFailed, type Command } from '../context.ts';

export const rotateOriginSecretCommand: Command = {
  name: 'rotate-origin-secret',
  summary: '轮换 CloudFront 发给 API 的 x-origin-verify 值（先开始，部署后 --finish）',
  help: `用法：npm run ops -- rotate-origin-secret --stage dev|prod [--finish]

第一步（不带 --finish）：生成新值，旧值暂时保留；5 分钟内所有函数同时接受新旧两个值。
等 5 分钟后按提示把打印出的版本号写进 functions/deployment/stages.ts 的 originVerifyVersion，提交并部署一次，CloudFront 改发新值。
第二步（--finish）：确认 CloudFront 已在发送新值后删除旧值；最多 10 分钟后带旧值的请求一律拒绝。
部署完成前 --finish 会被拒绝。

只适用于 AWS 环境（本地栈没有 Secrets Manager）。

例子：
  npm run ops -- rotate-origin-secret --stage prod
  （functions/deployment/stages.ts：prod.originVerifyVersion = '<打印的版本号>'，提交）
  npm run deploy -- --stage prod
  npm run ops -- rotate-origin-secret --stage prod --finish`,
  options: { finish: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    const connection = await context.connect();
    const secret = connection.target.appSecret;
    if (!secret) throw new CommandFailed('本地栈没有 Secrets Manager，x-origin-verify 是固定值，无需轮换；请用 --stage dev|prod');
    if (values.finish) {
      const sentByCloudFront = connection.target.originVerifySentByCloudFront;
      if (!sentByCloudFront) throw new CommandFailed('无法读取 CloudFront 的配置，不能确认部署已完成');
      const outcome = await finishOriginVerifyRotation(secret, () => sentByCloudFront.call(connection.target));
      if (outcome.kind === 'not_deployed') {
        throw new CommandFailed('CloudFront 还在发送旧值：请先按第一步的提示改 stages.ts 的 originVerifyVersion 并部署，部署完成后再运行 --finish');
      }
      context.io.out(outcome.kind === 'finished' ? '已删除旧值：最多 10 分钟后，带旧值的请求会被拒绝。\n' : '没有进行中的轮换，无需 --finish。\n');
      return 0;
    }
    const { newOriginVerifyValue } = await import('../../adapters/secrets-manager-app-secrets.ts');
    const outcome = await startOriginVerifyRotation(secret, newOriginVerifyValue());
    if (outcome.kind === 'unfinished') throw new CommandFailed('上一次轮换还没有完成：请先部署，再运行 rotate-origin-secret --finish');
    context.io.out(
      `已生成新值（版本 ${outcome.versionId}），旧值暂时仍然有效。\n` +
        `下一步：等 5 分钟（让所有函数读到新值），把 functions/deployment/stages.ts 里这个环境的 originVerifyVersion 改成 '${outcome.versionId}'，提交后部署一次，让 CloudFront 改发新值：\n  npm run deploy -- --stage …\n` +
        `部署完成后：npm run ops -- rotate-origin-secret --stage … --finish\n`,
    );
    return 0;
  },
};
