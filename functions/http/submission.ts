/**
 * HTTP side of `POST /api/applications`: turn the request into a SubmitApplicationCommand, and an outcome into a
 * JSON response (JavaScript form, API clients) or a redirect / HTML page (form posted without JavaScript).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describeError } from '../logger.ts';
import { applicationFromFormFields } from '../domain/application.ts';
import type { SubmitApplicationCommand, SubmitApplicationOutcome } from '../use-cases/submit-application.ts';
import { formValuesFrom, renderApplicationPage, type FormValues } from './html-pages.ts';
import { idempotencyKeyOf, readBody, viewerIpOf } from './request.ts';
import {
  errorMessages,
  errorResponse,
  formRequestRejectedMessage,
  htmlResponse,
  idempotencyKeyMessage,
  jsonResponse,
  retryAfterHeader,
  seeOther,
  submissionRateLimitMessage,
  SUBMISSION_RETRY_AFTER_SECONDS,
  type ApiResponse,
} from './responses.ts';

export const THANK_YOU_PATH = '/api/applications/thanks';

export type SubmissionRequest =
  | { ok: true; command: SubmitApplicationCommand; formValues?: FormValues }
  | { ok: false; response: ApiResponse };

/** `originVerifySecret`: ORIGIN_VERIFY_SECRET, deciding whether the viewer-address header is believed (request.ts). */
export function readSubmission(event: APIGatewayProxyEventV2, now: Date, originVerifySecret: string | undefined): SubmissionRequest {
  const read = readBody(event);
  if (!read.ok) return { ok: false, response: errorResponse(read.problem.status, read.problem.code) };
  const key = idempotencyKeyOf(event);
  const viewerIp = viewerIpOf(event, originVerifySecret);

  if (read.body.format === 'json') {
    if (!key.present || !key.valid) {
      return {
        ok: false,
        response: errorResponse(400, 'idempotency_key_required', { fields: { 'Idempotency-Key': idempotencyKeyMessage } }),
      };
    }
    return { ok: true, command: { body: read.body.value, idempotencyKey: key.key, channel: 'json', viewerIp } };
  }

  const formValues = formValuesFrom(read.body.fields);
  if (key.present && !key.valid) {
    return { ok: false, response: formPage(400, formValues, {}, now, formRequestRejectedMessage) };
  }
  return {
    ok: true,
    command: {
      body: applicationFromFormFields(read.body.fields),
      ...(key.present && { idempotencyKey: key.key }),
      channel: 'form',
      viewerIp,
    },
    formValues,
  };
}

export function submissionResponse(outcome: SubmitApplicationOutcome, request: Extract<SubmissionRequest, { ok: true }>, now: Date): ApiResponse {
  const form = request.formValues;
  switch (outcome.kind) {
    case 'accepted':
      if (form) return seeOther(`${THANK_YOU_PATH}?ref=${encodeURIComponent(outcome.reference)}`);
      return jsonResponse(outcome.replayed ? 200 : 201, { reference: outcome.reference, status: 'submitted' });
    case 'invalid':
      return form ? formPage(400, form, outcome.fields, now) : errorResponse(400, 'invalid_input', { fields: outcome.fields });
    case 'idempotency_key_reused':
      return form
        ? formPage(422, form, {}, now, errorMessages.idempotency_key_reused)
        : errorResponse(422, 'idempotency_key_reused');
    case 'rate_limited': {
      // Whichever limit it was (the log says which), the merchant reads the same words: see submissionRateLimitMessage.
      const headers = retryAfterHeader(SUBMISSION_RETRY_AFTER_SECONDS);
      const message = submissionRateLimitMessage;
      return form ? formPage(429, form, {}, now, message, headers) : errorResponse(429, 'rate_limited', { message, headers });
    }
  }
}

/**
 * The form again with the merchant's input. A start time that was valid is kept, so fixing a typo quickly is never
 * mistaken for a bot. A missing one (a static page cannot stamp the time it was shown, so without JavaScript it
 * arrives empty and the schema rejects it) is set to now: the form comes back once, and the fill-time check cannot
 * be skipped by leaving the field out.
 */
function formPage(
  statusCode: number,
  posted: FormValues,
  errors: Record<string, string>,
  now: Date,
  message?: string,
  headers?: Record<string, string>,
): ApiResponse {
  const values: Record<string, string> = { ...posted };
  if (!/^\d{1,16}$/.test(values.startedAt ?? '')) values.startedAt = String(now.getTime());
  // Consent given to an outdated policy must be given again.
  if (Object.hasOwn(errors, 'consent.version')) {
    delete values['consent.privacy'];
    delete values['consent.crossBorder'];
    delete values['consent.providerSharing'];
  }
  // Field errors are listed in the form's own summary; a separate message is only for problems that are not a field's.
  return htmlResponse(statusCode, renderApplicationPage(values, errors, message), headers);
}

/** One log line per submission: outcome and reference only, never what the merchant typed. */
export function logSubmission(logger: Logger, outcome: SubmitApplicationOutcome): void {
  const { kind } = outcome;
  if (kind === 'accepted') {
    const { reference, replayed, spam, enqueued, enqueueError } = outcome;
    logger.info('application submission', { outcome: kind, reference, replayed, ...(spam && { spamReason: spam }), enqueued });
    if (!replayed && !spam && !enqueued) {
      logger.warn('review message not sent; left in the outbox for the sweeper', { reference, error: describeError(enqueueError) });
    }
  } else if (kind === 'invalid') {
    logger.info('application submission', { outcome: kind, invalidFields: Object.keys(outcome.fields).slice(0, 20) });
  } else {
    logger.info('application submission', { outcome: kind, ...(kind === 'rate_limited' && { limit: outcome.limit }) });
  }
}
