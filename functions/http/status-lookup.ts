/**
 * HTTP side of `POST /api/applications/status`: JSON for the status page's script and API clients, an HTML result
 * page for the form posted without JavaScript.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { LookUpStatusCommand, LookUpStatusOutcome } from '../use-cases/look-up-status.ts';
import { formValuesFrom, renderStatusPage, type FormValues } from './html-pages.ts';
import { readBody, viewerIpOf } from './request.ts';
import {
  errorMessages,
  errorResponse,
  htmlResponse,
  jsonResponse,
  retryAfterHeader,
  statusLookupRateLimitMessages,
  type ApiResponse,
} from './responses.ts';

export type StatusLookupRequest =
  | { ok: true; command: LookUpStatusCommand; formValues?: FormValues }
  | { ok: false; response: ApiResponse };

/** `originVerifySecret`: ORIGIN_VERIFY_SECRET, deciding whether the viewer-address header is believed (request.ts). */
export function readStatusLookup(event: APIGatewayProxyEventV2, originVerifySecret: string | undefined): StatusLookupRequest {
  const read = readBody(event);
  if (!read.ok) return { ok: false, response: errorResponse(read.problem.status, read.problem.code) };
  const viewerIp = viewerIpOf(event, originVerifySecret);
  if (read.body.format === 'json') return { ok: true, command: { body: read.body.value, viewerIp } };
  const formValues = formValuesFrom(read.body.fields);
  return { ok: true, command: { body: { ...formValues }, viewerIp }, formValues };
}

export function statusLookupResponse(outcome: LookUpStatusOutcome, request: Extract<StatusLookupRequest, { ok: true }>): ApiResponse {
  const form = request.formValues;
  switch (outcome.kind) {
    case 'found': {
      const { kind: _kind, ...result } = outcome;
      return form ? htmlResponse(200, renderStatusPage(outcome)) : jsonResponse(200, result);
    }
    case 'not_found':
      // Identical whether the reference or the phone digits were wrong.
      return form
        ? htmlResponse(404, renderStatusPage({ kind: 'form', values: form, errors: {}, message: errorMessages.not_found }))
        : errorResponse(404, 'not_found');
    case 'invalid':
      return form
        ? htmlResponse(400, renderStatusPage({ kind: 'form', values: form, errors: outcome.fields, message: errorMessages.invalid_input }))
        : errorResponse(400, 'invalid_input', { fields: outcome.fields });
    case 'rate_limited': {
      const headers = retryAfterHeader(outcome.retryAfterSeconds);
      const message = statusLookupRateLimitMessages[outcome.limit];
      return form
        ? htmlResponse(429, renderStatusPage({ kind: 'form', values: form, errors: {}, message }), headers)
        : errorResponse(429, 'rate_limited', { message, headers });
    }
  }
}
