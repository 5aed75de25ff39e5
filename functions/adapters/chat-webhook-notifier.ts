/**
 * New-application notices to the team's group chat through a group robot webhook: 企业微信 (WeCom), 钉钉 (DingTalk)
 * or 飞书 (Feishu/Lark). A notice carries the reference, city, brand and masked phone only, plus a link to the
 * application in the review console; nothing else about the merchant leaves AWS.
 *
 * A burst becomes one digest: notices arriving within `digestWindowMs` of the first (the review worker screens a
 * batch of up to ten in parallel) are sent as one message. Each announce resolves or rejects with the message that
 * carried it, so a failed post fails those records and the queue redelivers them (screening then re-announces).
 *
 * Signing, as each platform documents it:
 * - 钉钉 "加签": sign = Base64(HmacSHA256(key = secret, data = `${timestampMs}\n${secret}`)), sent as the URL
 *   parameters `timestamp` and `sign` (URL-encoded).
 * - 飞书 "签名校验": sign = Base64(HmacSHA256(key = `${timestampSeconds}\n${secret}`, data = "")), sent in the JSON body
 *   as `timestamp` (string) and `sign`.
 * - 企业微信 robots are not signed: the key in the webhook URL is the secret.
 */
import { createHmac } from 'node:crypto';
import { consoleLink } from '../presentation/console-link.ts';
import { brandLabels, maskedPhoneText } from '../presentation/labels-zh.ts';
import type { AppSecretSource, ChatPlatform } from '#domain/app-secrets.ts';
import { DependencyUnavailableError, type Clock, type OpsNotifier, type PendingReviewNotice } from '#domain/ports.ts';

export interface ChatWebhookOptions {
  platform: ChatPlatform;
  webhookUrl: string;
  /** 钉钉 and 飞书 signing secret. */
  secret?: string;
  /** The console's address (`…/console/`): each notice links to its application there. */
  consoleUrl?: string;
  /** How long to gather notices into one message. @default 300 */
  digestWindowMs?: number;
  /** Notices listed in a digest; the rest are counted. @default 10 */
  digestMaxListed?: number;
  clock?: Clock;
}

export function dingTalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function feishuSignature(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** The message text: one notice in full, or a digest (a line per notice, then how many more). */
export function chatMessageText(notices: readonly PendingReviewNotice[], options: Pick<ChatWebhookOptions, 'consoleUrl' | 'digestMaxListed'> = {}): string {
  const line = (notice: PendingReviewNotice) =>
    `${notice.reference}｜${notice.city}｜${brandLabels[notice.brand]}｜${maskedPhoneText(notice.maskedPhone)}${options.consoleUrl ? `\n${consoleLink(options.consoleUrl, notice.reference)}` : ''}`;
  if (notices.length === 1) return `新申请待审核\n${line(notices[0]!)}`;
  const max = options.digestMaxListed ?? 10;
  const listed = notices.slice(0, max).map(line);
  const more = notices.length > max ? [`……另有 ${notices.length - max} 份，请在审核控制台查看${options.consoleUrl ? `：${options.consoleUrl}` : ''}`] : [];
  return [`${notices.length} 份新申请待审核`, ...listed, ...more].join('\n');
}

/** URL and body of the webhook call for `text`, signed as the platform requires. */
export function chatRequest(text: string, options: Pick<ChatWebhookOptions, 'platform' | 'webhookUrl' | 'secret'>, now: Date): { url: string; body: unknown } {
  switch (options.platform) {
    case 'wecom':
      return { url: options.webhookUrl, body: { msgtype: 'text', text: { content: text } } };
    case 'dingtalk': {
      const url = new URL(options.webhookUrl);
      if (options.secret) {
        const timestamp = now.getTime();
        url.searchParams.set('timestamp', String(timestamp));
        url.searchParams.set('sign', dingTalkSignature(options.secret, timestamp));
      }
      return { url: url.toString(), body: { msgtype: 'text', text: { content: text } } };
    }
    case 'feishu': {
      const timestamp = Math.floor(now.getTime() / 1000);
      const signature = options.secret ? { timestamp: String(timestamp), sign: feishuSignature(options.secret, timestamp) } : {};
      return { url: options.webhookUrl, body: { ...signature, msg_type: 'text', content: { text } } };
    }
  }
}

/** Each platform answers HTTP 200 with its own error field when it refuses a message. */
function refusal(platform: ChatPlatform, answer: Record<string, unknown>): string | undefined {
  const code = platform === 'feishu' ? (answer.code ?? answer.StatusCode) : answer.errcode;
  return code === undefined || code === 0 ? undefined : `${platform} refused the message: ${String(code)} ${String(answer.msg ?? answer.errmsg ?? '')}`;
}

export function createChatWebhookNotifier(options: ChatWebhookOptions): OpsNotifier {
  const windowMs = options.digestWindowMs ?? 300;
  const now = () => options.clock?.now() ?? new Date();
  let pending: { notice: PendingReviewNotice; resolve: () => void; reject: (error: unknown) => void }[] = [];

  const post = (notices: readonly PendingReviewNotice[]) => postText(chatMessageText(notices, options));

  async function postText(text: string): Promise<void> {
    const { url, body } = chatRequest(text, options, now());
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(3_000),
      });
      if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
      const problem = refusal(options.platform, (await response.json().catch(() => ({}))) as Record<string, unknown>);
      if (problem) throw new Error(problem);
    } catch (error) {
      throw new DependencyUnavailableError('notifier', { cause: error });
    }
  }

  function flush(): void {
    const batch = pending;
    pending = [];
    post(batch.map((entry) => entry.notice)).then(
      () => {
        for (const entry of batch) entry.resolve();
      },
      (error: unknown) => {
        for (const entry of batch) entry.reject(error);
      },
    );
  }

  return {
    announcePendingReview(notice) {
      return new Promise<void>((resolve, reject) => {
        if (pending.length === 0) setTimeout(flush, windowMs);
        pending.push({ notice, resolve, reject });
      });
    },
    postDigest: (text) => postText(text),
  };
}

/**
 * The chat notifier as the review worker uses it: the robot's settings come from the application secret (they hold
 * the robot's key), read through its cache on each notice, so `npm run ops -- chat-webhook` takes effect within
 * minutes without a deployment. One notifier per settings, so that a burst still becomes one digest.
 */
export function createChatNotifierFromSecrets(secrets: AppSecretSource, options: Omit<ChatWebhookOptions, 'platform' | 'webhookUrl' | 'secret'>): OpsNotifier {
  let current: { key: string; notifier: OpsNotifier } | undefined;
  async function notifier(): Promise<OpsNotifier> {
    const { chatWebhook } = await secrets.read();
    if (!chatWebhook) {
      throw new DependencyUnavailableError('notifier', {
        cause: new Error('chat notices chosen, but the application secret has no chatWebhook: set it with npm run ops -- chat-webhook'),
      });
    }
    const key = JSON.stringify(chatWebhook);
    if (current?.key !== key) {
      const settings = { platform: chatWebhook.platform, webhookUrl: chatWebhook.url, ...(chatWebhook.secret !== undefined && { secret: chatWebhook.secret }) };
      current = { key, notifier: createChatWebhookNotifier({ ...options, ...settings }) };
    }
    return current.notifier;
  }
  return {
    announcePendingReview: async (notice) => (await notifier()).announcePendingReview(notice),
    postDigest: async (text) => (await notifier()).postDigest(text),
  };
}
