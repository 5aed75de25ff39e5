/**
 * Submission rate limits with small configured values: per viewer IP per minute, per phone per day. Each test acts
 * as its own visitors by sending from its own loopback addresses (the server sees the real socket address).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionRateLimitMessage } from '../../../functions/http/responses.ts';
import { newIdempotencyKey, uniquePhone, validApplication, validApplicationForm } from '../../support/application-fixtures.ts';
import { postForm, postJson } from '../../support/http-client.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';
import { startOfFreshWindow } from '../../support/windows.ts';

let intake: IntakeServer;
let endpoint: string;

beforeAll(async () => {
  intake = await startIntakeServer({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: '3', RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY: '2' } });
  endpoint = `${intake.url}/api/applications`;
});
afterAll(() => intake?.close());

const submitFrom = (ip: string, body = validApplication(), key = newIdempotencyKey()) => postJson(endpoint, body, { 'idempotency-key': key }, ip);

describe('per viewer IP per minute', () => {
  it('429 with Retry-After once the limit is reached; other visitors are unaffected; nothing extra stored', async () => {
    await startOfFreshWindow(60_000);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await submitFrom('127.0.0.11')).status);
    const blockedBody = validApplication();

    const blocked = await submitFrom('127.0.0.11', blockedBody);
    const otherVisitor = await submitFrom('127.0.0.12');

    expect(statuses).toEqual([201, 201, 201]);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(blocked.json()).toEqual({ error: { code: 'rate_limited', message: submissionRateLimitMessage, fields: {} } });
    expect(otherVisitor.status).toBe(201);
    expect((await intake.items()).filter((item) => item.phone === blockedBody.phone)).toHaveLength(0);
  });

  it('cannot be dodged by sending a CloudFront viewer-address header', async () => {
    await startOfFreshWindow(60_000);
    for (let i = 0; i < 3; i++) await submitFrom('127.0.0.13');

    const spoofed = await postJson(
      endpoint,
      validApplication(),
      { 'idempotency-key': newIdempotencyKey(), 'cloudfront-viewer-address': '198.51.100.99:443' },
      '127.0.0.13',
    );

    expect(spoofed.status).toBe(429);
  });

  it('charges replays to the address like any request: answered while the allowance lasts, then 429', async () => {
    await startOfFreshWindow(60_000);
    const body = validApplication();
    const key = newIdempotencyKey();
    const first = await submitFrom('127.0.0.14', body, key);
    await submitFrom('127.0.0.14');

    const replay = await submitFrom('127.0.0.14', body, key);
    const replayOverTheLimit = await submitFrom('127.0.0.14', body, key);

    expect(replay.status).toBe(200);
    expect(replay.json().reference).toBe(first.json().reference);
    expect(replayOverTheLimit.status).toBe(429);
  });

  it('answers a form post over the limit with the form page (429), input kept', async () => {
    await startOfFreshWindow(60_000);
    for (let i = 0; i < 3; i++) await submitFrom('127.0.0.15');
    const form = validApplicationForm({ name: '冯七' });

    const response = await postForm(endpoint, form, '127.0.0.15');

    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('value="冯七"');
  });
});

describe('per phone per address per day', () => {
  it("a stranger typing a merchant's phone uses up only their own address's allowance: the 429 looks like any other, the merchant still applies", async () => {
    const phone = uniquePhone();
    await startOfFreshWindow(60_000);
    const perAddress = await (async () => {
      for (let i = 0; i < 3; i++) await submitFrom('127.0.0.25');
      return submitFrom('127.0.0.25');
    })();

    const first = await submitFrom('127.0.0.21', validApplication({ phone, name: '冒用者' }));
    const second = await submitFrom('127.0.0.21', validApplication({ phone, name: '冒用者', note: '第二次' }));
    const third = await submitFrom('127.0.0.21', validApplication({ phone, name: '冒用者', note: '第三次' }));
    const owner = await submitFrom('127.0.0.22', validApplication({ phone, note: '本人' }));

    expect([first.status, second.status, third.status, owner.status]).toEqual([201, 201, 429, 201]);
    // Same status, body and Retry-After as the per-address limit: nothing tells a stranger that this number applied.
    expect(perAddress.status).toBe(429);
    expect(third.json()).toEqual(perAddress.json());
    expect(third.json()).toEqual({ error: { code: 'rate_limited', message: submissionRateLimitMessage, fields: {} } });
    expect(third.headers['retry-after']).toBe(perAddress.headers['retry-after']);
    expect(submissionRateLimitMessage).not.toContain('手机号');
    expect((await intake.items()).filter((item) => item.phone === phone)).toHaveLength(3);
  });

  it('keys the counter by a pseudonym: no phone number appears in any counter item', async () => {
    const phone = uniquePhone();
    await submitFrom('127.0.0.24', validApplication({ phone }));

    const counters = (await intake.items()).filter((item) => item.kind === 'rate_counter');

    expect(counters.length).toBeGreaterThan(0);
    expect(JSON.stringify(counters)).not.toContain(phone);
    expect(JSON.stringify(counters)).not.toContain('127.0.0.24');
  });
});
