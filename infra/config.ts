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
import { sdkCallLimits, worstCaseCallMs, type SdkService } from '../functions/adapters/sdk-call-limits.ts';

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

const accountSchema = z
  .string()
  .regex(/^\d{12}$/, 'account must be a 12-digit AWS account id')
  .optional();

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
    problems.push(
      ...placeholderSettings(settings).map(
        (key) => `prod.${key} in functions/deployment/stages.ts is still a placeholder: fill in the real value before deploying`,
      ),
    );
  }
  if (problems.length > 0) throw new InvalidDeploymentContextError(problems);
  return { ...settings, stage, ...(account.data !== undefined && { account: account.data }) };
}

/**
 * Time limits on the API path, innermost first. A slow DynamoDB, SQS or Secrets Manager must make the SDK give up
 * first, so that the handler answers 503 with Retry-After and our error shape; if Lambda's timeout struck first, API
 * Gateway would answer a bare 500 instead (and an accepted application could look failed). What each function's
 * SDK calls can take in the worst case is in latencyBudgets below, from the limits the clients are built with
 * (functions/adapters/sdk-call-limits.ts).
 */
export const apiTimeouts = {
  /** Lambda timeout of the API functions: above intake's worst case (26.2 s), below API Gateway's. */
  functionSeconds: 28,
  /** HTTP API integration timeout (API Gateway allows 30 s; CDK accepts at most 29 s). */
  integrationSeconds: 29,
  /** How long CloudFront waits for the API origin to answer (CloudFront's default, stated explicitly). */
  originReadSeconds: 30,
} as const;

/**
 * The longest chain of SDK calls one invocation of each function makes one after another (parallel calls count
 * once), each call at its worst (every attempt timing out, plus back-off). A Secrets Manager read comes first on a
 * cold start and every 5 minutes. `mustFit`: the function must give up on its calls before Lambda's timeout, or a
 * visitor sees a bare 500. The worker and sweeper need not: a timed-out batch comes back from SQS, a timed-out
 * sweep is redone at the next tick, and every step is idempotent.
 */
export const latencyBudgets = {
  'submit-application': {
    chain: ['secretsManager', 'dynamodb', 'dynamodb', 'sqs', 'dynamodb'],
    why: 'secret, idempotency read, intake transaction, SendMessage, mark enqueued',
    mustFit: true,
  },
  'status-lookup': {
    chain: ['secretsManager', 'dynamodb', 'dynamodb', 'dynamodb'],
    why: 'secret, miss-counter transaction, reads (in parallel), counter refund',
    mustFit: true,
  },
  console: {
    chain: ['secretsManager', 'dynamodb', 'dynamodb', 'dynamodb'],
    why: 'secret (origin check), read, conditional write, activity log; exports page through the table (one call per page)',
    mustFit: true,
  },
  'origin-authorizer': { chain: ['secretsManager'], why: 'secret', mustFit: true },
  'review-worker': {
    chain: ['dynamodb', 'dynamodb', 'dynamodb', 'dynamodb', 'sns', 'dynamodb'],
    why: 'per message: read, blocked list + same phone (parallel), status transaction, link, notice, mark notified',
    mustFit: false,
  },
  'outbox-sweeper': { chain: ['dynamodb', 'sqs', 'dynamodb'], why: 'per page: outbox query, then per application SendMessage + mark', mustFit: false },
  'call-reminders': {
    chain: ['dynamodb', 'dynamodb', 'secretsManager', 'sns'],
    why: 'per tick: to-call query and page read, robot settings, one notice',
    mustFit: false,
  },
  'personal-data-expiry': {
    chain: ['dynamodb', 'dynamodb', 'dynamodb'],
    why: "per record: the application's links, the others' links (parallel), its own",
    mustFit: false,
  },
} as const satisfies Record<string, { chain: readonly SdkService[]; why: string; mustFit: boolean }>;

export type BudgetedHandler = keyof typeof latencyBudgets;

/** Worst case, in ms, of one function's chain of SDK calls. */
export function latencyBudgetMs(handler: BudgetedHandler): number {
  return latencyBudgets[handler].chain.reduce((total, service) => total + worstCaseCallMs(sdkCallLimits[service]), 0);
}

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
