/**
 * Each function's environment, declared once: the variables its entry point parses at cold start (functions/lambda/,
 * and the local stack from an explicit environment), the ones CDK sets (infra/stacks/stateless-stack.ts configures
 * each function's tunable limits from this list, and test/infra/stacks/stateless-stack.test.ts holds every
 * function's template to it). What each variable means and its default: config.ts.
 */
import type { ConfigOf, EnvironmentKey } from './config.ts';

/** What the ops notifier (handlers/ops-notifier.ts: SNS e-mail or the team's chat robot) reads; every function that notifies has it. */
export const opsNotifierEnvironment = [
  'OPS_NOTIFIER',
  'OPS_TOPIC_ARN',
  'APP_SECRET_ARN',
  'PHONE_HASH_SECRET',
  'CHAT_WEBHOOK_PLATFORM',
  'CHAT_WEBHOOK_URL',
  'CHAT_WEBHOOK_SECRET',
  'CONSOLE_URL',
] as const satisfies readonly EnvironmentKey[];

export const functionEnvironments = {
  'submit-application': [
    'APPLICATIONS_TABLE_NAME',
    'REVIEW_QUEUE_URL',
    'APP_SECRET_ARN',
    'PHONE_HASH_SECRET',
    'ORIGIN_VERIFY_SECRET',
    'SITE_ORIGIN',
    'SITE_OPERATOR',
    'RATE_LIMIT_PER_IP_PER_MINUTE',
    'RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY',
    'RETENTION_DAYS',
    'POWERTOOLS_SERVICE_NAME',
    'POWERTOOLS_LOG_LEVEL',
  ],
  'status-lookup': [
    'APPLICATIONS_TABLE_NAME',
    'APP_SECRET_ARN',
    'PHONE_HASH_SECRET',
    'ORIGIN_VERIFY_SECRET',
    'SITE_ORIGIN',
    'SITE_OPERATOR',
    'RATE_LIMIT_PER_IP_PER_MINUTE',
    'STATUS_MISSES_PER_IP_PER_HOUR',
    'STATUS_MISSES_PER_REFERENCE_PER_ADDRESS_PER_DAY',
    'STATUS_MISSES_PER_REFERENCE_PER_DAY',
    'POWERTOOLS_SERVICE_NAME',
    'POWERTOOLS_LOG_LEVEL',
  ],
  console: [
    'APPLICATIONS_TABLE_NAME',
    'APP_SECRET_ARN',
    'PHONE_HASH_SECRET',
    'ORIGIN_VERIFY_SECRET',
    'RETENTION_DAYS',
    'FAILED_CALL_DAYS_BEFORE_CLOSING',
    'CONSOLE_JWT_ISSUER',
    'CONSOLE_JWT_AUDIENCE',
    'CONSOLE_JWKS_URL',
    'POWERTOOLS_SERVICE_NAME',
    'POWERTOOLS_LOG_LEVEL',
  ],
  'review-worker': ['APPLICATIONS_TABLE_NAME', 'RETENTION_DAYS', ...opsNotifierEnvironment, 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL'],
  'call-reminders': ['APPLICATIONS_TABLE_NAME', ...opsNotifierEnvironment, 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL'],
  'outbox-sweeper': ['APPLICATIONS_TABLE_NAME', 'REVIEW_QUEUE_URL', 'OUTBOX_MIN_AGE_SECONDS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL'],
  'personal-data-expiry': ['APPLICATIONS_TABLE_NAME', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL'],
  'origin-authorizer': ['APP_SECRET_ARN', 'PHONE_HASH_SECRET', 'ORIGIN_VERIFY_SECRET', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL'],
} as const satisfies Record<string, readonly EnvironmentKey[]>;

export type FunctionName = keyof typeof functionEnvironments;
/** The configuration a handler factory takes: exactly its function's variables, parsed. */
export type FunctionConfig<F extends FunctionName> = ConfigOf<(typeof functionEnvironments)[F]>;
