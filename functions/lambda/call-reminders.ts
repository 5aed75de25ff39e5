/** Lambda entry (composition root): configuration from the environment at cold start, the SDK clients it needs. */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { loadConfig } from '../config.ts';
import { functionEnvironments } from '../function-environments.ts';
import { createCallRemindersHandler } from '../handlers/call-reminders.ts';

// Lazy clients: only the chosen notifier's (SNS, or Secrets Manager for the chat robot) is ever created.
export const handler = createCallRemindersHandler(loadConfig(functionEnvironments['call-reminders']), createAwsClients());
