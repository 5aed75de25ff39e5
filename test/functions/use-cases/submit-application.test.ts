import { describe, expect, it } from 'vitest';
import { createHmacPseudonymiser } from '../../../functions/adapters/hmac-pseudonymiser.ts';
import { applicationMessages } from '#domain/application.ts';
import { PRIVACY_POLICY_VERSION } from '#domain/privacy-policy.ts';
import { DependencyUnavailableError } from '#domain/ports.ts';
import type { ApplicationRecord } from '#domain/records.ts';
import { submitApplication, type SubmitApplicationCommand, type SubmitApplicationDeps } from '../../../functions/use-cases/submit-application.ts';
import { sweepOutbox } from '../../../functions/use-cases/sweep-outbox.ts';
import { formTokenIssued, newIdempotencyKey, testFormTokens, validApplication } from '../../support/application-fixtures.ts';
import { createInMemoryQueue, createInMemoryStore, manualClock, referenceSequence } from '../../support/in-memory-ports.ts';

const NOW = '2026-11-25T04:00:00.000Z';

function setUp(limits: Partial<SubmitApplicationDeps['limits']> = {}) {
  const applications = createInMemoryStore();
  const reviewQueue = createInMemoryQueue();
  const clock = manualClock(NOW);
  const deps: SubmitApplicationDeps = {
    applications,
    rateLimiter: applications,
    reviewQueue,
    clock,
    references: referenceSequence('PA-AAAA-2222', 'PA-BBBB-3333', 'PA-CCCC-4444', 'PA-DDDD-5555', 'PA-EEEE-6666'),
    pseudonymiser: createHmacPseudonymiser('unit-test-secret'),
    formTokens: testFormTokens,
    limits: { requestsPerIpPerMinute: 100, applicationsPerPhonePerAddressPerDay: 100, retentionDays: 180, ...limits },
    sleep: async () => undefined,
  };
  const now = new Date(NOW).getTime();
  const command = (overrides: Partial<SubmitApplicationCommand> = {}, body: Record<string, unknown> = {}): SubmitApplicationCommand => ({
    body: validApplication({ phone: '13812345678', formToken: formTokenIssued(30_000, now), ...body }),
    idempotencyKey: newIdempotencyKey(),
    channel: 'json',
    viewerIp: '203.0.113.9',
    ...overrides,
  });
  return { deps, applications, reviewQueue, clock, command };
}

describe('submitApplication', () => {
  it('stores the application with its consent record and history, and asks for review with the reference only', async () => {
    const { deps, applications, reviewQueue, command } = setUp();

    const outcome = await submitApplication(command(), deps);

    expect(outcome).toEqual({ kind: 'accepted', reference: 'PA-AAAA-2222', replayed: false, enqueued: true });
    const stored = applications.records.get('PA-AAAA-2222') as ApplicationRecord;
    expect(stored).toMatchObject({
      kind: 'application',
      status: 'submitted',
      name: '张三',
      phone: '13812345678',
      consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25', agreedAt: NOW },
      statusHistory: [{ status: 'submitted', at: NOW, by: 'intake' }],
      channel: 'json',
    });
    expect(stored.phoneHash).toMatch(/^[\w-]{43}$/);
    expect(reviewQueue.messages).toEqual(['{"reference":"PA-AAAA-2222"}']);
    expect(applications.outbox.size).toBe(0);
  });

  it('never stores the viewer IP or the phone as a counter key', async () => {
    const { deps, applications, command } = setUp();

    await submitApplication(command(), deps);

    const keys = [...applications.counters.keys()].join('\n');
    expect(keys).not.toContain('203.0.113.9');
    expect(keys).not.toContain('13812345678');
    expect(JSON.stringify([...applications.records.values()])).not.toContain('203.0.113.9');
  });

  it('answers a replay of the same request with the original reference, storing and sending nothing more', async () => {
    const { deps, applications, reviewQueue, command } = setUp();
    const first = command();

    await submitApplication(first, deps);
    const replay = await submitApplication(first, deps);

    expect(replay).toEqual({ kind: 'accepted', reference: 'PA-AAAA-2222', replayed: true, enqueued: false });
    expect(applications.records.size).toBe(1);
    expect(reviewQueue.messages).toHaveLength(1);
  });

  it('treats the same content with different spacing as the same request', async () => {
    const { deps, command } = setUp();
    const key = newIdempotencyKey();

    await submitApplication(command({ idempotencyKey: key }, { phone: '13812345678' }), deps);
    const replay = await submitApplication(command({ idempotencyKey: key }, { phone: '+86 138-1234-5678' }), deps);

    expect(replay).toMatchObject({ kind: 'accepted', replayed: true, reference: 'PA-AAAA-2222' });
  });

  it('refuses the same key with a different application', async () => {
    const { deps, applications, command } = setUp();
    const key = newIdempotencyKey();

    await submitApplication(command({ idempotencyKey: key }), deps);
    const outcome = await submitApplication(command({ idempotencyKey: key }, { name: '李四' }), deps);

    expect(outcome).toEqual({ kind: 'idempotency_key_reused' });
    expect(applications.records.size).toBe(1);
  });

  it('derives the key from the content for forms posted without JavaScript, so a double post is one application', async () => {
    const { deps, applications, command } = setUp();
    const formPost = command({ channel: 'form' });
    delete formPost.idempotencyKey;

    const first = await submitApplication(formPost, deps);
    const second = await submitApplication(formPost, deps);

    expect(second).toMatchObject({ kind: 'accepted', replayed: true, reference: first.kind === 'accepted' ? first.reference : '' });
    expect(applications.records.size).toBe(1);
  });

  it('keys a form without JavaScript on its content and its token: the same content with another token is not a replay', async () => {
    const { deps, applications, command } = setUp();
    const victim = command({ channel: 'form' });
    delete victim.idempotencyKey;
    const accepted = await submitApplication(victim, deps);
    // A stranger who knows every field, with a token of their own and none at all.
    const stranger = { ...victim, body: { ...(victim.body as object), formToken: formTokenIssued(30_000, Date.parse(NOW)) }, viewerIp: '198.51.100.7' };
    const strangerWithoutToken = { ...victim, body: { ...(victim.body as object), formToken: undefined }, viewerIp: '198.51.100.7' };

    const guesses = [await submitApplication(stranger, deps), await submitApplication(strangerWithoutToken, deps)];

    expect(accepted).toMatchObject({ kind: 'accepted', reference: 'PA-AAAA-2222' });
    for (const guess of guesses) expect(guess).not.toMatchObject({ reference: 'PA-AAAA-2222' });
    expect(guesses[1]).toMatchObject({ kind: 'form_token_needed' });
    expect(applications.records.size).toBe(2);
  });

  it('checks the token before any replay: a JSON retry with an expired token gets a fresh token, not the reference', async () => {
    const { deps, clock, command } = setUp();
    const request = command();
    await submitApplication(request, deps);
    clock.advance(13 * 3_600_000);

    const outcome = await submitApplication(request, deps);

    expect(outcome).toMatchObject({ kind: 'form_token_needed' });
  });

  it('uses each token once: a second application with the same token gets a fresh one, and nothing is stored', async () => {
    const { deps, applications, command } = setUp();
    const formToken = formTokenIssued(30_000, Date.parse(NOW));

    const first = await submitApplication(command({}, { formToken }), deps);
    const second = await submitApplication(command({ viewerIp: '198.51.100.8' }, { formToken, phone: '13900000001' }), deps);

    expect(first).toMatchObject({ kind: 'accepted', replayed: false });
    expect(second).toMatchObject({ kind: 'form_token_needed' });
    expect(second.kind === 'form_token_needed' && second.formToken).not.toBe(formToken);
    expect(applications.records.size).toBe(1);
  });

  it("a confirmation's token clicked quickly on the JSON form is asked again, never trapped or flagged", async () => {
    const { deps, applications, command } = setUp();
    const confirmation = testFormTokens.issue(new Date(Date.parse(NOW) - 1_000), 'confirm');
    const later = testFormTokens.issue(new Date(Date.parse(NOW) - 4_000), 'confirm');

    const quick = await submitApplication(command({}, { formToken: confirmation, note: '我的美团店铺 www.meituan.com/abc' }), deps);
    const accepted = await submitApplication(command({}, { formToken: later, note: '我的美团店铺 www.meituan.com/abc' }), deps);

    expect(quick).toEqual({ kind: 'form_token_needed', formToken: confirmation });
    expect(accepted).toMatchObject({ kind: 'accepted', replayed: false });
    expect(accepted).not.toHaveProperty('spam');
    expect((applications.records.get('PA-AAAA-2222') as ApplicationRecord).signals).toEqual(['note_has_link']);
  });

  it('returns field messages for invalid input and writes nothing', async () => {
    const { deps, applications, command } = setUp();

    const outcome = await submitApplication(command({}, { phone: '123' }), deps);

    expect(outcome).toEqual({ kind: 'invalid', fields: { phone: applicationMessages.phone } });
    expect(applications.writeAttempts).toBe(0);
  });

  it('answers a concurrent winner’s reference when the key was taken between read and write', async () => {
    const { deps, applications, command } = setUp();
    const request = command();
    // Simulate the race: another request committed the same key just before our write, and the store did not
    // return the winner's record with the failure.
    applications.scriptedWriteOutcomes.push({ kind: 'idempotency_key_used' });
    const originalWrite = applications.writeIntake.bind(applications);
    applications.writeIntake = async (write) => {
      const outcome = await originalWrite(write);
      if (outcome.kind === 'idempotency_key_used' && !applications.idempotency.has(write.idempotency.key)) {
        applications.idempotency.set(write.idempotency.key, {
          key: write.idempotency.key,
          requestHash: write.idempotency.requestHash,
          reference: 'PA-WWWW-9999',
        });
      }
      return outcome;
    };

    const outcome = await submitApplication(request, deps);

    expect(outcome).toEqual({ kind: 'accepted', reference: 'PA-WWWW-9999', replayed: true, enqueued: false });
  });

  it('retries a write that conflicted with concurrent requests', async () => {
    const { deps, applications, command } = setUp();
    applications.scriptedWriteOutcomes.push({ kind: 'conflict' }, { kind: 'conflict' });

    const outcome = await submitApplication(command(), deps);

    expect(outcome).toMatchObject({ kind: 'accepted', reference: 'PA-CCCC-4444' });
    expect(applications.records.size).toBe(1);
  });

  it('gives up with DependencyUnavailableError when conflicts persist', async () => {
    const { deps, applications, command } = setUp();
    applications.scriptedWriteOutcomes.push(...Array.from({ length: 10 }, () => ({ kind: 'conflict' as const })));
    deps.references = { next: () => 'PA-AAAA-2222' };

    await expect(submitApplication(command(), deps)).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(applications.records.size).toBe(0);
  });

  it('tries a new reference when the drawn one is taken', async () => {
    const { deps, applications, command } = setUp();
    applications.scriptedWriteOutcomes.push({ kind: 'reference_taken' });

    const outcome = await submitApplication(command(), deps);

    expect(outcome).toMatchObject({ kind: 'accepted', reference: 'PA-BBBB-3333' });
  });

  it('fails with DependencyUnavailableError and writes nothing when the store is down', async () => {
    const { deps, applications, reviewQueue, command } = setUp();
    applications.unavailable = true;

    await expect(submitApplication(command(), deps)).rejects.toBeInstanceOf(DependencyUnavailableError);
    applications.unavailable = false;
    expect(applications.records.size).toBe(0);
    expect(reviewQueue.messages).toHaveLength(0);
  });
});

describe('submitApplication: review queue failures lose nothing', () => {
  it('accepts the application when the queue is down, keeps it in the outbox, and the sweeper sends it exactly once', async () => {
    const { deps, applications, reviewQueue, clock, command } = setUp();
    reviewQueue.unavailable = true;

    const outcome = await submitApplication(command(), deps);

    expect(outcome).toMatchObject({ kind: 'accepted', reference: 'PA-AAAA-2222', enqueued: false });
    expect(applications.outbox.has('PA-AAAA-2222')).toBe(true);
    expect(reviewQueue.messages).toHaveLength(0);

    reviewQueue.unavailable = false;
    clock.advance(10_000);
    const sweeps = [await sweepOutbox({ minAgeSeconds: 5, maxApplications: 100 }, deps), await sweepOutbox({ minAgeSeconds: 5, maxApplications: 100 }, deps)];

    expect(sweeps.map((s) => s.sent)).toEqual([1, 0]);
    expect(reviewQueue.messages).toEqual(['{"reference":"PA-AAAA-2222"}']);
    expect(applications.outbox.size).toBe(0);
  });
});

describe('submitApplication: spam', () => {
  it.each([
    ['honeypot', { website: 'https://cheap-seo.example' }],
    ['too_fast', { formToken: formTokenIssued(1_000, new Date(NOW).getTime()) }],
  ])('%s: looks accepted, stores no name, phone or note, sends nothing', async (reason, trap) => {
    const { deps, applications, reviewQueue, command } = setUp();

    const outcome = await submitApplication(command({}, trap), deps);

    expect(outcome).toEqual({ kind: 'accepted', reference: 'PA-AAAA-2222', replayed: false, spam: reason, enqueued: false });
    const stored = applications.records.get('PA-AAAA-2222');
    expect(stored).toMatchObject({ kind: 'spam', status: 'spam', reason, attribution: { utm_source: 'wechat' } });
    const serialised = JSON.stringify(stored);
    for (const personal of ['张三', '13812345678', '早上十点']) expect(serialised).not.toContain(personal);
    expect(stored).not.toHaveProperty('phoneHash');
    expect(reviewQueue.messages).toHaveLength(0);
    expect(applications.outbox.size).toBe(0);
  });

  it('does not count trapped submissions against the phone number', async () => {
    const { deps, command } = setUp({ applicationsPerPhonePerAddressPerDay: 1 });

    await submitApplication(command({}, { website: 'bot' }), deps);
    const genuine = await submitApplication(command(), deps);

    expect(genuine).toMatchObject({ kind: 'accepted', replayed: false });
    expect(genuine).not.toHaveProperty('spam');
  });

  it.each([
    ['missing (the static page has none)', undefined],
    ['forged', '1a2b3c.AAAAAAAAAAAA.' + 'A'.repeat(43)],
    ['expired (issued 13 hours ago)', 13 * 3_600_000],
  ])('a form token that is %s stores nothing and hands back a fresh one', async (_, token) => {
    const { deps, applications, command } = setUp();
    const formToken = typeof token === 'number' ? formTokenIssued(token, new Date(NOW).getTime()) : token;

    const outcome = await submitApplication(command({}, { formToken }), deps);

    expect(outcome).toMatchObject({ kind: 'form_token_needed' });
    const fresh = outcome.kind === 'form_token_needed' ? outcome.formToken : '';
    expect(testFormTokens.check(fresh, new Date(Date.parse(NOW) + 5_000))).toMatchObject({ kind: 'valid', ageMs: 5_000, issuedBy: 'confirm' });
    expect(applications.records.size).toBe(0);
  });

  it('a form posted without JavaScript that comes back too quickly is asked to confirm again with the same token, not trapped', async () => {
    const { deps, applications, command } = setUp();
    const young = formTokenIssued(1_000, new Date(NOW).getTime());
    const formPost = command({ channel: 'form' }, { formToken: young });
    delete formPost.idempotencyKey;

    const outcome = await submitApplication(formPost, deps);

    expect(outcome).toEqual({ kind: 'form_token_needed', formToken: young });
    expect(applications.records.size).toBe(0);
  });

  it('times the fill by the server clock for a form posted without JavaScript too', async () => {
    const { deps, applications, command } = setUp();
    const formPost = command(
      { channel: 'form' },
      { formToken: formTokenIssued(7 * 3_600_000, new Date(NOW).getTime()), note: '店铺地图 https://map.example.com/shop/1' },
    );
    delete formPost.idempotencyKey;

    await submitApplication(formPost, deps);

    expect((applications.records.get('PA-AAAA-2222') as ApplicationRecord).signals).toEqual(['note_has_link', 'stale_form']);
  });

  it('gives the personal data an expiry a year after submission, so an application never closed does not keep it forever', async () => {
    const { deps, applications, command } = setUp();

    await submitApplication(command(), deps);

    expect((applications.records.get('PA-AAAA-2222') as ApplicationRecord).personalDataExpiresAt).toBe('2027-11-25T04:00:00.000Z');
  });

  it('stores the consent as given, including the separate consent to share with the terminal provider', async () => {
    const { deps, applications, command } = setUp();

    await submitApplication(command(), deps);

    expect((applications.records.get('PA-AAAA-2222') as ApplicationRecord).consent).toEqual({
      privacy: true,
      crossBorder: true,
      providerSharing: true,
      version: PRIVACY_POLICY_VERSION,
      agreedAt: NOW,
    });
  });

  it('keeps only the origin of the referrer on the stored record', async () => {
    const { deps, applications, command } = setUp();

    await submitApplication(command({}, { attribution: { referrer: 'https://www.baidu.com/s?wd=pos%E6%9C%BA+13812345678' } }), deps);

    expect((applications.records.get('PA-AAAA-2222') as ApplicationRecord).attribution).toEqual({ referrer: 'https://www.baidu.com' });
  });

  it('drops a referrer that names no site, and stores no attribution when nothing else is left', async () => {
    const { deps, applications, command } = setUp();

    await submitApplication(command({}, { attribution: { referrer: 'about:blank' } }), deps);

    expect(applications.records.get('PA-AAAA-2222')).not.toHaveProperty('attribution');
  });

  it('keeps only the origin of the referrer on a trapped spam record too', async () => {
    const { deps, applications, command } = setUp();

    await submitApplication(command({}, { website: 'bot', attribution: { utm_source: 'x', referrer: 'https://seo.example/p?id=9' } }), deps);

    expect(applications.records.get('PA-AAAA-2222')).toMatchObject({ kind: 'spam', attribution: { utm_source: 'x', referrer: 'https://seo.example' } });
  });

  it('records soft signals on genuine applications for the reviewer', async () => {
    const { deps, applications, command } = setUp();

    await submitApplication(command({}, { note: '看这里 http://x.example' }), deps);

    expect((applications.records.get('PA-AAAA-2222') as ApplicationRecord).signals).toEqual(['note_has_link']);
  });
});

describe('submitApplication: rate limits', () => {
  it('limits applications per viewer IP per minute, with the seconds to wait', async () => {
    const { deps, applications, command } = setUp({ requestsPerIpPerMinute: 2 });

    await submitApplication(command({}, { phone: '13800000001' }), deps);
    await submitApplication(command({}, { phone: '13800000002' }), deps);
    const third = await submitApplication(command({}, { phone: '13800000003' }), deps);
    const otherVisitor = await submitApplication(command({ viewerIp: '198.51.100.7' }, { phone: '13800000004' }), deps);

    expect(third).toEqual({ kind: 'rate_limited', limit: 'requests_per_ip_per_minute', retryAfterSeconds: 60 });
    expect(otherVisitor).toMatchObject({ kind: 'accepted' });
    expect(applications.records.size).toBe(3);
  });

  it('limits applications per phone from one address per day, and a stranger using up that allowance never blocks the owner elsewhere', async () => {
    const { deps, command } = setUp({ applicationsPerPhonePerAddressPerDay: 1 });

    await submitApplication(command({ viewerIp: '2001:db8:9:9::1' }), deps);
    const strangerAgain = await submitApplication(command({ viewerIp: '2001:db8:9:9::2' }), deps);
    const owner = await submitApplication(command({ viewerIp: '198.51.100.2' }), deps);

    // 04:00 UTC is 12:00 in Beijing: twelve hours until the Chinese calendar day ends (the HTTP answer hides this).
    expect(strangerAgain).toEqual({ kind: 'rate_limited', limit: 'applications_per_phone_per_address_per_day', retryAfterSeconds: 12 * 3600 });
    expect(owner).toMatchObject({ kind: 'accepted', replayed: false });
  });

  it('charges replays to the address like any request, so replays cannot probe without limit', async () => {
    const { deps, command } = setUp({ requestsPerIpPerMinute: 2 });
    const request = command();

    const results = [await submitApplication(request, deps), await submitApplication(request, deps), await submitApplication(request, deps)];

    expect(results.map((r) => r.kind)).toEqual(['accepted', 'accepted', 'rate_limited']);
  });

  it('never charges a replay to the phone number', async () => {
    const { deps, command } = setUp({ applicationsPerPhonePerAddressPerDay: 1 });
    const request = command();

    const results = [await submitApplication(request, deps), await submitApplication(request, deps)];

    expect(results.map((r) => r.kind)).toEqual(['accepted', 'accepted']);
  });
});
