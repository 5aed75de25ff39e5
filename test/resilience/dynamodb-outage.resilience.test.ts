/**
 * Fault: DynamoDB fails in the middle of a stream of submissions, then comes back. Clients get 503 with Retry-After
 * (never another 5xx, never a hang), every 201 is stored exactly once and screened, and every 503 left nothing
 * half-written: retrying it with the same key and body is accepted and leaves exactly one application.
 *
 * Two ways of failing, one after the other on the same stack:
 * 1. DynamoDB Local is stopped and started again (it persists to a temporary folder here, so, like the real
 *    service, it forgets nothing).
 * 2. For a moment every answer to a transaction is lost after DynamoDB committed it (a proxy in front of it drops
 *    the connection instead of answering): the write happened, but intake cannot know, so it answers 503. No store
 *    can promise "nothing written" then; what must hold is that the retry with the same key gets that very
 *    application back (200, same reference), never a second one, and that it is screened even if nobody retries.
 *
 * The review queue's visibility timeout is shortened to 5 s: messages whose screening failed during the fault come
 * back in seconds instead of 3 minutes, and still far fewer than 5 times (the DLQ threshold) in a few seconds' fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../functions/http/responses.ts';
import { freePort } from '../../functions/local/free-port.ts';
import { startAnswerLosingProxy, type AnswerLosingProxy } from './support/answer-losing-proxy.ts';
import { mapWithConcurrency, pollUntil, sleep } from './support/concurrency.ts';
import { formatStatusTally, increment, printCountsTable, type ExtraRow, type ResilienceCounts } from './support/counts-report.ts';
import { startResilienceStack, type ResilienceStack } from './support/resilience-stack.ts';
import { distinctSubmissions, submit, type Submission, type SubmissionResult } from './support/submissions.ts';
import { integrityProblems, screeningsOf, type TableSnapshot } from './support/table-inspector.ts';

/** Clients sending at once, each one request after another. */
const STREAMS = 8;
/** Accepted before the fault, and again after it, before the stream ends. */
const HEALTHY_ANSWERS = 40;
/**
 * Each stream is a series of different people; after a 503 the next one comes a moment later (a 503 is answered in
 * milliseconds, and thousands of them would prove nothing more than hundreds).
 */
const PAUSE_AFTER_503_MS = 200;
/** No answer may take longer: API Gateway gives up at 30 s, a person much earlier. */
const ANSWER_BOUND_MS = 10_000;
const RECOVERY_DEADLINE_MS = 60_000;

let env: ResilienceStack;
/** Between the handlers (and background tasks) and DynamoDB Local; the suite's own checks go to DynamoDB directly. */
let proxy: AnswerLosingProxy;
const reports: { title: string; counts: ResilienceCounts; extra: ExtraRow[] }[] = [];

beforeAll(async () => {
  const dynamoDbPort = await freePort();
  proxy = await startAnswerLosingProxy(`http://127.0.0.1:${dynamoDbPort}`);
  env = await startResilienceStack({
    persistent: true,
    dynamoDbPort,
    visibilityTimeoutSeconds: 5,
    handlerDynamoDbEndpoint: proxy.endpoint,
  });
});

afterAll(async () => {
  for (const report of reports) printCountsTable(report.title, report.counts, report.extra);
  await env?.stop();
  await proxy?.close();
});

type Phase = 'before' | 'fault' | 'after';

interface Sent {
  submission: Submission;
  result: SubmissionResult;
  /** When the request was sent. */
  phase: Phase;
}

interface FaultRun {
  sent: Sent[];
  retries: Sent[];
  /** The table before the stream, once the 503s were in (before their retries), and at the end. */
  baseline: TableSnapshot;
  beforeRetries: TableSnapshot;
  after: TableSnapshot;
  /** Idempotency keys that ended up accepted: 201s of the stream, and retries answered 200/201. */
  acceptedKeys: Set<string>;
  /** What each 503 had left in the table: nothing, a complete application (its answer was lost), or half of one. */
  leftBehind: Map<string, number>;
  recoveredAnswers: number;
  screened: number;
  faultSeconds: number;
  screeningSeconds: number;
}

/** Stream submissions, inject the fault once the stream is healthy, wait for recovery, retry every 503, wait for screening. */
async function runThroughFault(fault: () => Promise<void>, phoneSeries: number): Promise<FaultRun> {
  const baseline = await env.table.snapshot();
  let phase: Phase = 'before';
  const sent: Sent[] = [];
  let nextPhone = 0;
  let streaming = true;
  const acceptedIn = (during: Phase) => sent.filter((entry) => entry.phase === during && entry.result.status === 201).length;
  const stream = async () => {
    while (streaming) {
      const [submission] = distinctSubmissions(1, { series: phoneSeries, firstIndex: nextPhone++ });
      const during = phase;
      const result = await submit(env.applicationsUrl, submission!, ANSWER_BOUND_MS * 2);
      sent.push({ submission: submission!, result, phase: during });
      if (result.status === 503) await sleep(PAUSE_AFTER_503_MS);
    }
  };
  const streams = Array.from({ length: STREAMS }, stream);

  await pollUntil(
    async () => acceptedIn('before'),
    (accepted) => accepted >= HEALTHY_ANSWERS,
    { timeoutMs: 30_000, intervalMs: 50 },
  );
  phase = 'fault';
  const faultStarted = performance.now();
  await fault();
  const faultSeconds = (performance.now() - faultStarted) / 1000;
  phase = 'after';
  const recoveredAnswers = await pollUntil(
    async () => acceptedIn('after'),
    (accepted) => accepted >= HEALTHY_ANSWERS,
    { timeoutMs: 30_000, intervalMs: 50 },
  );
  streaming = false;
  await Promise.all(streams);

  // What the 503s left behind, before anyone retries them.
  const unavailable = sent.filter((entry) => entry.result.status === 503);
  const beforeRetries = await env.table.snapshot();
  const leftBehind = new Map<string, number>();
  for (const { submission } of unavailable) {
    const record = beforeRetries.idempotency.get(submission.idempotencyKey);
    const reference = record && String(record.reference);
    const complete = reference !== undefined && beforeRetries.applications.has(reference) && beforeRetries.personalData.has(reference);
    increment(leftBehind, record === undefined ? 'nothing' : complete ? 'the application (answer lost)' : 'half-written');
  }

  // Retry every 503 the way a client would: same key, same body.
  const retries = await mapWithConcurrency(
    unavailable,
    STREAMS,
    async ({ submission }): Promise<Sent> => ({
      submission,
      result: await submit(env.applicationsUrl, submission),
      phase: 'after',
    }),
  );
  const acceptedKeys = new Set(
    [...sent, ...retries].filter(({ result }) => result.status === 200 || result.status === 201).map(({ submission }) => submission.idempotencyKey),
  );

  const screeningStarted = performance.now();
  const screenedCount = async () => (await env.table.snapshot()).applications.size - (await env.table.countInStatus('submitted'));
  const expectedApplications = baseline.applications.size + acceptedKeys.size;
  const screened = await pollUntil(screenedCount, (count) => count >= expectedApplications, { timeoutMs: RECOVERY_DEADLINE_MS });
  const screeningSeconds = (performance.now() - screeningStarted) / 1000;
  const after = await env.table.snapshot();
  return { sent, retries, baseline, beforeRetries, after, acceptedKeys, leftBehind, recoveredAnswers, screened, faultSeconds, screeningSeconds };
}

/** The seven counts and the details, printed when the file ends. */
async function report(title: string, run: FaultRun): Promise<void> {
  const everything = [...run.sent, ...run.retries];
  const applications = [...run.after.applications.values()];
  const newApplications = run.after.applications.size - run.baseline.applications.size;
  const storedKeys = [...run.acceptedKeys].filter((key) => run.after.applications.has(String(run.after.idempotency.get(key)?.reference)));
  const tally = (entries: Sent[]) => {
    const statuses = new Map<number, number>();
    for (const { result } of entries) increment(statuses, result.status);
    return formatStatusTally(statuses);
  };
  reports.push({
    title,
    counts: {
      sent: everything.length,
      accepted: everything.filter(({ result }) => result.status === 200 || result.status === 201).length,
      rejected: everything.filter(({ result }) => result.status !== 200 && result.status !== 201).length,
      stored: newApplications,
      screened: run.screened - run.baseline.applications.size,
      lost: run.acceptedKeys.size - storedKeys.length + applications.filter((application) => application.status === 'submitted').length,
      duplicated: Math.max(0, newApplications - run.acceptedKeys.size) + applications.filter((application) => screeningsOf(application) > 1).length,
    },
    extra: [
      ['answers sent before the fault', tally(run.sent.filter((entry) => entry.phase === 'before'))],
      ['answers sent during the fault', tally(run.sent.filter((entry) => entry.phase === 'fault'))],
      ['answers sent after the fault', tally(run.sent.filter((entry) => entry.phase === 'after'))],
      // A 200 to a first attempt: the SDK retried a write whose answer was lost, and intake recognised its own key.
      ['503s left behind', formatStatusTally(run.leftBehind)],
      ['retries of the 503s', tally(run.retries)],
      ['fault (until answering again)', `${run.faultSeconds.toFixed(1)} s`],
      ['screened after the retries', `${run.screeningSeconds.toFixed(1)} s`],
      ['slowest answer', `${Math.round(Math.max(...everything.map(({ result }) => result.latencyMs)))} ms`],
      ['messages in the DLQ', await env.queues.depth('deadLetter')],
    ],
  });
}

/** What both faults must leave: documented 503s only, bounded answers, every request stored once or retryable, all screened. */
async function expectNoLossNoDuplicates(run: FaultRun): Promise<void> {
  const everything = [...run.sent, ...run.retries];
  const unavailable = run.sent.filter((entry) => entry.result.status === 503);

  expect(run.recoveredAnswers, 'accepted again after the fault').toBeGreaterThanOrEqual(HEALTHY_ANSWERS);
  expect(unavailable.length, 'the fault was felt: some requests got 503').toBeGreaterThan(0);
  expect(
    everything.filter(({ result }) => result.status === 0).map(({ result }) => result.error),
    'requests without an answer',
  ).toEqual([]);
  expect(
    everything.filter(({ result }) => ![200, 201, 503].includes(result.status)).map(({ result }) => `${result.status} ${result.text.slice(0, 200)}`),
    'answers other than 200, 201 and 503',
  ).toEqual([]);
  expect(Math.max(...everything.map(({ result }) => result.latencyMs)), 'slowest answer (ms)').toBeLessThan(ANSWER_BOUND_MS);
  expect(
    unavailable.filter(({ result }) => !isDocumented503(result)).map(({ result }) => `${result.retryAfter} ${result.text}`),
    '503s without Retry-After or the error shape',
  ).toEqual([]);
  expect(run.leftBehind.get('half-written') ?? 0, 'half-written requests').toBe(0);
  expect(integrityProblems(run.beforeRetries), 'torn writes or orphan idempotency records before the retries').toEqual([]);

  expect(
    run.retries.filter(({ result }) => result.status !== 200 && result.status !== 201).map(({ result }) => `${result.status} ${result.text.slice(0, 200)}`),
    'retries not accepted',
  ).toEqual([]);
  for (const { submission, result } of run.retries) {
    const earlier = run.beforeRetries.idempotency.get(submission.idempotencyKey);
    // Stored although answered 503: the retry is a replay of that application. Nothing stored: a first acceptance.
    expect({ status: result.status, reference: result.reference }, submission.idempotencyKey).toEqual(
      earlier ? { status: 200, reference: earlier.reference } : { status: 201, reference: expect.any(String) },
    );
  }

  expect(run.after.applications.size - run.baseline.applications.size, 'new applications == accepted keys').toBe(run.acceptedKeys.size);
  expect(
    [...run.acceptedKeys].filter((key) => !run.after.idempotency.has(key)),
    'accepted but not stored',
  ).toEqual([]);
  expect(integrityProblems(run.after)).toEqual([]);
  expect(run.screened, `screened within ${RECOVERY_DEADLINE_MS / 1000} s`).toBe(run.after.applications.size);
  expect([...run.after.applications.values()].filter((application) => screeningsOf(application) !== 1).length, 'screened other than once').toBe(0);
  expect(await env.table.countInOutbox(), 'left in the outbox').toBe(0);
  expect(await env.queues.depth('deadLetter'), 'messages in the DLQ').toBe(0);
}

describe('DynamoDB failing mid-run', () => {
  it('stopped and restarted: 503 + Retry-After while down, then recovery; every request stored once or retryable', async () => {
    const run = await runThroughFault(async () => {
      await env.stack.dynamoDb.stop();
      await sleep(2_000);
      await env.stack.dynamoDb.start();
    }, 6);
    await report('DynamoDB outage · stopped and restarted under a stream of submissions', run);

    await expectNoLossNoDuplicates(run);
  });

  it('answers lost after the commit: 503, then the retry gets the stored application back (200, same reference), never a second', async () => {
    const lostBefore = proxy.lostAnswers;
    const run = await runThroughFault(async () => {
      proxy.loseAnswersTo('TransactWriteItems');
      await sleep(1_500);
      proxy.loseAnswersTo(undefined);
    }, 8);
    await report('DynamoDB answers lost · transactions commit, their answers never arrive', run);

    expect(proxy.lostAnswers - lostBefore, 'transaction answers lost').toBeGreaterThan(0);
    expect(run.leftBehind.get('the application (answer lost)') ?? 0, '503s that had in fact stored their application').toBeGreaterThan(0);
    await expectNoLossNoDuplicates(run);
  });
});

/** `503`, `Retry-After: 5`, and `{"error":{"code":"service_unavailable","message":<Chinese>,"fields":{}}}`. */
function isDocumented503(result: SubmissionResult): boolean {
  const body = result.json as { error?: { code?: unknown; message?: unknown } } | undefined;
  return (
    result.retryAfter === String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS) &&
    body?.error?.code === 'service_unavailable' &&
    typeof body.error.message === 'string' &&
    /\p{Script=Han}/u.test(body.error.message)
  );
}
