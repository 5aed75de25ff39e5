/**
 * Leads in the review console through the real HTTP stack and DynamoDB Local: the "to call" view, claims (with a
 * concurrent race), reassignment by an admin, the call log, finding a caller by reference or phone, and what the
 * requests on one application read (the DynamoDB calls each makes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsCall } from '../../../functions/adapters/aws-clients.ts';
import { callsDuring, tableCallNames } from '../../support/aws-call-count.ts';
import { signInToConsole } from '../../support/console-sign-in.ts';
import { send } from '../../support/http-client.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';
import { applyThroughApi } from '../../support/apply-through-api.ts';

let intake: IntakeServer;
let reviewer: string;
let colleague: string;
let admin: string;
/** The console handler's AWS calls (one request's at a time: see callsDuring). */
const consoleCalls: AwsCall[] = [];

beforeAll(async () => {
  intake = await startIntakeServer({
    withConsoleSignIn: true,
    env: { FAILED_CALL_DAYS_BEFORE_CLOSING: '2' },
    observeCalls: (caller, awsCall) => {
      if (caller === 'console') consoleCalls.push(awsCall);
    },
  });
  const [reviewerToken, colleagueToken, adminToken] = await Promise.all(
    ['reviewer', 'reviewer2', 'admin'].map((user) => signInToConsole(intake.url, intake.oidc!, user)),
  );
  [reviewer, colleague, admin] = [reviewerToken!, colleagueToken!, adminToken!];
});
afterAll(() => intake?.close());

const call = (method: string, path: string, token: string, body?: unknown) =>
  send(`${intake.url}/api/console/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

/** An application waiting for its first call (审核中). */
async function lead(overrides: Record<string, unknown> = {}) {
  const applied = await applyThroughApi(intake.url, overrides);
  expect((await call('POST', `applications/${applied.reference}/status`, admin, { to: 'pending_review' })).status).toBe(200);
  return applied;
}

describe('"to call" view', () => {
  it('is the default: 审核中 by due time, oldest promise first, with due time, overdue flag, age, owner and attempts', async () => {
    const first = await lead();
    const second = await lead();

    const response = await call('GET', 'applications?limit=100', reviewer);

    expect(response.status).toBe(200);
    const page = response.json();
    const references = page.items.map((item: { reference: string }) => item.reference);
    expect(references.indexOf(first.reference)).toBeLessThan(references.indexOf(second.reference));
    const dueTimes = page.items.map((item: { dueAt: string }) => item.dueAt);
    expect(dueTimes).toEqual([...dueTimes].sort());
    expect(page.items.find((item: { reference: string }) => item.reference === first.reference)).toMatchObject({
      status: 'pending_review',
      overdue: false,
      ageWorkingDays: 0,
      callAttempts: 0,
      dueAt: expect.stringMatching(/T16:00:00\.000Z$/), // the end of a China working day
    });
    expect(page.toCall).toBeGreaterThanOrEqual(2);
    expect(page.atLeast).toEqual({ toCall: false, overdue: false });
    expect(response.text).not.toContain(first.phone);
  });

  it('"我的" shows only the caller\'s own; the page token pages through without gaps', async () => {
    const mine = await lead();
    await lead();
    expect((await call('POST', `applications/${mine.reference}/claim`, reviewer)).status).toBe(200);

    const own = (await call('GET', 'applications?owner=me', reviewer)).json();
    const firstPage = (await call('GET', 'applications?limit=1', reviewer)).json();
    const secondPage = (await call('GET', `applications?limit=1&page=${firstPage.next}`, reviewer)).json();

    expect(own.items.map((item: { reference: string; owner: string }) => [item.reference, item.owner])).toEqual([[mine.reference, 'reviewer']]);
    expect(secondPage.items[0].reference).not.toBe(firstPage.items[0].reference);
    expect((await call('GET', 'applications?page=bogus', reviewer)).status).toBe(400);
  });
});

describe('claims', () => {
  it('two reviewers claiming at the same moment: exactly one wins, the other is told who did', async () => {
    for (let round = 0; round < 5; round++) {
      const { reference } = await lead();

      const answers = await Promise.all([
        call('POST', `applications/${reference}/claim`, reviewer),
        call('POST', `applications/${reference}/claim`, colleague),
      ]);

      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 409]);
      const winner = answers[0]!.status === 200 ? 'reviewer' : 'reviewer2';
      const loser = answers.find((answer) => answer.status === 409)!.json();
      expect(loser.error).toMatchObject({ code: 'owned_by_other', fields: { owner: winner } });
      expect(loser.error.message).toContain(winner);
      const item = await intake.application(reference);
      expect(item?.owner).toMatchObject({ id: winner });
      const history = (await call('GET', `applications/${reference}`, admin)).json().history;
      expect(history.filter((entry: { action?: string }) => entry.action === 'claimed')).toEqual([expect.objectContaining({ by: `console:${winner}` })]);
    }
  });

  it('only the owner or an admin acts on a claimed application', async () => {
    const { reference } = await lead();
    await call('POST', `applications/${reference}/claim`, reviewer);

    const byColleague = await call('POST', `applications/${reference}/status`, colleague, { to: 'contacted' });
    const colleagueCall = await call('POST', `applications/${reference}/calls`, colleague, { outcome: 'busy' });
    const colleagueNote = await call('POST', `applications/${reference}/notes`, colleague, { text: '我也打一下' });
    const byAdmin = await call('POST', `applications/${reference}/calls`, admin, { outcome: 'busy' });

    expect([byColleague.status, colleagueCall.status, colleagueNote.status]).toEqual([409, 409, 409]);
    expect(byColleague.json().error.code).toBe('owned_by_other');
    expect(byAdmin.status).toBe(201);
  });

  it('an admin reassigns one application, and everything a departing reviewer owns in one action; each move is in the history', async () => {
    const one = await lead();
    const two = await lead();
    const three = await lead();
    for (const { reference } of [one, two]) await call('POST', `applications/${reference}/claim`, colleague);
    await call('POST', `applications/${three.reference}/claim`, reviewer);

    const refused = await call('POST', 'owners/transfer', reviewer, { from: 'reviewer2', to: 'reviewer' });
    const transfer = await call('POST', 'owners/transfer', admin, { from: 'reviewer2', to: 'reviewer' });
    const single = await call('POST', `applications/${three.reference}/owner`, admin, { to: 'reviewer2' });

    // A wrong role answers 404 `forbidden` (a 403 would become CloudFront's 404 page).
    expect(refused.status).toBe(404);
    expect(refused.json().error.code).toBe('forbidden');
    expect(transfer.status).toBe(200);
    expect(transfer.json().moved).toEqual(expect.arrayContaining([one.reference, two.reference]));
    expect(single.json()).toMatchObject({ owner: 'reviewer2', from: 'reviewer' });
    expect((await intake.application(one.reference))?.owner).toMatchObject({ id: 'reviewer' });
    const history = (await call('GET', `applications/${one.reference}`, reviewer)).json().history;
    expect(history).toContainEqual(expect.objectContaining({ kind: 'activity', action: 'reassigned', by: 'console:admin', from: 'reviewer2', to: 'reviewer' }));
  });
});

describe('call log', () => {
  it('未接 with a callback keeps it in 审核中 with the next-call time; 接通 moves it to 已电话联系', async () => {
    const { reference } = await lead();
    const nextCallAt = new Date(Date.now() + 3_600_000).toISOString();

    const missed = await call('POST', `applications/${reference}/calls`, reviewer, { outcome: 'no_answer', nextCallAt, note: '下午再打' });
    const row = (await call('GET', 'applications?owner=me&limit=100', reviewer))
      .json()
      .items.find((item: { reference: string }) => item.reference === reference);
    const reached = await call('POST', `applications/${reference}/calls`, reviewer, { outcome: 'reached' });

    expect(missed.status).toBe(201);
    expect(missed.json()).toMatchObject({ statusChanged: false, calls: { attempts: 1, lastOutcome: 'no_answer', nextCallAt } });
    // Recording a call on an unowned application claims it for the caller.
    expect(row).toMatchObject({ owner: 'reviewer', callAttempts: 1, nextCallAt, dueAt: nextCallAt, overdue: false });
    expect(reached.json()).toMatchObject({ statusChanged: true, calls: { attempts: 2, lastOutcome: 'reached' } });
    const detail = (await call('GET', `applications/${reference}`, reviewer)).json();
    expect(detail.status).toBe('contacted');
    expect(detail.history.filter((entry: { kind: string }) => entry.kind === 'call').map((entry: { outcome: string }) => entry.outcome)).toEqual([
      'no_answer',
      'reached',
    ]);
    expect(detail.history).toContainEqual(expect.objectContaining({ kind: 'activity', action: 'note', text: '下午再打', callOutcome: 'no_answer' }));
    // Each attempt is its own item, never a growing list inside the application item.
    const attempts = (await intake.items()).filter((item) => item.pk === `APP#${reference}` && String(item.sk).startsWith('CALL#'));
    expect(attempts).toHaveLength(2);
  });

  it('only 接通 moves it on: 忙线, 未接 and 约回电 leave it in 审核中', async () => {
    const { reference } = await lead();
    for (const outcome of ['busy', 'no_answer']) await call('POST', `applications/${reference}/calls`, reviewer, { outcome });
    await call('POST', `applications/${reference}/calls`, reviewer, { outcome: 'callback', nextCallAt: new Date(Date.now() + 86_400_000).toISOString() });

    expect((await intake.application(reference))?.status).toBe('pending_review');
  });

  it('空号 offers closing at once; failed attempts offer it only after the configured number of different days', async () => {
    const empty = await lead();
    const unanswered = await lead();

    const invalid = (await call('POST', `applications/${empty.reference}/calls`, reviewer, { outcome: 'invalid_number' })).json();
    // Two failures on the same day count as one day (FAILED_CALL_DAYS_BEFORE_CLOSING is 2 here).
    await call('POST', `applications/${unanswered.reference}/calls`, reviewer, { outcome: 'busy' });
    const sameDay = (await call('POST', `applications/${unanswered.reference}/calls`, reviewer, { outcome: 'no_answer' })).json();

    expect(invalid.suggestedClosing).toEqual({ code: 'invalid_number' });
    expect((await call('GET', `applications/${empty.reference}`, reviewer)).json().suggestedClosing).toEqual({ code: 'invalid_number' });
    expect(sameDay.suggestedClosing).toBeUndefined();
    expect(sameDay.calls.failedDays).toHaveLength(1);
  });

  it('refuses a callback without a time, a time in the past, and an unknown outcome, naming the field in Chinese', async () => {
    const { reference } = await lead();

    const noTime = await call('POST', `applications/${reference}/calls`, reviewer, { outcome: 'callback' });
    const past = await call('POST', `applications/${reference}/calls`, reviewer, { outcome: 'no_answer', nextCallAt: '2020-01-01T00:00:00Z' });
    const unknown = await call('POST', `applications/${reference}/calls`, reviewer, { outcome: 'voicemail' });

    expect([noTime.status, past.status, unknown.status]).toEqual([400, 400, 400]);
    expect(noTime.json().error.fields.nextCallAt).toMatch(/时间/);
    expect(past.json().error.fields.nextCallAt).toMatch(/晚于现在/);
    expect(unknown.json().error.fields.outcome).toMatch(/通话结果/);
    expect((await intake.items()).filter((item) => item.pk === `APP#${reference}` && String(item.sk).startsWith('CALL#'))).toEqual([]);
  });
});

describe('find a caller', () => {
  it('by reference (any case, dashes optional)', async () => {
    const { reference } = await lead();

    const found = (await call('POST', 'search', reviewer, { query: reference.toLowerCase().replaceAll('-', '') })).json();

    expect(found).toMatchObject({ by: 'reference', items: [expect.objectContaining({ reference })] });
  });

  it("by full phone: every application of that phone, through the phone hash, recorded in each one's history; the number never in the answer", async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const first = await lead({ phone });
    const second = await applyThroughApi(intake.url, { phone });

    const response = await call('POST', 'search', reviewer, { query: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` });

    expect(response.status).toBe(200);
    expect(response.json().by).toBe('phone');
    expect(
      response
        .json()
        .items.map((item: { reference: string }) => item.reference)
        .sort(),
    ).toEqual([first.reference, second.reference].sort());
    expect(response.text).not.toContain(phone);
    for (const { reference } of [first, second]) {
      const history = (await call('GET', `applications/${reference}`, admin)).json().history;
      expect(history).toContainEqual(expect.objectContaining({ kind: 'activity', action: 'phone_searched', by: 'console:reviewer' }));
    }
  });

  it('400 naming the field for something that is neither; signed-out callers learn nothing', async () => {
    const neither = await call('POST', 'search', reviewer, { query: '12345' });
    const signedOut = await send(`${intake.url}/api/console/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '13800000000' }),
    });

    expect(neither.status).toBe(400);
    expect(neither.json().error.fields.query).toContain('手机号');
    expect(signedOut.status).toBe(401);
  });
});

describe('what a request on one application reads: each of its items once', () => {
  // Reading the application is GetItem APP plus GetItem PERSONAL (its personal data); each was read up to three times.
  const readApplication = ['GetItem APP', 'GetItem PERSONAL'];

  it('the detail: 5 calls (7 before: the personal data read again for the notes and for the quotes)', async () => {
    const { reference } = await lead();
    await call('POST', `applications/${reference}/notes`, reviewer, { text: '下午再打' });

    const { result, calls } = await callsDuring(consoleCalls, () => call('GET', `applications/${reference}`, reviewer));

    expect(result.status).toBe(200);
    expect(result.json()).toMatchObject({ quotes: [], history: expect.arrayContaining([expect.objectContaining({ action: 'note', text: '下午再打' })]) });
    // The activity and the call attempts (one Query each), whether the phone is blocked.
    expect(tableCallNames(calls)).toEqual([...readApplication, 'GetItem BLOCKED', 'Query', 'Query'].sort());
  });

  it('a status change: 3 calls (5 before: the ownership check read the application first)', async () => {
    const { reference } = await lead();
    await call('POST', `applications/${reference}/claim`, reviewer);

    const { result, calls } = await callsDuring(consoleCalls, () => call('POST', `applications/${reference}/status`, reviewer, { to: 'contacted' }));

    expect(result.status).toBe(200);
    expect(tableCallNames(calls)).toEqual([...readApplication, 'TransactWriteItems'].sort());
  });

  it('a note: 4 calls (6 before, as for a status change)', async () => {
    const { reference } = await lead();

    const { result, calls } = await callsDuring(consoleCalls, () => call('POST', `applications/${reference}/notes`, reviewer, { text: '明天上午再联系' }));

    expect(result.status).toBe(201);
    // The user's hourly note limit (a transaction over its counters), then the note on the personal data.
    expect(tableCallNames(calls)).toEqual([...readApplication, 'TransactWriteItems', 'UpdateItem PERSONAL'].sort());
  });

  it('a call on an unowned application: 4 calls (6 before: the claim read the application again)', async () => {
    const { reference } = await lead();

    const { result, calls } = await callsDuring(consoleCalls, () => call('POST', `applications/${reference}/calls`, reviewer, { outcome: 'busy' }));

    expect(result.status).toBe(201);
    expect((await intake.application(reference))?.owner).toMatchObject({ id: 'reviewer' });
    // The claim with its history entry, then the attempt with the new call summary: one transaction each.
    expect(tableCallNames(calls)).toEqual([...readApplication, 'TransactWriteItems', 'TransactWriteItems'].sort());
  });
});
