/**
 * `/api/console/*` (the review console): check that the request came through the site, authenticate the caller and
 * their role for the route, then run the route. No token → 401, wrong role → 404 `forbidden` (never 403: see
 * refusalStatus), before anything is read, so nobody
 * learns from an unauthenticated answer whether a reference exists. Composition roots: functions/lambda/console.ts
 * and the local stack.
 */
import type { AwsClients } from '../adapters/aws-clients.ts';
import { appSecretSourceFor } from '../adapters/app-secret-source.ts';
import { createDynamoDbBackOfficeStore } from '../adapters/dynamodb-back-office-store.ts';
import { createDynamoDbAuditLog, createDynamoDbConsoleActivityLog } from '../adapters/dynamodb-console-activity.ts';
import { createDynamoDbLeadStore } from '../adapters/dynamodb-lead-store.ts';
import { createDynamoDbRateLimiter } from '../adapters/dynamodb-rate-limiter.ts';
import { createHmacPseudonymiser } from '../adapters/hmac-pseudonymiser.ts';
import { createDynamoDbQuoteBook } from '../adapters/dynamodb-quotes.ts';
import { systemClock } from '../adapters/system.ts';
import type { FunctionConfig } from '../function-environments.ts';
import { apiHandler, type ApiHandler } from '../http/api-handler.ts';
import { consoleError, consoleRouteHandlers, type ConsoleApiDeps, type ConsoleRouteHandler } from '../http/console-api.ts';
import { createConsoleAuthenticator } from '../http/console-auth.ts';
import { unmatchedRouteResponse } from '../http/other-routes.ts';
import { cameThroughDistribution } from '../http/request.ts';
import { refusalStatus } from '../http/responses.ts';
import { apiRoutes, routeKeyOf, type ApiRoute, type RouteAccess } from '../http/routes.ts';
import { createLogger } from '../logger.ts';

/** Each console route's required access and what answers it, by API Gateway route key. */
const consoleRoutes = new Map<string, { access: RouteAccess; handle: ConsoleRouteHandler }>(
  apiRoutes
    .filter((route): route is Extract<ApiRoute, { handler: 'console' }> => route.handler === 'console')
    .map((route) => [routeKeyOf(route), { access: route.access, handle: consoleRouteHandlers[routeKeyOf(route)] }]),
);

export function createConsoleHandler(config: FunctionConfig<'console'>, clients: Pick<AwsClients, 'documentClient' | 'secretsManager'>): ApiHandler {
  const logger = createLogger(config);
  const secrets = appSecretSourceFor(config, clients);
  const authenticate = createConsoleAuthenticator({
    issuer: config.CONSOLE_JWT_ISSUER,
    clientId: config.CONSOLE_JWT_AUDIENCE,
    jwksUrl: config.CONSOLE_JWKS_URL,
  });
  const table = { tableName: config.APPLICATIONS_TABLE_NAME, documentClient: clients.documentClient };
  // The key is read from the (cached) secret on every use, so a rotated key takes effect; the HMAC wrapper costs nothing.
  const phoneHasher = async () => createHmacPseudonymiser((await secrets.read()).phoneHashKey);
  const deps: ConsoleApiDeps = {
    phoneHasher,
    applications: createDynamoDbBackOfficeStore(table),
    rateLimiter: createDynamoDbRateLimiter(table),
    activity: createDynamoDbConsoleActivityLog(table),
    leads: createDynamoDbLeadStore(table),
    quotes: createDynamoDbQuoteBook(table),
    clock: systemClock,
    retentionDays: config.RETENTION_DAYS,
    failedCallDaysBeforeClosing: config.FAILED_CALL_DAYS_BEFORE_CLOSING,
    auditLog: createDynamoDbAuditLog(table),
  };

  return apiHandler(logger, async (event) => {
    const route = consoleRoutes.get(event.routeKey);
    if (!route) return unmatchedRouteResponse(event);
    if (!cameThroughDistribution(event, (await secrets.read()).originVerify)) return consoleError(refusalStatus.refused, 'not_through_site');
    const auth = await authenticate(event, route.access);
    if (!auth.ok) {
      return auth.reason === 'unauthenticated'
        ? consoleError(401, 'unauthorized', { headers: { 'www-authenticate': 'Bearer' } })
        : consoleError(refusalStatus.notPermitted, 'forbidden');
    }
    logger.appendKeys({ consoleUser: auth.user.id });
    return route.handle(event, auth.user, deps);
  });
}
