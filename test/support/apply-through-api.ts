/** An application sent as an API client would (JSON, a fresh idempotency key): its reference and the phone it used. */
import { randomUUID } from 'node:crypto';
import { validApplication } from './application-fixtures.ts';

export async function applyThroughApi(origin: string, overrides: Record<string, unknown> = {}): Promise<{ reference: string; phone: string }> {
  const body = validApplication(overrides);
  const response = await fetch(`${origin}/api/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`applying failed: ${response.status} ${await response.text()}`);
  const { reference } = (await response.json()) as { reference: string };
  return { reference, phone: String(body.phone) };
}
