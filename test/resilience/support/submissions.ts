/** Valid submissions at volume: distinct phones, distinct keys, and a record of what each request got back. */
import { formTokenIssued, validApplication } from '../../support/application-fixtures.ts';
import { send } from '../../support/http-client.ts';

export interface Submission {
  idempotencyKey: string;
  body: Record<string, unknown>;
}

export interface SubmissionResult {
  idempotencyKey: string;
  /** HTTP status, or 0 when no answer came (connection error or timeout). */
  status: number;
  reference?: string;
  retryAfter?: string;
  /** The parsed body when it was JSON. */
  json?: unknown;
  text: string;
  latencyMs: number;
  /** Client-side failure (no HTTP answer). */
  error?: string;
}

/**
 * `count` applications a person could have sent, each with its own phone (so the per-phone daily limit and the
 * worker's duplicate rule never apply) and its own form token, issued a minute ago (older than the 10 s "quick fill" signal).
 * Phones are `1<series><8 digits>`: suites sharing one table use different series.
 */
export function distinctSubmissions(count: number, options: { series?: number; firstIndex?: number } = {}): Submission[] {
  const series = options.series ?? 3;
  const first = options.firstIndex ?? 0;
  // One form token each: a token is good for one application.
  return Array.from({ length: count }, (_, offset) => ({
    idempotencyKey: crypto.randomUUID(),
    body: validApplication({ phone: `1${series}${String(first + offset).padStart(9, '0')}`, formToken: formTokenIssued(60_000) }),
  }));
}

/** POST one submission as JSON; never throws (a missing answer is status 0 with the reason). */
export async function submit(url: string, submission: Submission, timeoutMs = 20_000): Promise<SubmissionResult> {
  const started = performance.now();
  try {
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': submission.idempotencyKey },
      body: JSON.stringify(submission.body),
      timeoutMs,
    });
    const latencyMs = performance.now() - started;
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      json = undefined;
    }
    const reference = (json as { reference?: unknown } | undefined)?.reference;
    const retryAfter = response.headers['retry-after'];
    return {
      idempotencyKey: submission.idempotencyKey,
      status: response.status,
      ...(typeof reference === 'string' && { reference }),
      ...(typeof retryAfter === 'string' && { retryAfter }),
      json,
      text: response.text,
      latencyMs,
    };
  } catch (error) {
    return {
      idempotencyKey: submission.idempotencyKey,
      status: 0,
      text: '',
      latencyMs: performance.now() - started,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
