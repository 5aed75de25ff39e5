/**
 * Lambda for `POST /api/applications/status`: reference + last four phone digits → current status.
 */
import { createDynamoDbApplicationStore } from '../adapters/dynamodb-application-store.ts';
import { createDocumentClient } from '../adapters/dynamodb-document-client.ts';
import { createHmacPseudonymiser } from '../adapters/hmac-pseudonymiser.ts';
import { systemClock } from '../adapters/system.ts';
import { loadConfig } from '../config.ts';
import { apiHandler } from '../http/api-handler.ts';
import { unmatchedRouteResponse } from '../http/other-routes.ts';
import { readStatusLookup, statusLookupResponse } from '../http/status-lookup.ts';
import { createLogger } from '../logger.ts';
import { lookUpStatus, type LookUpStatusDeps } from '../use-cases/look-up-status.ts';

const config = loadConfig([
  'APPLICATIONS_TABLE_NAME',
  'PHONE_HASH_SECRET',
  'ORIGIN_VERIFY_SECRET',
  'SITE_ORIGIN',
  'RATE_LIMIT_PER_IP_PER_MINUTE',
  'STATUS_MISSES_PER_IP_PER_HOUR',
  'STATUS_MISSES_PER_REFERENCE_PER_ADDRESS_PER_DAY',
  'STATUS_MISSES_PER_REFERENCE_PER_DAY',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
]);
const logger = createLogger(config);
const store = createDynamoDbApplicationStore({ tableName: config.APPLICATIONS_TABLE_NAME, documentClient: createDocumentClient() });
const deps: LookUpStatusDeps = {
  applications: store,
  rateLimiter: store,
  clock: systemClock,
  pseudonymiser: createHmacPseudonymiser(config.PHONE_HASH_SECRET),
  limits: {
    requestsPerIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
    statusMissesPerIpPerHour: config.STATUS_MISSES_PER_IP_PER_HOUR,
    statusMissesPerReferencePerAddressPerDay: config.STATUS_MISSES_PER_REFERENCE_PER_ADDRESS_PER_DAY,
    statusMissesPerReferencePerDay: config.STATUS_MISSES_PER_REFERENCE_PER_DAY,
  },
};

const trust = { originVerifySecret: config.ORIGIN_VERIFY_SECRET, siteOrigin: config.SITE_ORIGIN };

export const handler = apiHandler(logger, async (event) => {
  if (event.routeKey !== 'POST /api/applications/status') return unmatchedRouteResponse(event);
  const request = readStatusLookup(event, trust);
  if (!request.ok) return request.response;
  const outcome = await lookUpStatus(request.command, deps);
  logger.info('status lookup', { outcome: outcome.kind, ...('reference' in outcome && { reference: outcome.reference }) });
  return statusLookupResponse(outcome, request);
});
