/**
 * POST /api/applications/status through the real HTTP stack, with small miss limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusLookupMessages } from '../../../functions/domain/status-lookup.ts';
import { postForm, postJson } from '../../support/http-client.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';
import { startOfFreshWindow } from '../../support/windows.ts';
import { applyThroughApi } from '../../support/apply-through-api.ts';

let intake: IntakeServer;
let statusEndpoint: string;

beforeAll(async () => {
  intake = await startIntakeServer({ env: { STATUS_MISSES_PER_IP_PER_HOUR: '3', STATUS_MISSES_PER_REFERENCE_PER_DAY: '4' } });
  statusEndpoint = `${intake.url}/api/applications/status`;
});
afterAll(() => intake?.close());

const apply = (overrides: Record<string, unknown> = {}) => applyThroughApi(intake.url, overrides);

const lookUp = (body: unknown, ip?: string) => postJson(statusEndpoint, body, {}, ip);

describe('status lookup', () => {
  it('200 with reference, status and update time', async () => {
    const { reference, phone } = await apply();

    const response = await lookUp({ reference: reference.toLowerCase().replaceAll('-', ''), phoneLast4: phone.slice(-4) });

    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ reference, status: 'submitted', updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it('answers a wrong phone and an unknown reference with the identical 404', async () => {
    const { reference, phone } = await apply();
    const wrongDigits = String((Number(phone.slice(-4)) + 1) % 10_000).padStart(4, '0');

    const wrongPhone = await lookUp({ reference, phoneLast4: wrongDigits }, '127.0.0.41');
    const unknownReference = await lookUp({ reference: 'PA-2222-2222', phoneLast4: phone.slice(-4) }, '127.0.0.42');

    expect(wrongPhone.status).toBe(404);
    expect(unknownReference.status).toBe(404);
    expect(wrongPhone.text).toBe(unknownReference.text);
    expect(wrongPhone.json().error.code).toBe('not_found');
  });

  it('never finds a trapped spam submission, even with its phone digits', async () => {
    const { reference, phone } = await apply({ website: 'bot-was-here' });

    const response = await lookUp({ reference, phoneLast4: phone.slice(-4) }, '127.0.0.43');

    expect(response.status).toBe(404);
  });

  it('400 with field messages for malformed input', async () => {
    const response = await lookUp({ reference: 'PA-OOOO', phoneLast4: '12345' });

    expect(response.status).toBe(400);
    expect(response.json().error.fields).toEqual({ reference: statusLookupMessages.reference, phoneLast4: statusLookupMessages.phoneLast4 });
  });

  it('rate-limits misses per IP: after 3 misses even a correct lookup gets 429 with Retry-After', async () => {
    await startOfFreshWindow(3_600_000);
    const { reference, phone } = await apply();
    const misses = [];
    for (const reference of ['PA-2222-3333', 'PA-2222-4444', 'PA-2222-5555']) {
      misses.push((await lookUp({ reference, phoneLast4: '0000' }, '127.0.0.51')).status);
    }

    const blocked = await lookUp({ reference, phoneLast4: phone.slice(-4) }, '127.0.0.51');
    const otherVisitor = await lookUp({ reference, phoneLast4: phone.slice(-4) }, '127.0.0.52');

    expect(misses).toEqual([404, 404, 404]);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(otherVisitor.status).toBe(200);
  });

  it('rate-limits misses per reference across IPs, so the four digits cannot be guessed', async () => {
    const { reference, phone } = await apply();
    const wrong = ['0001', '0002', '0003', '0004'].filter((digits) => digits !== phone.slice(-4));
    for (const [i, digits] of wrong.slice(0, 4).entries()) await lookUp({ reference, phoneLast4: digits }, `127.0.0.${60 + i}`);
    if (wrong.length < 4) await lookUp({ reference, phoneLast4: '0005' }, '127.0.0.64');

    const correct = await lookUp({ reference, phoneLast4: phone.slice(-4) }, '127.0.0.65');

    expect(correct.status).toBe(429);
    expect(correct.json().error.message).toContain('申请编号');
  });

  it('lets at most the limit of guesses through when 20 wrong guesses for one reference arrive at once', async () => {
    const { reference, phone } = await apply();
    const wrong = Array.from({ length: 21 }, (_, i) => String(i).padStart(4, '0'))
      .filter((digits) => digits !== phone.slice(-4))
      .slice(0, 20);

    const answers = await Promise.all(wrong.map((digits, i) => lookUp({ reference, phoneLast4: digits }, `127.0.1.${i + 1}`)));

    const statuses = answers.map((answer) => answer.status);
    // At most the limit gets through (exactly 4 on an idle machine). Every other guess is refused: 429, or — when
    // DynamoDB Local on a loaded machine does not settle 20 contending transactions within the SDK's timeouts (which
    // now fire) — 503 with Retry-After. Never a fifth 404.
    expect(statuses.filter((status) => status === 404).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((status) => status !== 404 && status !== 429 && status !== 503)).toEqual([]);
    expect(answers.filter((answer) => answer.status === 503).every((answer) => answer.headers['retry-after'] !== undefined)).toBe(true);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    // The right digits are refused too now: the reference is locked for the day.
    expect((await lookUp({ reference, phoneLast4: phone.slice(-4) }, '127.0.1.99')).status).toBe(429);
  });

  it('a found lookup does not use up the miss allowance', async () => {
    await startOfFreshWindow(3_600_000);
    const { reference, phone } = await apply();

    const found = [];
    for (let i = 0; i < 5; i++) found.push((await lookUp({ reference, phoneLast4: phone.slice(-4) }, '127.0.0.81')).status);
    const misses = [];
    for (const other of ['PA-3333-2222', 'PA-3333-4444', 'PA-3333-5555'])
      misses.push((await lookUp({ reference: other, phoneLast4: '0000' }, '127.0.0.81')).status);

    expect(found).toEqual([200, 200, 200, 200, 200]);
    expect(misses).toEqual([404, 404, 404]);
  });

  it('serves forms posted without JavaScript with HTML pages', async () => {
    const { reference, phone } = await apply();

    const found = await postForm(statusEndpoint, { reference, phoneLast4: phone.slice(-4) }, '127.0.0.71');
    const notFound = await postForm(statusEndpoint, { reference, phoneLast4: '9'.repeat(4) === phone.slice(-4) ? '8888' : '9999' }, '127.0.0.72');

    expect(found.status).toBe(200);
    expect(found.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(found.text).toContain(reference);
    expect(found.text).toContain('已提交，等待审核');
    expect(notFound.status).toBe(404);
    expect(notFound.text).toContain(`value="${reference}"`);
    expect(notFound.text).toContain('没有找到这份申请');
  });
});
