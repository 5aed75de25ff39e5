/**
 * `chat-webhook`: where the review worker posts new-application notices when the stage was deployed with
 * `-c newApplicationNotices=chat`. The robot's URL carries its key, so the settings live in the application secret,
 * never in the function's environment; the worker picks up a change within its 5-minute cache.
 */
import { chatPlatforms, parseChatWebhookSettings } from '#domain/app-secrets.ts';
import { CommandFailed, UsageError, type Command } from '../context.ts';

export const chatWebhookCommand: Command = {
  name: 'chat-webhook',
  summary: '设置新申请通知发往的群机器人（企业微信 / 钉钉 / 飞书）',
  help: `用法：npm run ops -- chat-webhook --stage dev|prod --platform wecom|dingtalk|feishu --url 机器人地址 [--secret 签名密钥]
      npm run ops -- chat-webhook --stage dev|prod            查看当前设置（密钥不显示）
      npm run ops -- chat-webhook --stage dev|prod --remove   删除设置

钉钉（加签）和飞书（签名校验）需要 --secret；企业微信机器人没有签名密钥。
设置保存在应用密钥（Secrets Manager）里，5 分钟内生效，不需要重新部署。
通知只含申请编号、城市、品牌、打码手机号和控制台链接。部署时需带 -c newApplicationNotices=chat。

例子：
  npm run ops -- chat-webhook --stage prod --platform dingtalk --url "https://oapi.dingtalk.com/robot/send?access_token=…" --secret SEC…`,
  options: { platform: { type: 'string' }, url: { type: 'string' }, secret: { type: 'string' }, remove: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    const connection = await context.connect();
    const secret = connection.target.appSecret;
    if (!secret)
      throw new CommandFailed('本地栈的群机器人用环境变量 CHAT_WEBHOOK_PLATFORM / CHAT_WEBHOOK_URL / CHAT_WEBHOOK_SECRET 设置；请用 --stage dev|prod');
    const document = await secret.read();
    if (values.remove) {
      const { chatWebhook: _removed, ...rest } = document;
      await secret.write(rest);
      context.io.out('已删除群机器人设置：新申请通知会失败并重试，直到重新设置（或改回 -c newApplicationNotices=email 部署）。\n');
      return 0;
    }
    if (values.platform === undefined && values.url === undefined && values.secret === undefined) {
      const current = document.chatWebhook;
      context.io.out(
        current
          ? `平台 ${current.platform}，地址 ${new URL(current.url).host}（完整地址和密钥不显示）${current.secret ? '，已设签名密钥' : ''}\n`
          : '尚未设置群机器人。\n',
      );
      return 0;
    }
    const parsed = parseChatWebhookSettings({ platform: values.platform, url: values.url, secret: values.secret });
    if (!parsed.ok) throw new UsageError(`群机器人设置不正确：${parsed.problems.join('；')}（--platform 可选 ${chatPlatforms.join(' / ')}）`);
    await secret.write({ ...document, chatWebhook: parsed.settings });
    context.io.out(`已设置：新申请通知发往 ${parsed.settings.platform} 机器人（${new URL(parsed.settings.url).host}），5 分钟内生效。\n`);
    return 0;
  },
};
