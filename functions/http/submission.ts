/**
 * HTTP side of `POST /api/applications`: turn the request into a SubmitApplicationCommand, and an outcome into a
 * JSON response (JavaScript form, API clients) or a redirect / HTML page (form posted without JavaScript).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describeError } from '../logger.ts';
import { applicationFromFormFields, applicationMessages } from '#domain/application.ts';
import type { FormTokens } from '#domain/form-token.ts';
import type { SubmitApplicationCommand, SubmitApplicationOutcome } from '../use-cases/submit-application.ts';
import { formValuesFrom, renderApplicationPage, type ApiPageSettings, type FormValues } from './html-pages.ts';
import { isKnownFieldName } from './html-fragments.ts';
import { idempotencyKeyOf, isCrossSitePost, isFormPost, readBody, viewerIpOf, type RequestTrust } from './request.ts';
import {
  crossSitePostMessage,
  refusalStatus,
  errorMessages,
  FORM_TOKEN_HEADER,
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

export type SubmissionRequest = { ok: true; command: SubmitApplicationCommand; formValues?: FormValues } | { ok: false; response: ApiResponse };

/**
 * Who may call it: anyone, through the site's form (JSON with an Idempotency-Key from the script, or a form post from
 * our own page). A form post from another site's page gets the form back (400, never 403: see refusalStatus), nothing stored.
 */
/** What re-rendering the form needs: the time, the form tokens to keep or replace the posted one, the page settings. */
export interface FormContext {
  now: Date;
  formTokens: FormTokens;
  pages: ApiPageSettings;
}

export function readSubmission(event: APIGatewayProxyEventV2, context: FormContext, trust: RequestTrust): SubmissionRequest {
  const read = readBody(event);
  if (!read.ok) {
    const { status, code } = read.problem;
    return { ok: false, response: isFormPost(event) ? formPage(status, {}, {}, context, errorMessages[code]) : errorResponse(status, code) };
  }
  const key = idempotencyKeyOf(event);
  const viewerIp = viewerIpOf(event, trust.originVerify);

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
  if (isCrossSitePost(event, trust)) return { ok: false, response: formPage(refusalStatus.refused, formValues, {}, context, crossSitePostMessage) };
  if (key.present && !key.valid) {
    return { ok: false, response: formPage(400, formValues, {}, context, formRequestRejectedMessage) };
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

export function submissionResponse(outcome: SubmitApplicationOutcome, request: Extract<SubmissionRequest, { ok: true }>, context: FormContext): ApiResponse {
  const form = request.formValues;
  switch (outcome.kind) {
    case 'accepted':
      if (form) return seeOther(`${THANK_YOU_PATH}?ref=${encodeURIComponent(outcome.reference)}`);
      return jsonResponse(outcome.replayed ? 200 : 201, { reference: outcome.reference, status: 'submitted' });
    case 'invalid':
      return form ? formPage(400, form, outcome.fields, context) : errorResponse(400, 'invalid_input', { fields: outcome.fields });
    case 'form_token_needed':
      // Nothing stored. The form page carries the token; the script reads it from the answer and submits again.
      return form
        ? formPage(400, { ...form, formToken: outcome.formToken }, {}, context, applicationMessages.formToken)
        : errorResponse(400, 'form_token_required', {
            fields: { formToken: applicationMessages.formToken },
            headers: { [FORM_TOKEN_HEADER]: outcome.formToken },
          });
    case 'idempotency_key_reused':
      return form ? formPage(422, form, {}, context, errorMessages.idempotency_key_reused) : errorResponse(422, 'idempotency_key_reused');
    case 'rate_limited': {
      // Whichever limit it was (the log says which), the merchant reads the same words: see submissionRateLimitMessage.
      const headers = retryAfterHeader(SUBMISSION_RETRY_AFTER_SECONDS);
      const message = submissionRateLimitMessage;
      return form ? formPage(429, form, {}, context, message, headers) : errorResponse(429, 'rate_limited', { message, headers });
    }
  }
}

/**
 * The form again with the merchant's input, carrying a form token that still works: the posted one while it is
 * good (so fixing a typo quickly is never mistaken for a bot), otherwise a fresh one (a static page has none, and a
 * forged or expired one must not come back).
 */
function formPage(
  statusCode: number,
  posted: FormValues,
  errors: Record<string, string>,
  context: FormContext,
  message?: string,
  headers?: Record<string, string>,
): ApiResponse {
  const values: Record<string, string> = { ...posted };
  const postedToken = values.formToken ?? '';
  const check = context.formTokens.check(postedToken, context.now);
  // Issued with the merchant's input already filled in: a confirmation's token (no timing signals come from it).
  values.formToken = check.kind === 'valid' || check.kind === 'too_new' ? postedToken : context.formTokens.issue(context.now, 'confirm');
  // Consent given to an outdated policy must be given again.
  if (Object.hasOwn(errors, 'consent.version')) {
    delete values['consent.privacy'];
    delete values['consent.crossBorder'];
    delete values['consent.providerSharing'];
  }
  // Field errors are listed in the form's own summary; a separate message is only for problems that are not a field's.
  return htmlResponse(statusCode, renderApplicationPage(context.pages, values, errors, message), headers);
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
    // Only our own field names: a client can name a field anything (a phone number, a slur), and logs keep it.
    const names = Object.keys(outcome.fields);
    logger.info('application submission', {
      outcome: kind,
      invalidFields: names.filter(isKnownFieldName),
      unknownFieldCount: names.filter((name) => !isKnownFieldName(name)).length,
    });
  } else {
    logger.info('application submission', { outcome: kind, ...(kind === 'rate_limited' && { limit: outcome.limit }) });
  }
}
