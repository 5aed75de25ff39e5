/**
 * Structured JSON logs (Powertools Logger). Never log a request body, a name, a note or a full phone number:
 * log references, outcomes and masked phones only.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Environment } from './config.ts';

export function createLogger(config: Pick<Environment, 'POWERTOOLS_SERVICE_NAME' | 'POWERTOOLS_LOG_LEVEL'>): Logger {
  return new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME, logLevel: config.POWERTOOLS_LOG_LEVEL });
}

export interface ErrorSummary {
  name: string;
  message: string;
  cause?: ErrorSummary;
}

/** An error as it may be logged: class, message and cause chain; never request data. */
export function describeError(error: unknown, depth = 0): ErrorSummary {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error).slice(0, 200) };
  const summary: ErrorSummary = { name: error.name, message: error.message.slice(0, 500) };
  if (error.cause !== undefined && depth < 3) summary.cause = describeError(error.cause, depth + 1);
  return summary;
}
