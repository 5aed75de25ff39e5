/**
 * `POST /api/applications`, the no-JavaScript thank-you page, the form token and the /api/ catch-all (see
 * http/routes.ts): parse → use case → response. The factory takes its configuration and SDK clients; the Lambda entry
 * (functions/lambda/submit-application.ts) and the local stack are its composition roots.
 */
import type { AwsClients } from '../adapters/aws-clients.ts';
import { appSecretSourceFor } from '../adapters/app-secret-source.ts';
import { createDynamoDbIntakeStore } from '../adapters/dynamodb-intake-store.ts';
import { createDynamoDbRateLimiter } from '../adapters/dynamodb-rate-limiter.ts';
import { createHmacFormTokens } from '../adapters/hmac-form-tokens.ts';
import { createHmacPseudonymiser } from '../adapters/hmac-pseudonymiser.ts';
import { createSqsReviewQueue } from '../adapters/sqs-review-queue.ts';
import { randomReferences, systemClock } from '../adapters/system.ts';
import type { FunctionConfig } from '../function-environments.ts';
import type { FormTokens } from '#domain/form-token.ts';
import type { Pseudonymiser } from '#domain/ports.ts';
import { apiHandler, type ApiHandler } from '../http/api-handler.ts';
import { renderApplicationPage } from '../http/html-pages.ts';
import { formTokenResponse, thankYouResponse, unmatchedRouteResponse } from '../http/other-routes.ts';
import { logSubmission, readSubmission, submissionResponse } from '../http/submission.ts';
import type { RouteKeyOf } from '../http/routes.ts';
import { createLogger } from '../logger.ts';
import { submitApplication } from '../use-cases/submit-application.ts';

/** The routes this handler answers besides the catch-all (typed from the route table: a key not in it does not compile). */
const routes = {
  submit: 'POST /api/applications',
  formToken: 'GET /api/applications/form-token',
  thanks: 'GET /api/applications/thanks',
} as const satisfies Record<string, RouteKeyOf<'submit-application'>>;

export function createSubmitApplicationHandler(
  config: FunctionConfig<'submit-application'>,
  clients: Pick<AwsClients, 'documentClient' | 'sqs' | 'secretsManager'>,
): ApiHandler {
  const logger = createLogger(config);
  const secrets = appSecretSourceFor(config, clients);
  const table = { tableName: config.APPLICATIONS_TABLE_NAME, documentClient: clients.documentClient };
  const deps = {
    applications: createDynamoDbIntakeStore(table),
    rateLimiter: createDynamoDbRateLimiter(table),
    reviewQueue: createSqsReviewQueue({ queueUrl: config.REVIEW_QUEUE_URL, client: clients.sqs }),
    clock: systemClock,
    references: randomReferences,
    limits: {
      requestsPerIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
      applicationsPerPhonePerAddressPerDay: config.RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY,
      retentionDays: config.RETENTION_DAYS,
    },
  };

  // Keyed helpers built once per key (the key changes only if the secret does), not per request: form tokens derive
  // their own key with HKDF.
  let keyed: { phoneHashKey: string; formTokens: FormTokens; pseudonymiser: Pseudonymiser } | undefined;
  const keyedBy = (phoneHashKey: string) => {
    if (keyed?.phoneHashKey !== phoneHashKey) {
      keyed = { phoneHashKey, formTokens: createHmacFormTokens(phoneHashKey), pseudonymiser: createHmacPseudonymiser(phoneHashKey) };
    }
    return keyed;
  };

  const pages = { operator: config.SITE_OPERATOR, siteOrigin: config.SITE_ORIGIN };

  return apiHandler(
    logger,
    async (event) => {
      if (event.routeKey === routes.thanks) return thankYouResponse(event, pages);
      const { phoneHashKey, originVerify } = await secrets.read();
      const { formTokens, pseudonymiser } = keyedBy(phoneHashKey);
      if (event.routeKey === routes.formToken) return formTokenResponse(formTokens, deps.clock.now());
      if (event.routeKey !== routes.submit) return unmatchedRouteResponse(event);
      const request = readSubmission(event, { now: deps.clock.now(), formTokens, pages }, { originVerify, siteOrigin: config.SITE_ORIGIN });
      if (!request.ok) return request.response;
      const outcome = await submitApplication(request.command, { ...deps, formTokens, pseudonymiser });
      logSubmission(logger, outcome);
      return submissionResponse(outcome, request, { now: deps.clock.now(), formTokens, pages });
    },
    { page: (values, message) => renderApplicationPage(pages, values, {}, message) },
  );
}
