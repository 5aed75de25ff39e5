/**
 * The boundary every API handler runs inside: request-scoped log keys, one access log line, and the rule that
 * nothing but a 503 (with Retry-After) ever leaves as a server error — never a stack trace.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { DependencyUnavailableError } from '#domain/ports.ts';
import { describeError } from '../logger.ts';
import { formValuesFrom, type FormValues } from './html-pages.ts';
import { isFormPost, readBody } from './request.ts';
import { errorMessages, errorResponse, htmlResponse, retryAfterHeader, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, type ApiResponse } from './responses.ts';

export type ApiHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyResultV2>;

/** How a handler answers when a dependency is down: its own message and, for form posts, its own page. */
export interface UnavailableAnswer {
  /** @default errorMessages.service_unavailable */
  message?: string;
  /** The handler's form again, with the caller's input and `message`. Without it, form posts get the JSON error too. */
  page?: (values: FormValues, message: string) => string;
}

export function apiHandler(logger: Logger, handle: (event: APIGatewayProxyEventV2) => Promise<ApiResponse>, unavailable: UnavailableAnswer = {}): ApiHandler {
  return async (event, context) => {
    const startedAt = performance.now();
    if (context) logger.addContext(context);
    logger.appendKeys({ route: event.routeKey, apiRequestId: event.requestContext?.requestId });
    let response: ApiResponse;
    try {
      response = await handle(event);
    } catch (error) {
      // A dependency outage is expected and explained by its cause; anything else is a bug and needs its stack.
      const stack = error instanceof Error && !(error instanceof DependencyUnavailableError) ? { stack: error.stack } : {};
      logger.error('request failed; answered 503', { error: describeError(error), ...stack });
      response = serviceUnavailable(event, unavailable);
    }
    logger.info('request handled', { statusCode: response.statusCode, durationMs: Math.round(performance.now() - startedAt) });
    logger.resetKeys();
    return response;
  };
}

/** 503 in the form the caller can read: the JSON error, or the form again with their input and a message to retry. */
function serviceUnavailable(event: APIGatewayProxyEventV2, { message = errorMessages.service_unavailable, page }: UnavailableAnswer): ApiResponse {
  const headers = retryAfterHeader(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS);
  if (!page || !isFormPost(event)) return errorResponse(503, 'service_unavailable', { message, headers });
  const body = readBody(event);
  const values = body.ok && body.body.format === 'form' ? formValuesFrom(body.body.fields) : {};
  return htmlResponse(503, page(values, message), headers);
}
