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
import { createDynamoDbConsoleActivityLog } from '../adapters/dynamodb-console-activity.ts';
import { systemClock } from '../adapters/system.ts';
import type { ConfigOf } from '../config.ts';
import { apiHandler, type ApiHandler } from '../http/api-handler.ts';
import { consoleError, consoleRouteHandlers, type ConsoleApiDeps } from '../http/console-api.ts';
import { createConsoleAuthenticator } from '../http/console-auth.ts';
import { unmatchedRouteResponse } from '../http/other-routes.ts';
import { cameThroughDistribution } from '../http/request.ts';
import { refusalStatus } from '../http/responses.ts';
import { apiRoutes, routeKeyOf } from '../http/routes.ts';
import { createLogger } from '../logger.ts';

export const consoleConfigKeys = [
  'APPLICATIONS_TABLE_NAME',
  'APP_SECRET_ARN',
  'PHONE_HASH_SECRET',
  'ORIGIN_VERIFY_SECRET',
  'RETENTION_DAYS',
  'CONSOLE_JWT_ISSUER',
  'CONSOLE_JWT_AUDIENCE',
  'CONSOLE_JWKS_URL',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
] as const;

const accessByRouteKey = new Map(apiRoutes.filter((route) => route.handler === 'console').map((route) => [routeKeyOf(route), route.access]));

export function createConsoleHandler(config: ConfigOf<typeof consoleConfigKeys>, clients: Pick<AwsClients, 'documentClient' | 'secretsManager'>): ApiHandler {
  const logger = createLogger(config);
  const secrets = appSecretSourceFor(config, clients);
  const authenticate = createConsoleAuthenticator({ issuer: config.CONSOLE_JWT_ISSUER, clientId: config.CONSOLE_JWT_AUDIENCE, jwksUrl: config.CONSOLE_JWKS_URL });
  const table = { tableName: config.APPLICATIONS_TABLE_NAME, documentClient: clients.documentClient };
  const deps: ConsoleApiDeps = {
    applications: createDynamoDbBackOfficeStore(table),
    activity: createDynamoDbConsoleActivityLog(table),
    clock: systemClock,
    retentionDays: config.RETENTION_DAYS,
    audit: (action, details) => logger.info(action, { audit: true, ...details }),
  };

  return apiHandler(logger, async (event) => {
    const access = accessByRouteKey.get(event.routeKey);
    const route = consoleRouteHandlers[event.routeKey];
    if (!access || !route) return unmatchedRouteResponse(event);
    if (!cameThroughDistribution(event, (await secrets.read()).originVerify)) return consoleError(refusalStatus.refused, 'not_through_site');
    const auth = await authenticate(event, access);
    if (!auth.ok) {
      return auth.reason === 'unauthenticated'
        ? consoleError(401, 'unauthorized', { headers: { 'www-authenticate': 'Bearer' } })
        : consoleError(refusalStatus.notPermitted, 'forbidden');
    }
    logger.appendKeys({ consoleUser: auth.user.id });
    return route(event, auth.user, deps);
  });
}
