/**
 * `POST /api/applications/status`: reference + last four phone digits → current status. Composition roots: the
 * Lambda entry (functions/lambda/application-status.ts) and the local stack.
 */
import type { AwsClients } from '../adapters/aws-clients.ts';
import { appSecretSourceFor } from '../adapters/app-secret-source.ts';
import { createDynamoDbApplicationStore } from '../adapters/dynamodb-application-store.ts';
import { createHmacPseudonymiser } from '../adapters/hmac-pseudonymiser.ts';
import { systemClock } from '../adapters/system.ts';
import type { ConfigOf } from '../config.ts';
import { apiHandler, type ApiHandler } from '../http/api-handler.ts';
import { unmatchedRouteResponse } from '../http/other-routes.ts';
import { readStatusLookup, statusLookupResponse } from '../http/status-lookup.ts';
import { createLogger } from '../logger.ts';
import { lookUpStatus } from '../use-cases/look-up-status.ts';

export const applicationStatusConfigKeys = [
  'APPLICATIONS_TABLE_NAME',
  'APP_SECRET_ARN',
  'PHONE_HASH_SECRET',
  'ORIGIN_VERIFY_SECRET',
  'SITE_ORIGIN',
  'RATE_LIMIT_PER_IP_PER_MINUTE',
  'STATUS_MISSES_PER_IP_PER_HOUR',
  'STATUS_MISSES_PER_REFERENCE_PER_ADDRESS_PER_DAY',
  'STATUS_MISSES_PER_REFERENCE_PER_DAY',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
] as const;

export function createApplicationStatusHandler(
  config: ConfigOf<typeof applicationStatusConfigKeys>,
  clients: Pick<AwsClients, 'documentClient' | 'secretsManager'>,
): ApiHandler {
  const logger = createLogger(config);
  const secrets = appSecretSourceFor(config, clients);
  const store = createDynamoDbApplicationStore({ tableName: config.APPLICATIONS_TABLE_NAME, documentClient: clients.documentClient });
  const deps = {
    applications: store,
    rateLimiter: store,
    clock: systemClock,
    limits: {
      requestsPerIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
      statusMissesPerIpPerHour: config.STATUS_MISSES_PER_IP_PER_HOUR,
      statusMissesPerReferencePerAddressPerDay: config.STATUS_MISSES_PER_REFERENCE_PER_ADDRESS_PER_DAY,
      statusMissesPerReferencePerDay: config.STATUS_MISSES_PER_REFERENCE_PER_DAY,
    },
  };

  return apiHandler(logger, async (event) => {
    if (event.routeKey !== 'POST /api/applications/status') return unmatchedRouteResponse(event);
    const { phoneHashKey, originVerify } = await secrets.read();
    const request = readStatusLookup(event, { originVerify, siteOrigin: config.SITE_ORIGIN });
    if (!request.ok) return request.response;
    const outcome = await lookUpStatus(request.command, { ...deps, pseudonymiser: createHmacPseudonymiser(phoneHashKey) });
    logger.info('status lookup', { outcome: outcome.kind, ...('reference' in outcome && { reference: outcome.reference }) });
    return statusLookupResponse(outcome, request);
  });
}
