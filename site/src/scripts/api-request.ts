/**
 * How the apply and status pages talk to the API: JSON in, JSON out, and an answer that says plainly whether the
 * server answered at all. A request that never got an answer (offline, connection reset, timeout) may or may not
 * have reached the server, which is why the apply form retries with the same Idempotency-Key.
 */

/** A phone on a bad connection gives up after this long; the merchant can retry (safely). */
const REQUEST_TIMEOUT_MS = 20_000;

export type ApiResult =
  /** `formToken`: a fresh form token the API sent with `form_token_required` (header x-form-token). */
  | { kind: 'answered'; status: number; body: unknown; retryAfterSeconds?: number; formToken?: string }
  /** No answer: the request may or may not have reached the server. */
  | { kind: 'no_answer' };

export async function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<ApiResult> {
  let response: Response;
  let parsed: unknown;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body,
      credentials: 'same-origin',
      ...(typeof AbortSignal.timeout === 'function' && { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
    });
    parsed = await response.json().catch(() => undefined);
  } catch {
    return { kind: 'no_answer' };
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  const formToken = response.headers.get('x-form-token');
  return {
    kind: 'answered',
    status: response.status,
    body: parsed,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 && { retryAfterSeconds: retryAfter }),
    ...(formToken && { formToken }),
  };
}

/** The API's error shape: `{"error": {"code", "message", "fields"}}`. */
export interface ApiError {
  code?: string;
  message?: string;
  fields?: Record<string, string>;
}

export function apiErrorOf(body: unknown): ApiError {
  const error = (body as { error?: unknown } | undefined)?.error;
  return typeof error === 'object' && error !== null ? (error as ApiError) : {};
}

/** Retry-After in words: "请约 30 秒后再试" / "请约 5 分钟后再试" / "请约 3 小时后再试". */
export function retryAfterText(seconds: number | undefined): string {
  if (seconds === undefined) return '请稍后再试。';
  if (seconds < 60) return `请约 ${Math.ceil(seconds)} 秒后再试。`;
  if (seconds < 3_600) return `请约 ${Math.ceil(seconds / 60)} 分钟后再试。`;
  return `请约 ${Math.ceil(seconds / 3_600)} 小时后再试。`;
}
