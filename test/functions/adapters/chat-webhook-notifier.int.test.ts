/**
 * The chat webhook notifier against a local test receiver that checks each platform's signature the way the
 * platform documents it (recomputed here independently with node:crypto), and sees what is sent.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatNotifierFromSecrets, createChatWebhookNotifier } from '../../../functions/adapters/chat-webhook-notifier.ts';
import { fixedAppSecrets } from '#domain/app-secrets.ts';
import { DependencyUnavailableError, type PendingReviewNotice } from '#domain/ports.ts';
import { ROBOT_TOOK_IT, startChatRobotReceiver, type ChatRobotReceiver } from '../../support/chat-robot-receiver.ts';

const SECRET = 'SEC-test-signing-secret-0123456789';
let robot: ChatRobotReceiver;

beforeAll(async () => {
  robot = await startChatRobotReceiver();
});
afterAll(() => robot?.close());
beforeEach(() => {
  robot.received = [];
  robot.answer = ROBOT_TOOK_IT;
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
      webhookUrl: `${robot.origin}/robot/send?access_token=abc`,
      secret: SECRET,
      consoleUrl,
      digestWindowMs: 10,
    });

    await notifier.announcePendingReview(notice(1));

    expect(robot.received).toHaveLength(1);
    const { url, body } = robot.received[0]!;
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
    const notifier = createChatWebhookNotifier({
      platform: 'feishu',
      webhookUrl: `${robot.origin}/open-apis/bot/v2/hook/xyz`,
      secret: SECRET,
      digestWindowMs: 10,
    });

    await notifier.announcePendingReview(notice(1));

    const { body } = robot.received[0]!;
    const expected = createHmac('sha256', `${body.timestamp}\n${SECRET}`).update('').digest('base64');
    expect(body.sign).toBe(expected);
    expect(typeof body.timestamp).toBe('string');
    expect(body.msg_type).toBe('text');
    expect(body.content.text).toContain('PA-2222-2221');
  });

  it('企业微信: posts the text to the webhook URL unsigned', async () => {
    const notifier = createChatWebhookNotifier({ platform: 'wecom', webhookUrl: `${robot.origin}/cgi-bin/webhook/send?key=k`, digestWindowMs: 10 });

    await notifier.announcePendingReview(notice(1));

    expect(robot.received[0]!.url.searchParams.get('key')).toBe('k');
    expect(robot.received[0]!.body).toEqual({ msgtype: 'text', text: { content: expect.stringContaining('PA-2222-2221') } });
  });

  it('sends a burst as one digest listing the first ten and counting the rest', async () => {
    const notifier = createChatWebhookNotifier({ platform: 'wecom', webhookUrl: `${robot.origin}/hook`, digestWindowMs: 50 });

    await Promise.all(Array.from({ length: 12 }, (_, index) => notifier.announcePendingReview(notice(index))));

    expect(robot.received).toHaveLength(1);
    const text: string = robot.received[0]!.body.text.content;
    expect(text).toMatch(/^12 份新申请待审核/);
    expect(text).toContain('另有 2 份');
  });

  it('rejects every notice of a message the platform refuses, so the queue redelivers them', async () => {
    robot.answer = { errcode: 310000, errmsg: 'sign not match' };
    const notifier = createChatWebhookNotifier({
      platform: 'dingtalk',
      webhookUrl: `${robot.origin}/robot/send`,
      secret: 'wrong-secret-xx',
      digestWindowMs: 10,
    });

    const outcomes = await Promise.allSettled([notifier.announcePendingReview(notice(1)), notifier.announcePendingReview(notice(2))]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });

  it('as the worker uses it: robot settings from the application secret; none set → the notice fails (retried, never silently lost)', async () => {
    const phoneHashKey = 'unused-phone-hash-key-000';
    const configured = createChatNotifierFromSecrets(
      fixedAppSecrets({ phoneHashKey, originVerify: [], chatWebhook: { platform: 'wecom', url: `${robot.origin}/cgi-bin/webhook/send?key=k` } }),
      { consoleUrl, digestWindowMs: 10 },
    );
    const unconfigured = createChatNotifierFromSecrets(fixedAppSecrets({ phoneHashKey, originVerify: [] }), { digestWindowMs: 10 });

    await configured.announcePendingReview(notice(1));
    const failure = await unconfigured.announcePendingReview(notice(2)).catch((error: unknown) => error);

    expect(robot.received).toHaveLength(1);
    expect(robot.received[0]!.url.pathname).toBe('/cgi-bin/webhook/send');
    expect(robot.received[0]!.body.text.content).toContain(notice(1).reference);
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
  });
});
