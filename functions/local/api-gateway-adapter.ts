/**
 * Runs the Lambda handlers behind a Node HTTP server the way API Gateway (HTTP API, payload 2.0) behind CloudFront
 * runs them on AWS: same route table, same event and result shapes, same viewer-address header.
 */
import { randomUUID } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { errorResponse } from '../http/responses.ts';
import { matchApiRoute, pathParametersOf, routeKeyOf, type ApiHandlerName } from '../http/routes.ts';
import { LOCAL_REGION } from './local-environment.ts';
import { parseRequestTarget } from './request-target.ts';
import { originVerifyHeader } from '#domain/app-secrets.ts';

export type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;
export type ApiHandlers = Readonly<Record<ApiHandlerName, LambdaHttpHandler>>;

/**
 * Bodies above this are not read at all (the handlers reject anything over 8 KB with 413 themselves; this only
 * stops a client from making the local server buffer megabytes).
 */
const MAX_READ_BYTES = 64 * 1024;

/** API Gateway passes these as text; anything else arrives base64-encoded, as form posts do on AWS. */
const TEXT_BODY = /^(application\/json|text\/)/i;

/** Writes API Gateway's answer to the client: `send` by default; the local server puts CloudFront's rules in between. */
export type DeliverApiAnswer = (request: IncomingMessage, response: ServerResponse, result: APIGatewayProxyResultV2) => void | Promise<void>;

/** `originVerifySecret`: sent as `x-origin-verify` with every request, as the distribution sends ORIGIN_VERIFY_SECRET. */
export function createApiGatewayAdapter(
  handlers: ApiHandlers,
  originVerifySecret: string,
  deliver: DeliverApiAnswer = (_, response, result) => send(response, result),
) {
  return async function handleApiRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const send = (response: ServerResponse, result: APIGatewayProxyResultV2) => deliver(request, response, result);
    const url = parseRequestTarget(request.url);
    if (!url) return send(response, errorResponse(400, 'malformed_request_target'));
    const method = (request.method ?? 'GET').toUpperCase();
    const route = matchApiRoute(method, url.pathname);
    if (!route) return send(response, errorResponse(404, 'route_not_found'));

    const body = await readBody(request);
    if (body === 'too_large') return send(response, errorResponse(413, 'payload_too_large', { headers: { connection: 'close' } }));

    const event = toEvent(request, url, method, routeKeyOf(route), body, originVerifySecret);
    if (route.path.endsWith('{proxy+}')) event.pathParameters = { proxy: url.pathname.slice('/api/'.length) };
    else if (route.path.includes('/{')) {
      const pathParameters = pathParametersOf(route, url.pathname);
      if (pathParameters) event.pathParameters = pathParameters;
    }
    let result: APIGatewayProxyResultV2;
    try {
      result = await handlers[route.handler](event, lambdaContext(route.handler, event.requestContext.requestId));
    } catch (error) {
      // What API Gateway answers when the function itself throws. Handlers catch everything, so this is a bug.
      console.error(`[local api] ${route.handler} threw`, error);
      result = { statusCode: 500, headers: { 'content-type': 'application/json' }, body: '{"message":"Internal Server Error"}' };
    }
    return send(response, result);
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too_large'> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_READ_BYTES) {
    request.resume();
    return 'too_large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_READ_BYTES) {
      request.resume();
      return 'too_large';
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toEvent(request: IncomingMessage, url: URL, method: string, routeKey: string, body: Buffer, originVerifySecret: string): APIGatewayProxyEventV2 {
  const socketIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // Like CloudFront: the viewer's address is ours to state, and so is the proof that we stated it; whatever the
  // client sent under either name is replaced.
  headers['cloudfront-viewer-address'] = `${socketIp}:${request.socket.remotePort ?? 0}`;
  headers[originVerifyHeader] = originVerifySecret;

  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const contentType = headers['content-type'] ?? '';
  // Bytes that are not UTF-8 cannot travel as text: decoding them would replace them with U+FFFD and hand the
  // handler a different, valid body. They go base64-encoded, so the handler sees them as sent (and answers 400).
  const isText = TEXT_BODY.test(contentType) && isUtf8(body);
  const now = new Date();
  const requestId = randomUUID();

  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(request.headers.cookie && { cookies: request.headers.cookie.split(/;\s*/) }),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: socketIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 && { body: isText ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

/** A Lambda context as the runtime would pass it (also used by the local review-queue poller). */
export function lambdaContext(functionName: string, awsRequestId: string, timeoutMs = 10_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: `local-${functionName}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:000000000000:function:local-${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: `/aws/lambda/local-${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** API Gateway's answer as it leaves API Gateway. */
export function send(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  if (typeof result === 'string') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(result);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body === undefined ? '' : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(result.statusCode ?? 200, headers).end(body);
}
