/**
 * Handlers are built from explicit configuration and clients (functions/local/local-handlers.ts), so two intake
 * stacks with different settings run side by side in one process, and neither touches the process environment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdempotencyKey, validApplication } from '../../support/application-fixtures.ts';
import { postJson } from '../../support/http-client.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';

let strict: IntakeServer;
let lenient: IntakeServer;
let environmentBefore: Record<string, string | undefined>;

beforeAll(async () => {
  environmentBefore = { ...process.env };
  [strict, lenient] = await Promise.all([
    startIntakeServer({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: '1' } }),
    startIntakeServer({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: '1000' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([strict?.close(), lenient?.close()]);
});

const submitTwice = async (intake: IntakeServer) => {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    statuses.push((await postJson(`${intake.url}/api/applications`, validApplication(), { 'idempotency-key': newIdempotencyKey() })).status);
  }
  return statuses;
};

describe('two local stacks in one process', () => {
  it('each runs with its own configuration and writes to its own table', async () => {
    const [strictStatuses, lenientStatuses] = await Promise.all([submitTwice(strict), submitTwice(lenient)]);

    expect(strictStatuses).toEqual([201, 429]);
    expect(lenientStatuses).toEqual([201, 201]);
    const applications = async (intake: IntakeServer) => (await intake.items()).filter((item) => item.kind === 'application').length;
    expect([await applications(strict), await applications(lenient)]).toEqual([1, 2]);
  });

  it('leaves the process environment as it was', () => {
    expect(process.env).toEqual(environmentBefore);
  });
});
