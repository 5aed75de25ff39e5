/**
 * Fault: the review queue is unavailable during a burst. The SQS emulator is stopped while 100 applications arrive;
 * every one must still be accepted (the outbox keeps it), a sweep while the queue is still down must lose nothing,
 * and once the queue is back the background sweeper and worker screen every one of them exactly once.
 */
import { describe, expect, it } from 'vitest';
import { OUTBOX_SWEEP_INTERVAL_MS } from '../../functions/local/background-tasks.ts';
import { mapWithConcurrency, pollUntil, sleep } from './support/concurrency.ts';
import { formatStatusTally, increment } from './support/counts-report.ts';
import { resilienceSuite } from './support/resilience-stack.ts';
import { distinctSubmissions, submit, type SubmissionResult } from './support/submissions.ts';
import { integrityProblems, screeningsOf } from './support/table-inspector.ts';

const WARM_UP = 20;
const BURST = 100;
const CONCURRENCY = 20;
const RECOVERY_DEADLINE_MS = 60_000;

const suite = resilienceSuite(`queue outage · ${BURST} applications while SQS is down`);
const { counts, extra } = suite;

describe('review queue unavailable during a burst', () => {
  it('accepts the whole burst, loses none of it while the queue is down, and screens all of it once the queue is back', async () => {
    const [warmUp, burst] = [distinctSubmissions(WARM_UP, { series: 4 }), distinctSubmissions(BURST, { series: 5 })];
    const results: SubmissionResult[] = [];
    const screenedCount = async () => (await suite.env.table.snapshot()).applications.size - (await suite.env.table.countInStatus('submitted'));

    // Arrange: the pipeline works end to end, and the queue is empty before it goes away.
    results.push(...(await mapWithConcurrency(warmUp, CONCURRENCY, (submission) => submit(suite.env.applicationsUrl, submission))));
    const warmedUp = await pollUntil(screenedCount, (screened) => screened >= WARM_UP, { timeoutMs: 30_000 });

    // Act: the queue goes away, the burst arrives, a sweep runs against the dead queue, then the queue returns.
    await suite.env.stack.sqs.stop();
    const outageStarted = performance.now();
    const burstResults = await mapWithConcurrency(burst, CONCURRENCY, (submission) => submit(suite.env.applicationsUrl, submission));
    results.push(...burstResults);
    const outboxDuringOutage = await suite.env.table.countInOutbox();
    await sleep(OUTBOX_SWEEP_INTERVAL_MS + 1_000);
    const outboxAfterSweepWhileDown = await suite.env.table.countInOutbox();
    const screenedDuringOutage = (await screenedCount()) - WARM_UP;
    await suite.env.stack.sqs.start();
    const outageSeconds = (performance.now() - outageStarted) / 1000;
    const recoveryStarted = performance.now();
    const screened = await pollUntil(screenedCount, (count) => count >= WARM_UP + BURST, { timeoutMs: RECOVERY_DEADLINE_MS });
    const recoverySeconds = (performance.now() - recoveryStarted) / 1000;

    const snapshot = await suite.env.table.snapshot();
    const applications = [...snapshot.applications.values()];
    const burstReferences = new Set(burstResults.flatMap((result) => (result.reference ? [result.reference] : [])));
    const statuses = new Map<number, number>();
    for (const result of burstResults) increment(statuses, result.status);
    counts.sent = results.length;
    counts.accepted = results.filter((result) => result.status === 201).length;
    counts.rejected = counts.sent - counts.accepted;
    counts.stored = snapshot.applications.size + snapshot.spam.size;
    counts.screened = applications.filter((application) => application.status !== 'submitted').length;
    counts.lost =
      [...burstReferences].filter((reference) => !snapshot.applications.has(reference)).length +
      applications.filter((application) => application.status === 'submitted').length;
    const doubleScreened = applications.filter((application) => screeningsOf(application) > 1).length;
    counts.duplicated = Math.max(0, snapshot.applications.size - (WARM_UP + BURST)) + doubleScreened;
    extra.push(
      ['warm-up screened before the outage', `${warmedUp} of ${WARM_UP}`],
      ['burst answers while SQS down', formatStatusTally(statuses)],
      ['in the outbox after the burst', outboxDuringOutage],
      ['…after a sweep while SQS down', outboxAfterSweepWhileDown],
      ['screened while SQS down', screenedDuringOutage],
      ['outage', `${outageSeconds.toFixed(1)} s`],
      ['all screened after SQS returned', `${recoverySeconds.toFixed(1)} s`],
      ['slowest burst answer', `${Math.round(Math.max(...burstResults.map((result) => result.latencyMs)))} ms`],
    );

    expect(warmedUp).toBe(WARM_UP);
    expect(statuses, 'burst answers while the queue is down').toEqual(new Map([[201, BURST]]));
    expect(burstReferences.size).toBe(BURST);
    expect(outboxDuringOutage, 'every burst application waits in the outbox').toBe(BURST);
    expect(outboxAfterSweepWhileDown, 'a sweep against the dead queue keeps them all').toBe(BURST);
    expect(screenedDuringOutage).toBe(0);
    expect(screened, `screened within ${RECOVERY_DEADLINE_MS / 1000} s of the queue returning`).toBe(WARM_UP + BURST);
    expect(snapshot.applications.size).toBe(WARM_UP + BURST);
    expect(integrityProblems(snapshot)).toEqual([]);
    expect(counts.lost).toBe(0);
    expect(doubleScreened, 'screened more than once').toBe(0);
    expect(await suite.env.table.countInOutbox(), 'left in the outbox').toBe(0);
    expect(await suite.env.queues.depth('deadLetter'), 'messages in the DLQ').toBe(0);
  });
});
