import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { loadConfig } from '../functions/config.ts';

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

/** `-c waf=true` arrives as the string "true"; a context file may hold a real boolean. */
const contextFlag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

/**
 * Everything an operator can choose with `-c key=value` (or cdk.json "context"), parsed once when the app starts.
 * A wrong value stops synth with a message naming the key instead of deploying something half-configured.
 */
export const deploymentContextSchema = z
  .object({
    /** Which copy of the product: `dev` to try changes, `prod` for merchants (termination protection, longer logs). */
    stage: z.enum(['dev', 'prod']).default('dev'),
    /**
     * Region for data and compute. Hong Kong by default because the privacy page promises storage outside mainland
     * China; deliberately NOT taken from the CLI profile (CDK_DEFAULT_REGION), so a developer's default region cannot
     * silently move personal data elsewhere.
     */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region must look like ap-east-1').default('ap-east-1'),
    /** Target account; `-c account=…` or the CLI's credentials. Absent offline: templates are account-agnostic. */
    account: z.string().regex(/^\d{12}$/, 'account must be a 12-digit AWS account id').optional(),
    /**
     * Ops mailbox subscribed to alarms and new-application notices (needs a one-time confirmation click). Required for
     * prod: an alarm nobody receives is no alarm.
     */
    opsEmail: z.email('opsEmail must be an e-mail address').optional(),
    /** Put an AWS WAF rate-based rule in front of CloudFront (≈ US$6/month + US$0.60 per million requests). */
    waf: contextFlag.default(false),
    /** API requests (`/api/*`) per 5 minutes from one IP before the WAF rule blocks it (AWS minimum is 10); pages are not counted. */
    wafRequestsPer5Minutes: z.coerce.number().int().min(10).default(300),
    /**
     * Version of the application secret whose `originVerify` CloudFront sends (printed by `npm run ops --
     * rotate-origin-secret`). CloudFormation resolves a secret reference only when the template changes, so a
     * rotation names the new version here once; absent, the current version at the time of the change.
     */
    originVerifyVersion: z.string().regex(/^[0-9a-f-]{32,40}$/, 'originVerifyVersion must be a Secrets Manager version id').optional(),
    /**
     * Where the review worker announces new applications: `email` (the ops topic's subscribers) or `chat` (a group
     * robot set with `npm run ops -- chat-webhook`; its settings live in the application secret). Alarms always go
     * to the ops topic.
     */
    newApplicationNotices: z.enum(['email', 'chat'], { error: 'newApplicationNotices must be email or chat' }).default('email'),
    /** Custom host name for the site, e.g. pos.example.com; needs certificateArn. */
    domainName: z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, 'domainName must be a lower-case host name')
      .optional(),
    /** ACM certificate for domainName; CloudFront only accepts certificates issued in us-east-1. */
    certificateArn: z
      .string()
      .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/, 'certificateArn must be an ACM certificate in us-east-1')
      .optional(),
    /** Built site to upload (relative to the repository root); `npm run deploy` builds it first. Missing: upload skipped with a warning. */
    siteDist: z
      .string()
      .min(1)
      .default('site/dist')
      .transform((path) => resolve(repositoryRoot, path)),
  })
  .refine((context) => (context.domainName === undefined) === (context.certificateArn === undefined), {
    message: 'domainName and certificateArn go together: give both or neither',
    path: ['domainName'],
  })
  .refine((context) => context.stage !== 'prod' || context.opsEmail !== undefined, {
    message: 'opsEmail is required for stage=prod: alarms and new-application notices must reach someone',
    path: ['opsEmail'],
  });

export type DeploymentContext = z.infer<typeof deploymentContextSchema>;
export type Stage = DeploymentContext['stage'];

/** Context values that cannot be deployed; `problems` has one `-c key: message` line per problem. */
export class InvalidDeploymentContextError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid CDK context:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Parse raw context values (strings from `-c`, or values from cdk.json) into a deployment context; throws naming the key. */
export function parseDeploymentContext(raw: Record<string, unknown>): DeploymentContext {
  const parsed = deploymentContextSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidDeploymentContextError(parsed.error.issues.map((issue) => `-c ${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
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

/** Settings that differ between stages. Everything else is the same in dev and prod, on purpose. */
export const stageSettings = {
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

export type StageSettings = (typeof stageSettings)[Stage];

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
  ],
  {},
);

/** The chosen limits as environment variables (strings), e.g. `{ RATE_LIMIT_PER_IP_PER_MINUTE: '10' }`. */
export function limitsEnvironment(...names: readonly (keyof typeof handlerLimits)[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(handlerLimits[name])]));
}

/** Powertools service name on every log line. */
export const serviceName = 'pos-portal';
