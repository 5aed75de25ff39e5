/**
 * The ops notifier a handler configures (OPS_NOTIFIER): the SNS topic, the team's chat robot (settings from the
 * application secret) or log lines (local stack). Shared by the review worker and the call reminders; only the
 * chosen notifier's client is ever created (clients may be lazy).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { appSecretSourceFor } from '../adapters/app-secret-source.ts';
import { createChatNotifierFromSecrets } from '../adapters/chat-webhook-notifier.ts';
import { createLogOpsNotifier } from '../adapters/log-ops-notifier.ts';
import { createSnsOpsNotifier } from '../adapters/sns-ops-notifier.ts';
import { opsNotifierChoice, type ConfigOf } from '../config.ts';
import type { opsNotifierEnvironment } from '../function-environments.ts';
import type { OpsNotifier } from '#domain/ports.ts';

export function createOpsNotifier(
  config: ConfigOf<typeof opsNotifierEnvironment>,
  clients: Pick<AwsClients, 'sns' | 'secretsManager'>,
  logger: Logger,
): OpsNotifier {
  const choice = opsNotifierChoice(config);
  if (choice.kind === 'sns') return createSnsOpsNotifier({ topicArn: choice.topicArn, client: clients.sns });
  if (choice.kind === 'chat')
    return createChatNotifierFromSecrets(appSecretSourceFor(config, clients), { ...(choice.consoleUrl && { consoleUrl: choice.consoleUrl }) });
  return createLogOpsNotifier(logger);
}
