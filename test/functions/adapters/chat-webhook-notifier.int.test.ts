/**
 * The chat webhook notifier against a local test receiver that checks each platform's signature the way the
 * platform documents it (recomputed here independently with node:crypto), and sees what is sent.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatNotifierFromSecrets, createChatWebhookNotifier } from '../../../functions/adapters/chat-webhook-notifier.ts';
import { fixedAppSecrets } from '#domain/app-secrets.ts';
import { DependencyUnavailableError, type PendingReviewNotice } from '#domain/ports.ts';

const SECRET = 'SEC-test-signing-secret-0123456789';
interface Received {
  url: URL;
  body: Record<string, any>;
}
let receiver: Server;
let origin: string;
let received: Received[];
let answer: Record<string, unknown>;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: new URL(request.url ?? '/', origin), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
beforeEach(() => {
  received = [];
  answer = { errcode: 0, errmsg: 'ok', code: 0 };
});

const notice = (n: number): PendingReviewNotice => ({
  reference: `PA-2222-22${String(n).padStart(2, '2')}`,
  brand: 'lakala',
  city: '浙江省 杭州市',
  maskedPhone: '138****1234',
});
const consoleUrl = 'https://pos.example.cn/console/';

describe('chat webhook notifier', () => {
  it('钉钉: signs with HmacSHA256(secret, "timestamp\\nsecret") in the URL; carries reference, city, brand, masked phone and the console link only', async () => {
    const notifier = createChatWebhookNotifier({
      platform: 'dingtalk',
      webhookUrl: `${origin}/robot/send?access_token=abc`,
      secret: SECRET,
      consoleUrl,
      digestWindowMs: 10,
    });

    await notifier.announcePendingReview(notice(1));

    expect(received).toHaveLength(1);
    const { url, body } = received[0]!;
    const timestamp = url.searchParams.get('timestamp')!;
    const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    expect(body.msgtype).toBe('text');
    expect(body.text.content).toContain('PA-2222-2221');
    expect(body.text.content).toContain('浙江省 杭州市');
    expect(body.text.content).toContain('138****1234');
    expect(body.text.content).toContain('https://pos.example.cn/console/#/applications/PA-2222-2221');
  });

  it('飞书: signs with HmacSHA256(key "timestamp\\nsecret", empty message) in the body', async () => {
    const notifier = createChatWebhookNotifier({ platform: 'feishu', webhookUrl: `${origin}/open-apis/bot/v2/hook/xyz`, secret: SECRET, digestWindowMs: 10 });

    await notifier.announcePendingReview(notice(1));

    const { body } = received[0]!;
    const expected = createHmac('sha256', `${body.timestamp}\n${SECRET}`).update('').digest('base64');
    expect(body.sign).toBe(expected);
    expect(typeof body.timestamp).toBe('string');
    expect(body.msg_type).toBe('text');
    expect(body.content.text).toContain('PA-2222-2221');
  });

  it('企业微信: posts the text to the webhook URL unsigned', async () => {
    const notifier = createChatWebhookNotifier({ platform: 'wecom', webhookUrl: `${origin}/cgi-bin/webhook/send?key=k`, digestWindowMs: 10 });

    await notifier.announcePendingReview(notice(1));

    expect(received[0]!.url.searchParams.get('key')).toBe('k');
    expect(received[0]!.body).toEqual({ msgtype: 'text', text: { content: expect.stringContaining('PA-2222-2221') } });
  });

  it('sends a burst as one digest listing the first ten and counting the rest', async () => {
    const notifier = createChatWebhookNotifier({ platform: 'wecom', webhookUrl: `${origin}/hook`, digestWindowMs: 50 });

    await Promise.all(Array.from({ length: 12 }, (_, index) => notifier.announcePendingReview(notice(index))));

    expect(received).toHaveLength(1);
    const text: string = received[0]!.body.text.content;
    expect(text).toMatch(/^12 份新申请待审核/);
    expect(text).toContain('另有 2 份');
  });

  it('rejects every notice of a message the platform refuses, so the queue redelivers them', async () => {
    answer = { errcode: 310000, errmsg: 'sign not match' };
    const notifier = createChatWebhookNotifier({ platform: 'dingtalk', webhookUrl: `${origin}/robot/send`, secret: 'wrong-secret-xx', digestWindowMs: 10 });

    const outcomes = await Promise.allSettled([notifier.announcePendingReview(notice(1)), notifier.announcePendingReview(notice(2))]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });

  it('as the worker uses it: robot settings from the application secret; none set → the notice fails (retried, never silently lost)', async () => {
    const phoneHashKey = 'unused-phone-hash-key-000';
    const configured = createChatNotifierFromSecrets(
      fixedAppSecrets({ phoneHashKey, originVerify: [], chatWebhook: { platform: 'wecom', url: `${origin}/cgi-bin/webhook/send?key=k` } }),
      { consoleUrl, digestWindowMs: 10 },
    );
    const unconfigured = createChatNotifierFromSecrets(fixedAppSecrets({ phoneHashKey, originVerify: [] }), { digestWindowMs: 10 });

    await configured.announcePendingReview(notice(1));
    const failure = await unconfigured.announcePendingReview(notice(2)).catch((error: unknown) => error);

    expect(received).toHaveLength(1);
    expect(received[0]!.url.pathname).toBe('/cgi-bin/webhook/send');
    expect(received[0]!.body.text.content).toContain(notice(1).reference);
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
  });
});
