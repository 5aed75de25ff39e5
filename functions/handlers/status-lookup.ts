/**
 * `POST /api/applications/status`: reference + last four phone digits → current status. Composition roots: the
 * Lambda entry (functions/lambda/status-lookup.ts) and the local stack.
 */
import type { AwsClients } from '../adapters/aws-clients.ts';
import { appSecretSourceFor } from '../adapters/app-secret-source.ts';
import { createDynamoDbApplicationReader } from '../adapters/dynamodb-application-reader.ts';
import { createDynamoDbRateLimiter } from '../adapters/dynamodb-rate-limiter.ts';
import { createDynamoDbQuoteBook } from '../adapters/dynamodb-quotes.ts';
import { createHmacPseudonymiser } from '../adapters/hmac-pseudonymiser.ts';
import { systemClock } from '../adapters/system.ts';
import type { FunctionConfig } from '../function-environments.ts';
import { apiHandler, type ApiHandler } from '../http/api-handler.ts';
import { renderStatusPage } from '../http/html-pages.ts';
import { statusLookupUnavailableMessage } from '../http/responses.ts';
import { unmatchedRouteResponse } from '../http/other-routes.ts';
import { readStatusLookup, statusLookupResponse } from '../http/status-lookup.ts';
import type { RouteKeyOf } from '../http/routes.ts';
import { createLogger } from '../logger.ts';
import { lookUpStatus } from '../use-cases/status-lookup.ts';

const statusLookupRoute: RouteKeyOf<'status-lookup'> = 'POST /api/applications/status';

export function createStatusLookupHandler(config: FunctionConfig<'status-lookup'>, clients: Pick<AwsClients, 'documentClient' | 'secretsManager'>): ApiHandler {
  const logger = createLogger(config);
  const secrets = appSecretSourceFor(config, clients);
  const table = { tableName: config.APPLICATIONS_TABLE_NAME, documentClient: clients.documentClient };
  // Read-only on applications: the status lookup can neither write nor erase one.
  const deps = {
    applications: createDynamoDbApplicationReader(table),
    rateLimiter: createDynamoDbRateLimiter(table),
    quotes: createDynamoDbQuoteBook(table),
    clock: systemClock,
    limits: {
      requestsPerIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
      statusMissesPerIpPerHour: config.STATUS_MISSES_PER_IP_PER_HOUR,
      statusMissesPerReferencePerAddressPerDay: config.STATUS_MISSES_PER_REFERENCE_PER_ADDRESS_PER_DAY,
      statusMissesPerReferencePerDay: config.STATUS_MISSES_PER_REFERENCE_PER_DAY,
    },
  };

  const pages = { operator: config.SITE_OPERATOR, siteOrigin: config.SITE_ORIGIN };

  return apiHandler(
    logger,
    async (event) => {
      if (event.routeKey !== statusLookupRoute) return unmatchedRouteResponse(event);
      const { phoneHashKey, originVerify } = await secrets.read();
      const request = readStatusLookup(event, { originVerify, siteOrigin: config.SITE_ORIGIN }, pages);
      if (!request.ok) return request.response;
      const outcome = await lookUpStatus(request.command, { ...deps, pseudonymiser: createHmacPseudonymiser(phoneHashKey) });
      logger.info('status lookup', { outcome: outcome.kind, ...('reference' in outcome && { reference: outcome.reference }) });
      return statusLookupResponse(outcome, request, pages);
    },
    {
      message: statusLookupUnavailableMessage,
      page: (values, message) => renderStatusPage(pages, { kind: 'form', values, errors: {}, message }),
    },
  );
}
