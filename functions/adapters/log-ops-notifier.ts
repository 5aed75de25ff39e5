/**
 * New-application notices as a structured log line: the local stack's stand-in for the ops SNS topic (same fields,
 * so what ops would have been told is visible in the `npm start` output).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { OpsNotifier } from '#domain/ports.ts';

export function createLogOpsNotifier(logger: Logger): OpsNotifier {
  return {
    async announcePendingReview(notice) {
      logger.info('new application awaiting review', { notice });
    },
    async postDigest(text) {
      // Masked phones and references only (use-cases/call-reminders.ts).
      logger.info('call reminders', { digest: text });
    },
  };
}
