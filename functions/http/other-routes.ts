/**
 * The routes of the submit function that are not the submission itself: the no-JavaScript thank-you page, and the
 * catch-all that gives unknown paths and methods under /api/ our error shape instead of API Gateway's.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { normaliseReference } from '#domain/reference.ts';
import { renderMissingReferencePage, renderThankYouPage, type ApiPageSettings } from './html-pages.ts';
import type { FormTokens } from '#domain/form-token.ts';
import { errorResponse, htmlResponse, jsonResponse, type ApiResponse } from './responses.ts';
import { methodsAllowedOn } from './routes.ts';

/** `GET /api/applications/thanks?ref=PA-…`: rendered from the reference alone; no data is read. */
export function thankYouResponse(event: APIGatewayProxyEventV2, pages: ApiPageSettings): ApiResponse {
  const reference = normaliseReference(event.queryStringParameters?.ref ?? '');
  return reference ? htmlResponse(200, renderThankYouPage(pages, reference)) : htmlResponse(404, renderMissingReferencePage(pages));
}

/** `GET /api/applications/form-token`: `{ "formToken": "…" }`, never cached. */
export function formTokenResponse(formTokens: FormTokens, now: Date): ApiResponse {
  return jsonResponse(200, { formToken: formTokens.issue(now) });
}

/** 405 (with Allow) for a known path with another method; 404 for anything else. */
export function unmatchedRouteResponse(event: APIGatewayProxyEventV2): ApiResponse {
  const allowed = methodsAllowedOn(event.rawPath);
  return allowed.length > 0 ? errorResponse(405, 'method_not_allowed', { headers: { allow: allowed.join(', ') } }) : errorResponse(404, 'route_not_found');
}
