import * as z from 'zod';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { loadConfig } from '../functions/config.ts';
import {
  commandLineSettingKeys,
  contradictingSettings,
  isStageName,
  placeholderSettings,
  stageNames,
  stages,
  type StageName,
  type StageSettings,
} from '../functions/deployment/stages.ts';
import { functionEnvironments, type FunctionName } from '../functions/function-environments.ts';

/**
 * What one synth deploys: the stage named with `-c stage=…` (default dev), its settings from the stage file
 * (functions/deployment/stages.ts), and the target account when credentials give one.
 */
export interface DeploymentContext extends StageSettings {
  /** Which copy of the product: `dev` to try changes, `prod` for merchants (termination protection, longer logs). */
  readonly stage: StageName;
  /** Target account: `-c account=…` or the CLI's credentials. Absent offline: templates are account-agnostic. */
  readonly account?: string;
}
export type Stage = StageName;

/** Context values that cannot be deployed; `problems` has one line per problem, naming the setting. */
export class InvalidDeploymentContextError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid CDK context:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Context keys the app reads from `-c`: the stage, the account, and the stage-file settings a command line may repeat. */
export const contextKeys = ['stage', 'account', ...commandLineSettingKeys] as const;

const accountSchema = z.string().regex(/^\d{12}$/, 'account must be a 12-digit AWS account id').optional();

/**
 * The deployment context for raw `-c` values (strings, or values from cdk.json): the stage's settings from the stage
 * file; a `-c` value that contradicts the file is refused, never applied. With a known account (a real diff or
 * deploy) prod must hold no placeholder. Throws InvalidDeploymentContextError listing every problem.
 */
export function parseDeploymentContext(raw: Record<string, unknown>, stageFile: Record<StageName, StageSettings> = stages): DeploymentContext {
  const stage = raw.stage ?? 'dev';
  if (!isStageName(stage)) throw new InvalidDeploymentContextError([`-c stage: must be one of ${stageNames.join(', ')} (got ${String(stage)})`]);
  const settings = stageFile[stage];
  const problems = contradictingSettings(stage, settings, raw);
  const account = accountSchema.safeParse(raw.account);
  if (!account.success) problems.push(`-c account: ${account.error.issues[0]!.message}`);
  if (stage === 'prod' && account.success && account.data !== undefined) {
    problems.push(...placeholderSettings(settings).map((key) => `prod.${key} in functions/deployment/stages.ts is still a placeholder: fill in the real value before deploying`));
  }
  if (problems.length > 0) throw new InvalidDeploymentContextError(problems);
  return { ...settings, stage, ...(account.data !== undefined && { account: account.data }) };
}

/**
 * Time limits on the API path, innermost first. A slow DynamoDB or SQS must make the SDK give up first, so that the
 * handler answers 503 with Retry-After and our error shape; if Lambda's timeout struck first, API Gateway would answer
 * a bare 500 instead (and an accepted application could look failed).
 *
 * SDK budget per call = maxAttempts × requestTimeout of the clients in functions/adapters/: DynamoDB 3 × 2 s = 6 s
 * (dynamodb-document-client.ts), SQS 2 × 2 s = 4 s (sqs-review-queue.ts). The longest sequential chain is intake:
 * idempotency read 6 + intake transaction 6 + SendMessage 4 + mark enqueued 6 = 22 s (status lookup: counter
 * transaction 6 + reads in parallel 6 + counter correction 6 = 18 s; retries after a transaction conflict are quick
 * answers, not timeouts). The function gets 3 s more for retry back-off (≤ 0.6 s per call) and its own work; API
 * Gateway's integration limit and CloudFront's origin read timeout sit above it. (A chain in which every attempt also
 * spent its 1 s connect timeout could reach ~33 s, more than API Gateway ever waits: only a deadline inside the
 * handler can bound that case.)
 * The numbers are retyped from the adapters, which keep them inline; keep them in step until the adapters export them.
 */
export const apiTimeouts = {
  /** Worst case the API handlers' SDK calls can take before giving up (see above). */
  sdkBudgetSeconds: 3 * 2 + 3 * 2 + 2 * 2 + 3 * 2,
  /** Lambda timeout of the API functions. */
  functionSeconds: 25,
  /** HTTP API integration timeout (API Gateway allows 30 s; CDK accepts at most 29 s). */
  integrationSeconds: 29,
  /** How long CloudFront waits for the API origin to answer (CloudFront's default, stated explicitly). */
  originReadSeconds: 30,
} as const;

/**
 * How each stage runs, decided in code rather than by operators (their choices are in functions/deployment/stages.ts).
 * Everything else is the same in dev and prod, on purpose.
 */
export const stageProfiles = {
  dev: {
    /**
     * HTTP API stage throttling, all routes and all visitors together. It is a cost ceiling against distributed
     * floods, not the per-visitor limit: the handlers allow one IP 10 requests a minute (handlerLimits), so even dev's
     * 20 requests/s admits 120 visitors all at their own limit. Real traffic is a few requests a minute. A request
     * throttled here gets API Gateway's own 429 `{"message":"Too Many Requests"}` without Retry-After, never our
     * error shape, which is why this stays far above anything a real visitor can cause.
     */
    apiThrottle: { rateLimit: 20, burstLimit: 40 },
    logRetention: RetentionDays.TWO_WEEKS,
    powertoolsLogLevel: 'DEBUG',
    terminationProtection: false,
  },
  prod: {
    /** 100 requests/s admits 600 visitors all at their per-IP limit; it caps a flood at ~8.6 M Lambda invocations a day. */
    apiThrottle: { rateLimit: 100, burstLimit: 200 },
    logRetention: RetentionDays.THREE_MONTHS,
    powertoolsLogLevel: 'INFO',
    terminationProtection: true,
  },
} as const satisfies Record<Stage, unknown>;

export type StageProfile = (typeof stageProfiles)[Stage];

/**
 * Limits and retention the handlers enforce, at production values: the defaults of the handlers' own configuration
 * schema (functions/config.ts), so the numbers live in one place. The stacks still set them explicitly on each
 * function, so the deployed values are visible in the template and the console.
 */
export const handlerLimits = loadConfig(
  [
    'RATE_LIMIT_PER_IP_PER_MINUTE',
    'RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY',
    'STATUS_MISSES_PER_IP_PER_HOUR',
    'STATUS_MISSES_PER_REFERENCE_PER_ADDRESS_PER_DAY',
    'STATUS_MISSES_PER_REFERENCE_PER_DAY',
    'RETENTION_DAYS',
    'OUTBOX_MIN_AGE_SECONDS',
    'FAILED_CALL_DAYS_BEFORE_CLOSING',
  ],
  {},
);

/**
 * The limits function `name` reads (its declaration in functions/function-environments.ts), as environment variables
 * (strings), e.g. `{ RATE_LIMIT_PER_IP_PER_MINUTE: '10' }`.
 */
export function limitsEnvironment(name: FunctionName): Record<string, string> {
  const isLimit = (key: string): key is keyof typeof handlerLimits => key in handlerLimits;
  return Object.fromEntries(functionEnvironments[name].filter(isLimit).map((key) => [key, String(handlerLimits[key])]));
}

/** Powertools service name on every log line. */
export const serviceName = 'pos-portal';
