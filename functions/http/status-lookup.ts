/**
 * HTTP side of `POST /api/applications/status`: JSON for the status page's script and API clients, an HTML result
 * page for the form posted without JavaScript.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { StatusLookupCommand, StatusLookupOutcome } from '../use-cases/status-lookup.ts';
import { formValuesFrom, renderStatusPage, type ApiPageSettings, type FormValues } from './html-pages.ts';
import { isCrossSitePost, isFormPost, readBody, viewerIpOf, type RequestTrust } from './request.ts';
import {
  crossSitePostMessage,
  refusalStatus,
  errorMessages,
  errorResponse,
  htmlResponse,
  jsonResponse,
  retryAfterHeader,
  statusLookupRateLimitMessages,
  type ApiResponse,
} from './responses.ts';

export type StatusLookupRequest = { ok: true; command: StatusLookupCommand; formValues?: FormValues } | { ok: false; response: ApiResponse };

/**
 * Who may call it: anyone, from the status page (JSON from its script, or its form). A form post from another site's
 * page (which could spread guesses over thousands of visitors' addresses) gets the form back (400), nothing looked up.
 */
export function readStatusLookup(event: APIGatewayProxyEventV2, trust: RequestTrust, pages: ApiPageSettings): StatusLookupRequest {
  const read = readBody(event);
  if (!read.ok) {
    const { status, code } = read.problem;
    const page = () => htmlResponse(status, renderStatusPage(pages, { kind: 'form', values: {}, errors: {}, message: errorMessages[code] }));
    return { ok: false, response: isFormPost(event) ? page() : errorResponse(status, code) };
  }
  const viewerIp = viewerIpOf(event, trust.originVerify);
  if (read.body.format === 'json') return { ok: true, command: { body: read.body.value, viewerIp } };
  const formValues = formValuesFrom(read.body.fields);
  if (isCrossSitePost(event, trust)) {
    return {
      ok: false,
      response: htmlResponse(refusalStatus.refused, renderStatusPage(pages, { kind: 'form', values: formValues, errors: {}, message: crossSitePostMessage })),
    };
  }
  return { ok: true, command: { body: { ...formValues }, viewerIp }, formValues };
}

export function statusLookupResponse(outcome: StatusLookupOutcome, request: Extract<StatusLookupRequest, { ok: true }>, pages: ApiPageSettings): ApiResponse {
  const form = request.formValues;
  switch (outcome.kind) {
    case 'found': {
      const { kind: _kind, ...result } = outcome;
      return form ? htmlResponse(200, renderStatusPage(pages, outcome)) : jsonResponse(200, result);
    }
    case 'not_found':
      // Identical whether the reference or the phone digits were wrong.
      return form
        ? htmlResponse(404, renderStatusPage(pages, { kind: 'form', values: form, errors: {}, message: errorMessages.not_found }))
        : errorResponse(404, 'not_found');
    case 'invalid':
      return form
        ? htmlResponse(400, renderStatusPage(pages, { kind: 'form', values: form, errors: outcome.fields, message: errorMessages.invalid_input }))
        : errorResponse(400, 'invalid_input', { fields: outcome.fields });
    case 'rate_limited': {
      const headers = retryAfterHeader(outcome.retryAfterSeconds);
      const message = statusLookupRateLimitMessages[outcome.limit];
      return form
        ? htmlResponse(429, renderStatusPage(pages, { kind: 'form', values: form, errors: {}, message }), headers)
        : errorResponse(429, 'rate_limited', { message, headers });
    }
  }
}
