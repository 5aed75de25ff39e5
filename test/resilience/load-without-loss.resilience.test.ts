/**
 * Load without loss: 1,000 applications at 50-way concurrency through the real HTTP layer, 10 % of them sent again
 * with the same Idempotency-Key — half at the same moment as the original, half after every original was answered —
 * then the background review worker screens them. Exactly 1,000 stored, 1,000 screened once each, every replay
 * answered with its original's reference.
 *
 * A client here behaves like the apply form: on a 503 (with Retry-After) it sends the same body with the same key
 * again, after the wait the answer names. On a loaded machine DynamoDB Local can take longer than the SDK's request
 * timeout for a write it then commits; the merchant is told to retry, and the retry must bring back the one
 * application, never a second. So 503s are allowed only as blips (each with Retry-After, at most 2 % of the answers,
 * every one followed by a retry that is answered with the key's one reference).
 */
import { describe, expect, it } from 'vitest';
import { mapWithConcurrency, pollUntil, sleep } from './support/concurrency.ts';
import { formatStatusTally, increment } from './support/counts-report.ts';
import { resilienceSuite } from './support/resilience-stack.ts';
import { distinctSubmissions, submit, type Submission, type SubmissionResult } from './support/submissions.ts';
import { integrityProblems, screeningsOf } from './support/table-inspector.ts';

const APPLICATIONS = 1_000;
const CONCURRENCY = 50;
/** Every 10th application is sent twice; of those, alternately at once with the original or after all originals. */
const RETRY_EVERY = 10;
const SCREENING_DEADLINE_MS = 120_000;
/** Sends of one request by a client that retries 503s, the first included. */
const ATTEMPTS_PER_REQUEST = 3;
/** More 503s than this share of all answers is not a blip but intake failing under load. */
const MAX_UNAVAILABLE_SHARE = 0.02;

const suite = resilienceSuite(`load without loss · ${APPLICATIONS.toLocaleString('en-US')} applications at ${CONCURRENCY}-way concurrency`);
const { counts, extra } = suite;

describe('load without loss', () => {
  it('stores and screens every application exactly once, and every replay gets its original reference', async () => {
    const submissions = distinctSubmissions(APPLICATIONS);
    const retried = submissions.filter((_, index) => index % RETRY_EVERY === 0);
    const retriedAtOnce = new Set(retried.filter((_, index) => index % 2 === 0));
    const retriedLater = retried.filter((submission) => !retriedAtOnce.has(submission));
    const answers = new Map<string, SubmissionResult[]>(submissions.map((submission) => [submission.idempotencyKey, []]));
    const record = (result: SubmissionResult) => answers.get(result.idempotencyKey)!.push(result);
    /** One request as the form sends it: a 503 is retried with the same key after its Retry-After; every answer is kept. */
    const submitLikeTheForm = async (submission: Submission): Promise<SubmissionResult[]> => {
      const attempts: SubmissionResult[] = [];
      for (let attempt = 1; attempt <= ATTEMPTS_PER_REQUEST; attempt++) {
        const result = await submit(suite.env.applicationsUrl, submission);
        attempts.push(result);
        if (result.status !== 503) break;
        await sleep(Number(result.retryAfter ?? 5) * 1000);
      }
      return attempts;
    };
    const finalAnswers: SubmissionResult[] = [];

    const started = performance.now();
    await mapWithConcurrency(submissions, CONCURRENCY, async (submission: Submission) => {
      const copies = retriedAtOnce.has(submission) ? 2 : 1;
      const requests = await Promise.all(Array.from({ length: copies }, () => submitLikeTheForm(submission)));
      for (const attempts of requests) {
        attempts.forEach(record);
        finalAnswers.push(attempts.at(-1)!);
      }
    });
    await mapWithConcurrency(retriedLater, CONCURRENCY, async (submission) => {
      const attempts = await submitLikeTheForm(submission);
      attempts.forEach(record);
      finalAnswers.push(attempts.at(-1)!);
    });
    const intakeSeconds = (performance.now() - started) / 1000;

    const all = [...answers.values()].flat();
    const statuses = new Map<number, number>();
    for (const result of all) increment(statuses, result.status);
    counts.sent = all.length;
    counts.accepted = all.filter((result) => result.status === 200 || result.status === 201).length;
    counts.rejected = counts.sent - counts.accepted;
    const referencesPerKey = [...answers.values()].map((results) => new Set(results.map((result) => result.reference)));
    const keysWithSeveralReferences = referencesPerKey.filter((references) => references.size > 1).length;
    const acceptedReferences = new Set(all.flatMap((result) => (result.reference ? [result.reference] : [])));

    const screenedCount = async () => APPLICATIONS - (await suite.env.table.countInStatus('submitted'));
    const screenedWithinDeadline = await pollUntil(screenedCount, (screened) => screened >= APPLICATIONS, { timeoutMs: SCREENING_DEADLINE_MS });
    const screeningSeconds = (performance.now() - started) / 1000 - intakeSeconds;

    const snapshot = await suite.env.table.snapshot();
    const applications = [...snapshot.applications.values()];
    const storedReferences = new Set(snapshot.applications.keys());
    counts.stored = snapshot.applications.size + snapshot.spam.size;
    counts.screened = applications.filter((application) => application.status !== 'submitted').length;
    const doubleScreened = applications.filter((application) => screeningsOf(application) > 1).length;
    counts.lost =
      [...acceptedReferences].filter((reference) => !storedReferences.has(reference)).length +
      applications.filter((application) => application.status === 'submitted').length;
    counts.duplicated = Math.max(0, storedReferences.size - APPLICATIONS) + keysWithSeveralReferences + doubleScreened;
    const outcomes = new Map<string, number>();
    for (const application of applications) increment(outcomes, String(application.status));
    extra.push(
      ['replays sent (at once / after)', `${retriedAtOnce.size} / ${retriedLater.length}`],
      ['HTTP statuses', formatStatusTally(statuses)],
      ['statuses after screening', formatStatusTally(outcomes)],
      ['intake', `${intakeSeconds.toFixed(1)} s (${Math.round(all.length / intakeSeconds)} req/s)`],
      ['all screened after intake', `${screeningSeconds.toFixed(1)} s`],
      ['slowest answer', `${Math.round(Math.max(...all.map((result) => result.latencyMs)))} ms`],
    );

    const unavailable = all.filter((result) => result.status === 503);
    expect(
      [...statuses.keys()].filter((status) => status !== 200 && status !== 201 && status !== 503),
      'answers other than 200/201/503',
    ).toEqual([]);
    expect(
      unavailable.filter((result) => !result.retryAfter),
      '503s without Retry-After',
    ).toEqual([]);
    expect(unavailable.length, `503s (at most ${MAX_UNAVAILABLE_SHARE * 100} % of ${all.length} answers)`).toBeLessThanOrEqual(
      all.length * MAX_UNAVAILABLE_SHARE,
    );
    expect(
      finalAnswers.filter((result) => result.status !== 200 && result.status !== 201).map((result) => result.status),
      'requests not accepted after retrying',
    ).toEqual([]);
    expect(finalAnswers.length, 'one final answer per request sent').toBe(APPLICATIONS + retried.length);
    const keysWithSeveral201 = [...answers.values()].filter((results) => results.filter((result) => result.status === 201).length > 1).length;
    expect(keysWithSeveral201, 'keys answered 201 more than once; replays are 200').toBe(0);
    expect(keysWithSeveralReferences, 'keys answered with more than one reference').toBe(0);
    expect(acceptedReferences.size).toBe(APPLICATIONS);
    expect(snapshot.applications.size).toBe(APPLICATIONS);
    expect(snapshot.spam.size).toBe(0);
    expect([...storedReferences].sort()).toEqual([...acceptedReferences].sort());
    expect(integrityProblems(snapshot)).toEqual([]);
    expect(screenedWithinDeadline, `screened within ${SCREENING_DEADLINE_MS / 1000} s`).toBe(APPLICATIONS);
    expect(counts.screened).toBe(APPLICATIONS);
    expect(doubleScreened, 'applications screened more than once').toBe(0);
    expect(await suite.env.table.countInOutbox(), 'left in the outbox').toBe(0);
    expect(await suite.env.queues.depth('deadLetter'), 'messages in the DLQ').toBe(0);
  });
});
