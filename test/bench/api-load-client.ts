/**
 * The API benchmark's load generator, run as its own process so it never shares an event loop with the server under
 * test. autocannon POSTs unique valid applications to `<origin>/api/applications`: each request gets a new
 * Idempotency-Key, a phone number no other request in the run uses, and a start time well past the 3-second rule.
 *
 *   node test/bench/api-load-client.ts <origin> <connections> <seconds> <phoneSeries 0-9>
 *
 * Prints one JSON line (LoadResult). `phoneSeries` keeps phone numbers unique across the runs of one benchmark.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { validApplication } from '../support/application-fixtures.ts';

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  sent: number;
  ok2xx: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
}

export const APPLICATIONS_PATH = '/api/applications';

export async function runLoad(origin: string, connections: number, seconds: number, phoneSeries: number): Promise<LoadResult> {
  let sequence = 0;
  // 13<series><8 digits>: a valid mainland mobile number, different for every request of every run.
  const nextPhone = () => `13${phoneSeries}${String(sequence++).padStart(8, '0')}`;
  const result = await autocannon({
    url: origin,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: APPLICATIONS_PATH,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'idempotency-key': randomUUID() },
          body: JSON.stringify(validApplication({ phone: nextPhone() })),
        }),
      },
    ],
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]));
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    sent: result.requests.sent,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
  };
}

if (import.meta.main) {
  const [origin, connections, seconds, phoneSeries] = process.argv.slice(2);
  if (!origin || !connections || !seconds || !phoneSeries) {
    console.error('usage: node test/bench/api-load-client.ts <origin> <connections> <seconds> <phoneSeries 0-9>');
    process.exit(2);
  }
  const result = await runLoad(origin, Number(connections), Number(seconds), Number(phoneSeries));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
