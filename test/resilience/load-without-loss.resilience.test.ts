/**
 * Load without loss: 1,000 applications at 50-way concurrency through the real HTTP layer, 10 % of them sent again
 * with the same Idempotency-Key — half at the same moment as the original, half after every original was answered —
 * then the background review worker screens them. Exactly 1,000 stored, 1,000 screened once each, every replay
 * answered with its original's reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapWithConcurrency, pollUntil } from './support/concurrency.ts';
import { emptyCounts, formatStatusTally, increment, printCountsTable, type ExtraRow } from './support/counts-report.ts';
import { startResilienceStack, type ResilienceStack } from './support/resilience-stack.ts';
import { distinctSubmissions, submit, type Submission, type SubmissionResult } from './support/submissions.ts';
import { integrityProblems, screeningsOf } from './support/table-inspector.ts';

const APPLICATIONS = 1_000;
const CONCURRENCY = 50;
/** Every 10th application is sent twice; of those, alternately at once with the original or after all originals. */
const RETRY_EVERY = 10;
const SCREENING_DEADLINE_MS = 120_000;

let env: ResilienceStack;
const counts = emptyCounts();
const extra: ExtraRow[] = [];

beforeAll(async () => {
  env = await startResilienceStack();
});

afterAll(async () => {
  printCountsTable(`load without loss · ${APPLICATIONS.toLocaleString('en-US')} applications at ${CONCURRENCY}-way concurrency`, counts, extra);
  await env?.stop();
});

describe('load without loss', () => {
  it('stores and screens every application exactly once, and every replay gets its original reference', async () => {
    const submissions = distinctSubmissions(APPLICATIONS);
    const retried = submissions.filter((_, index) => index % RETRY_EVERY === 0);
    const retriedAtOnce = new Set(retried.filter((_, index) => index % 2 === 0));
    const retriedLater = retried.filter((submission) => !retriedAtOnce.has(submission));
    const answers = new Map<string, SubmissionResult[]>(submissions.map((submission) => [submission.idempotencyKey, []]));
    const record = (result: SubmissionResult) => answers.get(result.idempotencyKey)!.push(result);

    const started = performance.now();
    await mapWithConcurrency(submissions, CONCURRENCY, async (submission: Submission) => {
      const copies = retriedAtOnce.has(submission) ? 2 : 1;
      const results = await Promise.all(Array.from({ length: copies }, () => submit(env.applicationsUrl, submission)));
      results.forEach(record);
    });
    await mapWithConcurrency(retriedLater, CONCURRENCY, async (submission) => record(await submit(env.applicationsUrl, submission)));
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

    const screenedCount = async () => APPLICATIONS - (await env.table.countInStatus('submitted'));
    const screenedWithinDeadline = await pollUntil(screenedCount, (screened) => screened >= APPLICATIONS, { timeoutMs: SCREENING_DEADLINE_MS });
    const screeningSeconds = (performance.now() - started) / 1000 - intakeSeconds;

    const snapshot = await env.table.snapshot();
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

    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 201), 'answers other than 200/201').toEqual([]);
    expect(statuses.get(201), 'one 201 per application; replays are 200').toBe(APPLICATIONS);
    expect(keysWithSeveralReferences, 'keys answered with more than one reference').toBe(0);
    expect(acceptedReferences.size).toBe(APPLICATIONS);
    expect(snapshot.applications.size).toBe(APPLICATIONS);
    expect(snapshot.spam.size).toBe(0);
    expect([...storedReferences].sort()).toEqual([...acceptedReferences].sort());
    expect(integrityProblems(snapshot)).toEqual([]);
    expect(screenedWithinDeadline, `screened within ${SCREENING_DEADLINE_MS / 1000} s`).toBe(APPLICATIONS);
    expect(counts.screened).toBe(APPLICATIONS);
    expect(doubleScreened, 'applications screened more than once').toBe(0);
    expect(await env.table.countInOutbox(), 'left in the outbox').toBe(0);
    expect(await env.queues.depth('deadLetter'), 'messages in the DLQ').toBe(0);
  });
});
