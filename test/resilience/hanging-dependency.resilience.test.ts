/**
 * Fault: a dependency that accepts the connection and never answers — DynamoDB, then SQS, then Secrets Manager, each
 * on its own stack. Only the SDK's request timeouts can end such a wait (throwOnRequestTimeout: with requestTimeout
 * alone the calls hang until Lambda's timeout). Intake must answer within its budget (below the Lambda timeout, so a
 * visitor never gets a bare 500), with 503 + Retry-After when nothing was accepted; nothing is half-written, the
 * worker catches up once the dependency answers again, and nothing is lost or duplicated.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { latencyBudgetMs } from '../../infra/config.ts';
import { LOCAL_ORIGIN_VERIFY_SECRET, LOCAL_PHONE_HASH_SECRET } from '../../functions/local/local-environment.ts';
import { freePort } from '../../functions/local/free-port.ts';
import { startFakeSecretsManager, type FakeSecretsManager } from '../support/fake-secrets-manager.ts';
import { mapWithConcurrency, pollUntil } from './support/concurrency.ts';
import { formatStatusTally, increment, printCountsTable, type ResilienceCounts } from './support/counts-report.ts';
import { startHangingProxy, type HangingProxy } from './support/hanging-proxy.ts';
import { startResilienceStack, type ResilienceStack } from './support/resilience-stack.ts';
import { distinctSubmissions, submit, type SubmissionResult } from './support/submissions.ts';
import { screeningsOf } from './support/table-inspector.ts';

/** Sent while the dependency hangs, a few at a time (each waits for its timeouts). */
const DURING_HANG = 6;
const SUBMIT_BUDGET_MS = latencyBudgetMs('submit-application');

let env: ResilienceStack | undefined;
let proxy: HangingProxy | undefined;
let secrets: FakeSecretsManager | undefined;
afterEach(async () => {
  await env?.stop();
  await proxy?.close();
  await secrets?.close();
  env = proxy = secrets = undefined;
});

interface HangRun {
  duringHang: SubmissionResult[];
  retries: SubmissionResult[];
  counts: ResilienceCounts;
}

/** Submit while `hang` holds, end it, retry every request with its key, then wait until all accepted are screened. */
async function runWhileHanging(stack: ResilienceStack, hanging: { hang(on: boolean): void }, series: number): Promise<HangRun> {
  const submissions = distinctSubmissions(DURING_HANG, { series });
  hanging.hang(true);
  const duringHang = await mapWithConcurrency(submissions, 3, (submission) => submit(stack.applicationsUrl, submission, 60_000));
  hanging.hang(false);
  // A client retries whatever did not get a 2xx, with the same key and body.
  const retries = await mapWithConcurrency(submissions, 3, async (submission) => submit(stack.applicationsUrl, submission));
  const references = new Set(retries.map((result) => result.reference).filter(Boolean));
  const snapshot = await pollUntil(
    () => stack.table.snapshot(),
    (table) => [...references].every((reference) => screeningsOf(table.applications.get(reference!) ?? {}) > 0),
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  const phones = new Set(submissions.map((submission) => String(submission.body.phone)));
  const stored = [...snapshot.personalData.values()].filter((item) => phones.has(String(item.phone)));
  const accepted = [...duringHang, ...retries].filter((result) => result.status >= 200 && result.status < 300).length;
  const counts: ResilienceCounts = {
    sent: duringHang.length + retries.length,
    accepted,
    rejected: duringHang.length + retries.length - accepted,
    stored: stored.length,
    screened: [...references].filter((reference) => screeningsOf(snapshot.applications.get(reference!) ?? {}) > 0).length,
    lost: submissions.length - references.size,
    duplicated: stored.length - references.size + [...references].filter((reference) => screeningsOf(snapshot.applications.get(reference!) ?? {}) > 1).length,
  };
  return { duringHang, retries, counts };
}

function report(title: string, run: HangRun): void {
  const tally = new Map<number, number>();
  for (const result of run.duringHang) increment(tally, result.status);
  const slowest = Math.max(...run.duringHang.map((result) => result.latencyMs));
  printCountsTable(title, run.counts, [
    ['answers while hanging', formatStatusTally(tally)],
    ['slowest answer while hanging', `${(slowest / 1000).toFixed(1)} s (budget ${(SUBMIT_BUDGET_MS / 1000).toFixed(1)} s)`],
  ]);
}

function expectEveryAcceptedOnceAndScreened(run: HangRun): void {
  expect(run.retries.map((result) => result.status).every((status) => status === 200 || status === 201)).toBe(true);
  expect(run.counts.lost).toBe(0);
  expect(run.counts.duplicated).toBe(0);
  expect(run.counts.stored).toBe(DURING_HANG);
  expect(run.counts.screened).toBe(DURING_HANG);
}

describe('a dependency that accepts connections and never answers', () => {
  it('DynamoDB: intake answers 503 with Retry-After within its budget, writes nothing, and every retry is accepted once', async () => {
    const dynamoDbPort = await freePort();
    proxy = await startHangingProxy(`http://127.0.0.1:${dynamoDbPort}`);
    env = await startResilienceStack({ dynamoDbPort, handlerDynamoDbEndpoint: proxy.endpoint, visibilityTimeoutSeconds: 5 });

    const run = await runWhileHanging(env, proxy, 6);
    report('hanging DynamoDB', run);

    for (const result of run.duringHang) {
      expect(result.status).toBe(503);
      expect(result.retryAfter).toBeDefined();
      expect(result.latencyMs).toBeLessThan(SUBMIT_BUDGET_MS);
    }
    expect(run.retries.every((result) => result.status === 201)).toBe(true);
    expectEveryAcceptedOnceAndScreened(run);
  });

  it('SQS: intake still accepts (the outbox delivers), within its budget; the worker screens every one once SQS answers', async () => {
    const sqsPort = await freePort();
    proxy = await startHangingProxy(`http://127.0.0.1:${sqsPort}`);
    env = await startResilienceStack({ sqsPort, handlerSqsEndpoint: proxy.endpoint, visibilityTimeoutSeconds: 5 });

    const run = await runWhileHanging(env, proxy, 8);
    report('hanging SQS', run);

    for (const result of run.duringHang) {
      expect(result.status).toBe(201);
      expect(result.latencyMs).toBeLessThan(SUBMIT_BUDGET_MS);
    }
    // The retries are replays of what was accepted during the hang.
    expect(run.retries.every((result) => result.status === 200)).toBe(true);
    expectEveryAcceptedOnceAndScreened(run);
  });

  it('Secrets Manager: intake answers 503 with Retry-After within its budget, writes nothing, and every retry is accepted once', async () => {
    secrets = await startFakeSecretsManager({
      secretArn: 'arn:aws:secretsmanager:ap-east-1:000000000000:secret:resilience-app-secret',
      document: { phoneHashKey: LOCAL_PHONE_HASH_SECRET, originVerify: LOCAL_ORIGIN_VERIFY_SECRET },
    });
    env = await startResilienceStack({
      env: { APP_SECRET_ARN: secrets.secretArn },
      handlerSecretsManagerEndpoint: secrets.endpoint,
      visibilityTimeoutSeconds: 5,
    });

    const run = await runWhileHanging(env, secrets, 9);
    report('hanging Secrets Manager', run);

    for (const result of run.duringHang) {
      expect(result.status).toBe(503);
      expect(result.retryAfter).toBeDefined();
      expect(result.latencyMs).toBeLessThan(SUBMIT_BUDGET_MS);
    }
    expect((await env.table.snapshot()).applications.size).toBe(DURING_HANG);
    expectEveryAcceptedOnceAndScreened(run);
  });
});
