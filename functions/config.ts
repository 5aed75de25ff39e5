/**
 * Environment configuration, parsed once at cold start. A missing or malformed variable stops the function (or the
 * local stack) at start-up with an error naming it, instead of surfacing later as a confusing failure.
 * Each entry point picks the variables it needs, so a function is never configured with more than it uses.
 */
import * as z from 'zod';
import { DEFAULT_RETENTION_DAYS } from './domain/privacy-policy.ts';

const count = z.coerce.number().int().positive();

export const environmentSchema = z.object({
  /** The single applications table (see adapters/dynamodb-application-store.ts). */
  APPLICATIONS_TABLE_NAME: z.string().min(3),
  /** Review queue the intake sends `{ "reference" }` messages to. */
  REVIEW_QUEUE_URL: z.url(),
  /** Key for HMAC-SHA256 pseudonyms of phone numbers and viewer IPs. Keep it stable: changing it forgets rate-limit and duplicate history. */
  PHONE_HASH_SECRET: z.string().min(16, 'must be at least 16 characters'),
  RATE_LIMIT_PER_IP_PER_MINUTE: count.default(10),
  RATE_LIMIT_PER_PHONE_PER_DAY: count.default(3),
  STATUS_MISSES_PER_IP_PER_HOUR: count.default(10),
  /** Failed status lookups allowed per reference per day (guessing the phone's last 4 digits). */
  STATUS_MISSES_PER_REFERENCE_PER_DAY: count.default(5),
  /** Days personal data is kept after an application closes; spam records are deleted this long after arrival. */
  RETENTION_DAYS: count.default(DEFAULT_RETENTION_DAYS),
  /**
   * SNS topic that hears about new applications waiting for review (set by the stack on the review worker). Absent
   * in the local stack, where the notice is a structured log line instead.
   */
  OPS_TOPIC_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, 'must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)')
    .optional(),
  /** The outbox sweeper re-sends applications whose review message is still unconfirmed after this many seconds. */
  OUTBOX_MIN_AGE_SECONDS: count.default(5),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default('pos-portal'),
  POWERTOOLS_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']).default('INFO'),
});

export type Environment = z.infer<typeof environmentSchema>;
type EnvironmentKey = keyof Environment;

/**
 * Parse the variables `keys` from `env`. Throws one error listing every problem, e.g.
 * `Invalid configuration: APPLICATIONS_TABLE_NAME: Invalid input: expected string, received undefined`.
 */
export function loadConfig<K extends EnvironmentKey>(
  keys: readonly K[],
  env: Record<string, string | undefined> = process.env,
): Pick<Environment, K> {
  const mask = Object.fromEntries(keys.map((key) => [key, true])) as Record<EnvironmentKey, true>;
  const result = environmentSchema.pick(mask).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return result.data as unknown as Pick<Environment, K>;
}
