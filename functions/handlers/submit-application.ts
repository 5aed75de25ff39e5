/**
 * Lambda for `POST /api/applications`, the no-JavaScript thank-you page, and the /api/ catch-all (see http/routes.ts).
 */
import { createDynamoDbApplicationStore } from '../adapters/dynamodb-application-store.ts';
import { createDocumentClient } from '../adapters/dynamodb-document-client.ts';
import { createHmacFormTokens } from '../adapters/hmac-form-tokens.ts';
import { createHmacPseudonymiser } from '../adapters/hmac-pseudonymiser.ts';
import { createSqsReviewQueue } from '../adapters/sqs-review-queue.ts';
import { randomReferences, systemClock } from '../adapters/system.ts';
import { loadConfig } from '../config.ts';
import { apiHandler } from '../http/api-handler.ts';
import { formTokenResponse, thankYouResponse, unmatchedRouteResponse } from '../http/other-routes.ts';
import { logSubmission, readSubmission, submissionResponse } from '../http/submission.ts';
import { createLogger } from '../logger.ts';
import { submitApplication, type SubmitApplicationDeps } from '../use-cases/submit-application.ts';

const config = loadConfig([
  'APPLICATIONS_TABLE_NAME',
  'REVIEW_QUEUE_URL',
  'PHONE_HASH_SECRET',
  'ORIGIN_VERIFY_SECRET',
  'SITE_ORIGIN',
  'RATE_LIMIT_PER_IP_PER_MINUTE',
  'RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY',
  'RETENTION_DAYS',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
]);
const logger = createLogger(config);
const deps: SubmitApplicationDeps = {
  applications: createDynamoDbApplicationStore({ tableName: config.APPLICATIONS_TABLE_NAME, documentClient: createDocumentClient() }),
  reviewQueue: createSqsReviewQueue({ queueUrl: config.REVIEW_QUEUE_URL }),
  clock: systemClock,
  references: randomReferences,
  pseudonymiser: createHmacPseudonymiser(config.PHONE_HASH_SECRET),
  formTokens: createHmacFormTokens(config.PHONE_HASH_SECRET),
  limits: {
    requestsPerIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
    applicationsPerPhonePerAddressPerDay: config.RATE_LIMIT_PER_PHONE_PER_ADDRESS_PER_DAY,
    retentionDays: config.RETENTION_DAYS,
  },
};

const trust = { originVerifySecret: config.ORIGIN_VERIFY_SECRET, siteOrigin: config.SITE_ORIGIN };

export const handler = apiHandler(logger, async (event) => {
  if (event.routeKey === 'GET /api/applications/thanks') return thankYouResponse(event);
  if (event.routeKey === 'GET /api/applications/form-token') return formTokenResponse(deps.formTokens, deps.clock.now());
  if (event.routeKey !== 'POST /api/applications') return unmatchedRouteResponse(event);
  const request = readSubmission(event, { now: deps.clock.now(), formTokens: deps.formTokens }, trust);
  if (!request.ok) return request.response;
  const outcome = await submitApplication(request.command, deps);
  logSubmission(logger, outcome);
  return submissionResponse(outcome, request, { now: deps.clock.now(), formTokens: deps.formTokens });
});
