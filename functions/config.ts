/**
 * Environment configuration, parsed once at cold start. A missing or malformed variable stops the function (or the
 * local stack) at start-up with an error naming it, instead of surfacing later as a confusing failure.
 * Each entry point picks the variables it needs, so a function is never configured with more than it uses.
 *
 * Written with `zod/mini`, like the domain: every function bundles this file, and full zod would add its classic API
 * and locales to each bundle. Mini has no built-in messages, so every rule states its own.
 */
import * as z from 'zod/mini';
import { chatPlatforms } from './domain/app-secrets.ts';
import { DEFAULT_RETENTION_DAYS } from './domain/privacy-policy.ts';
import { EXAMPLE_OPERATOR, siteOperatorSchema } from './deployment/site-operator.ts';

/** A JSON document in one variable, then checked by `schema`. */
const jsonOf = <T extends z.ZodMiniType>(schema: T, message: string) =>
  z.pipe(
    z.pipe(
      z.string({ error: message }),
      z.transform((raw: string, context) => {
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          context.issues.push({ code: 'custom', message, input: raw });
          return z.NEVER;
        }
      }),
    ),
    schema,
  );

/** "is required" for a variable that is not set at all, `otherwise` for one set to something unusable. */
const requiredOr = (otherwise: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : otherwise);

const WHOLE_NUMBER = 'must be a whole number of at least 1';
const count = (fallback: number) => z._default(z.coerce.number({ error: WHOLE_NUMBER }).check(z.int(WHOLE_NUMBER), z.positive(WHOLE_NUMBER)), fallback);

export const opsNotifiers = ['sns', 'log', 'chat'] as const;

export const environmentSchema = z.object({
  /** The single applications table (item layouts in adapters/dynamodb-items.ts). */
  APPLICATIONS_TABLE_NAME: z.string({ error: requiredOr('must be a table name') }).check(z.minLength(3, 'must be a table name (3 characters or more)')),
  /** Review queue the intake sends `{ "reference" }` messages to. */
  REVIEW_QUEUE_URL: z.url({ error: requiredOr('must be a queue URL (https://…)') }),
  /**
   * On AWS: the application secret (domain/app-secrets.ts: phone-hash key, origin-verify values), read at run time
   * and cached, so no secret value sits in a function's environment. Set by the CDK app.
   */
  APP_SECRET_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'must be a Secrets Manager secret ARN'))),
  /**
   * Without APP_SECRET_ARN (the local stack and tests, which have no Secrets Manager): the phone-hash key and the
   * `x-origin-verify` value themselves. The CDK app never sets these (an infra test checks it).
   */
  PHONE_HASH_SECRET: z.optional(z.string().check(z.minLength(16, 'must be at least 16 characters'))),
  ORIGIN_VERIFY_SECRET: z.optional(z.string().check(z.minLength(16, 'must be at least 16 characters'))),
  /**
   * The site's own origin (`https://pos.example.com`, no path): a form post whose `Origin` is anything else came from
   * another site's page (http/request.ts isCrossSitePost). Set by the CDK app when the distribution has a custom
   * domain; unset, the request's own Host stands in (right locally, where the server sees the browser's Host).
   */
  SITE_ORIGIN: z.optional(z.string().check(z.regex(/^https?:\/\/[^/?#\s]+$/, 'must be an origin such as https://pos.example.com (no path)'))),
  RATE_LIMIT_PER_IP_PER_MINUTE: count(10),
  RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY: count(3),
  STATUS_MISSES_PER_IP_PER_HOUR: count(10),
  /** Failed status lookups allowed per reference from one address per day (guessing the phone's last 4 digits). */
  STATUS_MISSES_PER_REFERENCE_PER_ADDRESS_PER_DAY: count(5),
  /**
   * Failed status lookups allowed per reference from all addresses together per day: the backstop against a guesser
   * with many addresses, high enough that no single stranger can lock the owner out (domain/rate-limits.ts).
   */
  STATUS_MISSES_PER_REFERENCE_PER_DAY: count(100),
  /** Days personal data is kept after an application closes; spam records are deleted this long after arrival. */
  RETENTION_DAYS: count(DEFAULT_RETENTION_DAYS),
  /**
   * How the review worker tells ops about applications waiting for review: `sns` publishes to OPS_TOPIC_ARN (AWS),
   * `log` writes a structured log line (the local stack). Required, so a deployment without the topic fails at
   * start-up instead of quietly logging notices nobody reads.
   */
  OPS_NOTIFIER: z.enum(opsNotifiers, { error: requiredOr(`must be one of ${opsNotifiers.join(', ')}`) }),
  /** SNS topic that hears about new applications waiting for review; required when OPS_NOTIFIER is `sns`. */
  OPS_TOPIC_ARN: z.optional(
    z.string().check(z.regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, 'must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)')),
  ),
  /**
   * Review console sign-in (functions/http/console-auth.ts): access tokens must be signed by a key from
   * CONSOLE_JWKS_URL, issued by CONSOLE_JWT_ISSUER, and meant for CONSOLE_JWT_AUDIENCE (the `aud` claim, or Cognito's
   * `client_id` claim on access tokens). On AWS these name the Cognito user pool and its console app client; locally,
   * the in-process OpenID Connect provider that `npm start` runs.
   */
  CONSOLE_JWT_ISSUER: z.url({ error: requiredOr('must be the issuer URL (https://cognito-idp.<region>.amazonaws.com/<pool id>)') }),
  CONSOLE_JWT_AUDIENCE: z.string({ error: requiredOr('must be the console client id') }).check(z.minLength(1, 'must not be empty')),
  CONSOLE_JWKS_URL: z.url({ error: requiredOr('must be the JWKS URL (<issuer>/.well-known/jwks.json)') }),
  /** Where people open the console, e.g. `https://pos.example.cn/console/`: chat notices link to the application there. */
  CONSOLE_URL: z.optional(z.url({ error: 'must be a URL (https://…/console/)' })),
  /**
   * Without APP_SECRET_ARN only (local stack, tests): the group robot the `chat` notifier posts to. On AWS these
   * settings live in the application secret (`npm run ops -- chat-webhook`): the URL carries the robot's key.
   */
  CHAT_WEBHOOK_PLATFORM: z.optional(z.enum(chatPlatforms, { error: `must be one of ${chatPlatforms.join(', ')}` })),
  CHAT_WEBHOOK_URL: z.optional(z.url({ error: 'must be the webhook URL (https://…)' })),
  CHAT_WEBHOOK_SECRET: z.optional(z.string().check(z.minLength(8, 'must be at least 8 characters'))),
  /**
   * The console offers to close an application that was called without getting through (未接 / 忙线) on this many
   * different days (domain/leads.ts closingSuggestion).
   */
  FAILED_CALL_DAYS_BEFORE_CLOSING: count(3),
  /**
   * Who runs the site (functions/deployment/site-operator.ts), as JSON: the API's pages show it in the footer and say
   * how to reach a person. Set by the CDK app from the stage's operator; unset (local stack, tests), the visibly
   * marked example operator.
   */
  SITE_OPERATOR: z._default(jsonOf(siteOperatorSchema, 'must be the operator as JSON: {"legalName","email","phone",…}'), EXAMPLE_OPERATOR),
  /** The outbox sweeper re-sends applications whose review message is still unconfirmed after this many seconds. */
  OUTBOX_MIN_AGE_SECONDS: count(5),
  POWERTOOLS_SERVICE_NAME: z._default(z.string().check(z.minLength(1, 'must not be empty')), 'pos-portal'),
  POWERTOOLS_LOG_LEVEL: z._default(
    z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'], { error: 'must be one of TRACE, DEBUG, INFO, WARN, ERROR, SILENT, CRITICAL' }),
    'INFO',
  ),
});

export type Environment = z.infer<typeof environmentSchema>;
export type EnvironmentKey = keyof Environment;
/** The configuration a handler factory takes: the variables its entry point reads (`loadConfig(keys)`). */
export type ConfigOf<K extends readonly EnvironmentKey[]> = Pick<Environment, K[number]>;

/**
 * Parse the variables `keys` from `env`. Throws one error listing every problem, e.g.
 * `Invalid configuration: APPLICATIONS_TABLE_NAME: is required; RATE_LIMIT_PER_IP_PER_MINUTE: must be a whole number of at least 1`.
 */
export function loadConfig<K extends EnvironmentKey>(keys: readonly K[], env: Record<string, string | undefined> = process.env): Pick<Environment, K> {
  const mask = Object.fromEntries(keys.map((key) => [key, true])) as Record<EnvironmentKey, true>;
  const result = z.pick(environmentSchema, mask).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return result.data as unknown as Pick<Environment, K>;
}

export type OpsNotifierChoice = { kind: 'sns'; topicArn: string } | { kind: 'log' } | { kind: 'chat'; consoleUrl?: string };

/**
 * Which notifier the review worker uses; throws (at cold start) when `sns` is chosen without a topic. With `chat`, the
 * robot's settings are secret: they come from the application secret (locally from CHAT_WEBHOOK_*, see
 * adapters/app-secret-source.ts).
 */
export function opsNotifierChoice(config: Pick<Environment, 'OPS_NOTIFIER' | 'OPS_TOPIC_ARN'> & Partial<Pick<Environment, 'CONSOLE_URL'>>): OpsNotifierChoice {
  if (config.OPS_NOTIFIER === 'log') return { kind: 'log' };
  if (config.OPS_NOTIFIER === 'chat') return { kind: 'chat', ...(config.CONSOLE_URL !== undefined && { consoleUrl: config.CONSOLE_URL }) };
  if (config.OPS_TOPIC_ARN === undefined) throw new Error('Invalid configuration: OPS_TOPIC_ARN: is required when OPS_NOTIFIER is sns');
  return { kind: 'sns', topicArn: config.OPS_TOPIC_ARN };
}
