/**
 * Scheduled twice a working day (EventBridge on AWS, the local stack's timer): posts the digest of calls due
 * (use-cases/call-reminders.ts) to the ops notifier. Composition roots: functions/lambda/call-reminders.ts and the
 * local stack.
 */
import type { Context } from 'aws-lambda';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { createDynamoDbBackOfficeStore } from '../adapters/dynamodb-back-office-store.ts';
import { systemClock } from '../adapters/system.ts';
import type { Clock } from '#domain/ports.ts';
import { createLogger, describeError } from '../logger.ts';
import { composeCallDigest } from '../presentation/call-digest-zh.ts';
import { sendCallReminders, type CallReminderResult } from '../use-cases/call-reminders.ts';
import { createOpsNotifier } from './ops-notifier.ts';
import type { FunctionConfig } from '../function-environments.ts';

export type CallRemindersHandler = (event?: unknown, context?: Context) => Promise<CallReminderResult>;

export function createCallRemindersHandler(
  config: FunctionConfig<'call-reminders'>,
  clients: Pick<AwsClients, 'documentClient' | 'sns' | 'secretsManager'>,
  clock: Clock = systemClock,
): CallRemindersHandler {
  const logger = createLogger(config);
  const applications = createDynamoDbBackOfficeStore({ tableName: config.APPLICATIONS_TABLE_NAME, documentClient: clients.documentClient });
  const notifier = createOpsNotifier(config, clients, logger);
  return async (_event, context) => {
    if (context) logger.addContext(context);
    try {
      const result = await sendCallReminders({
        applications,
        clock,
        post: (digest) => notifier.postDigest(composeCallDigest(digest, config.CONSOLE_URL)),
      });
      logger.info('call reminders', { ...result });
      return result;
    } catch (error) {
      logger.error('call reminders failed', { error: describeError(error) });
      throw error;
    }
  };
}
