/** Lambda entry (composition root): configuration from the environment at cold start, the SDK client it needs. */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { loadConfig } from '../config.ts';
import { functionEnvironments } from '../function-environments.ts';
import { createPersonalDataExpiryHandler } from '../handlers/personal-data-expiry.ts';

export const handler = createPersonalDataExpiryHandler(loadConfig(functionEnvironments['personal-data-expiry']), createAwsClients());
