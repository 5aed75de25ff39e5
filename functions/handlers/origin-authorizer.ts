/**
 * HTTP API Lambda authorizer on every public route: only requests that came through our CloudFront distribution
 * (an accepted `x-origin-verify` header, see domain/app-secrets.ts) reach a function. A direct call to the
 * execute-api address is refused by API Gateway itself (401 without the header, 403 with a wrong one), so it can
 * neither skip CloudFront, WAF and the viewer-address logic nor use up the functions' concurrency. API Gateway caches
 * each answer for a few minutes per header value, so this runs about once per value per cache period, not per request.
 * The review console's routes have the JWT authorizer instead; its function checks the header itself.
 */
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerResult } from 'aws-lambda';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { originVerifyHeader } from '#domain/app-secrets.ts';
import { appSecretSourceFor } from '../adapters/app-secret-source.ts';
import type { FunctionConfig } from '../function-environments.ts';
import { carriesOriginProof } from '../http/request.ts';
import { createLogger, describeError } from '../logger.ts';

export type OriginAuthorizerHandler = (event: APIGatewayRequestAuthorizerEventV2) => Promise<APIGatewaySimpleAuthorizerResult>;

export function createOriginAuthorizerHandler(
  config: FunctionConfig<'origin-authorizer'>,
  clients: Pick<AwsClients, 'secretsManager'>,
): OriginAuthorizerHandler {
  const logger = createLogger(config);
  const secrets = appSecretSourceFor(config, clients);
  return async (event) => {
    try {
      const { originVerify } = await secrets.read();
      const isAuthorized = carriesOriginProof(event.headers?.[originVerifyHeader], originVerify);
      // Never the header's value: a refused one may be a near miss of the real secret.
      if (!isAuthorized) logger.warn('request without an accepted x-origin-verify refused', { route: event.routeKey });
      return { isAuthorized };
    } catch (error) {
      // Without the secret nothing can be checked, and nobody is let in. Failing (API Gateway answers 500) rather than
      // answering "no": API Gateway caches an answer for 5 minutes per header value, and every visitor's request
      // carries the same value, so a cached "no" would shut the whole API for that long after a moment's outage.
      logger.error('origin check failed; request not admitted', { error: describeError(error) });
      throw error;
    }
  };
}
