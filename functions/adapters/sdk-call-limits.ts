/**
 * How long each SDK client the functions use may spend on one call, in one place: the client factories build their
 * request handlers from these numbers, and infra/config.ts adds them up against the Lambda timeouts (the latency
 * budget per function is infra/config.ts latencyBudgets, printed next to each Lambda timeout by
 * test/infra/stacks/latency-budgets.test.ts).
 *
 * `throwOnRequestTimeout` is what makes `requestTimeout` fire: without it, this version of @smithy/node-http-handler
 * only logs "a request has exceeded the configured … requestTimeout" and lets the request hang until the Lambda
 * timeout. With it the attempt fails with a TimeoutError, which the SDK retries (up to maxAttempts) and the adapters
 * then turn into DependencyUnavailableError (503 with Retry-After on the API, a retry later for the worker).
 */
export interface SdkCallLimits {
  /** Attempts per call, the first included. */
  readonly maxAttempts: number;
  /** Time to establish the TCP/TLS connection, in ms. */
  readonly connectionTimeoutMs: number;
  /** Time for one whole attempt from its start (connection included), in ms. */
  readonly requestTimeoutMs: number;
}

export const sdkCallLimits = {
  dynamodb: { maxAttempts: 3, connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000 },
  sqs: { maxAttempts: 2, connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000 },
  sns: { maxAttempts: 3, connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000 },
  /** Read on a cold start and every 5 minutes (cached); Secrets Manager answers in well under 100 ms. */
  secretsManager: { maxAttempts: 2, connectionTimeoutMs: 1_000, requestTimeoutMs: 1_000 },
  /** The ops CLI's reads of CloudFormation and CloudFront, and local provisioning: a person waits, not a visitor. */
  tooling: { maxAttempts: 3, connectionTimeoutMs: 3_000, requestTimeoutMs: 10_000 },
  /** `npm run publish`: one site file per request, up to a few MB (the Pagefind index). */
  siteUpload: { maxAttempts: 3, connectionTimeoutMs: 2_000, requestTimeoutMs: 30_000 },
} as const satisfies Record<string, SdkCallLimits>;

export type SdkService = keyof typeof sdkCallLimits;

/** The request handler options of a client with these limits; the timeout throws instead of only logging. */
export function requestHandlerOptions(limits: Pick<SdkCallLimits, 'connectionTimeoutMs' | 'requestTimeoutMs'>) {
  return { connectionTimeout: limits.connectionTimeoutMs, requestTimeout: limits.requestTimeoutMs, throwOnRequestTimeout: true } as const;
}

/**
 * The SDK's standard retry strategy waits at most 100 ms × 2^attempt (full jitter) before each retry: ≤ 0.2 s, then
 * ≤ 0.4 s.
 */
function maxBackoffMs(attempts: number): number {
  let total = 0;
  for (let retry = 1; retry < attempts; retry++) total += 100 * 2 ** retry;
  return total;
}

/** The longest one call can take before the SDK gives up: every attempt timing out, plus the back-off between them. */
export function worstCaseCallMs(limits: SdkCallLimits): number {
  return limits.maxAttempts * limits.requestTimeoutMs + maxBackoffMs(limits.maxAttempts);
}
