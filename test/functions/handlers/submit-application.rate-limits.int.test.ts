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

const submitFrom = (ip: string, body = validApplication(), key = newIdempotencyKey()) =>
  postJson(endpoint, body, { 'idempotency-key': key }, ip);

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

  it('never blocks a replay of an accepted request', async () => {
    await startOfFreshWindow(60_000);
    const body = validApplication();
    const key = newIdempotencyKey();
    const first = await submitFrom('127.0.0.14', body, key);
    for (let i = 0; i < 2; i++) await submitFrom('127.0.0.14');

    const replay = await submitFrom('127.0.0.14', body, key);

    expect(replay.status).toBe(200);
    expect(replay.json().reference).toBe(first.json().reference);
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

describe('per phone per day', () => {
  it('429 on the third application for one phone, whichever IP it comes from', async () => {
    const phone = uniquePhone();

    const first = await submitFrom('127.0.0.21', validApplication({ phone }));
    const second = await submitFrom('127.0.0.22', validApplication({ phone, note: '第二次' }));
    const third = await submitFrom('127.0.0.23', validApplication({ phone, note: '第三次' }));

    expect([first.status, second.status, third.status]).toEqual([201, 201, 429]);
    expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    // The same words and code as the per-IP limit: nothing tells a stranger that this number applied twice today.
    expect(third.json()).toEqual({ error: { code: 'rate_limited', message: submissionRateLimitMessage, fields: {} } });
    expect(submissionRateLimitMessage).not.toContain('手机号');
    expect((await intake.items()).filter((item) => item.phone === phone)).toHaveLength(2);
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
