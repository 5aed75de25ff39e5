/**
 * One origin, like CloudFront: `/api/*` to the Lambda handlers (through the API Gateway adapter), everything else
 * from the built site, with CloudFront's error pages and security headers (functions/http/cloudfront-behaviour.ts,
 * the definitions CDK deploys). The handlers come built (local-handlers.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { edgeHeaders, errorResponseFor } from '../http/cloudfront-behaviour.ts';
import { createApiGatewayAdapter, send, type ApiHandlers } from './api-gateway-adapter.ts';
import { parseRequestTarget } from './request-target.ts';
import { createStaticSiteHandler } from './static-site.ts';

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * CloudFront's headers on an answer about to be written: `forced` ones win over the origin's (written last, when the
 * origin's own headers are known), `ifAbsent` ones only fill a gap.
 */
function setEdgeHeaders(response: ServerResponse, kind: 'site' | 'api'): void {
  const { forced, ifAbsent } = edgeHeaders(kind);
  for (const [name, value] of Object.entries(ifAbsent)) response.setHeader(name, value);
  const writeHead = response.writeHead.bind(response) as (status: number, headers?: Record<string, string | string[]>) => ServerResponse;
  response.writeHead = ((status: number, headers?: Record<string, string | string[]>) =>
    writeHead(status, { ...headers, ...forced })) as typeof response.writeHead;
}

/** Something else served on the same origin under a path prefix (the local OpenID Connect provider at /oidc). */
export interface LocalMount {
  prefix: string;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/** A mount answering one JSON document to GET and HEAD, never cached (like /console/config.json behind CloudFront). */
export function serveJson(document: unknown): LocalMount['handle'] {
  const body = JSON.stringify(document);
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' })
      .end(request.method === 'HEAD' ? undefined : body);
  };
}

/** `originVerifySecret`: what the handlers were given as ORIGIN_VERIFY_SECRET (the server adds it as CloudFront does). */
export async function startLocalServer(options: {
  port: number;
  host?: string;
  siteDir: string;
  handlers: ApiHandlers;
  originVerifySecret: string;
  mounts?: readonly LocalMount[];
}): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  const site = createStaticSiteHandler(options.siteDir);
  // CloudFront's custom error responses apply to the API's answers too (cloudfront-behaviour.ts): an API answer with
  // a mapped status reaches the browser as the site's error page, exactly as on AWS.
  const api = createApiGatewayAdapter(options.handlers, options.originVerifySecret, (request, response, result) => {
    const rule = typeof result === 'string' ? undefined : errorResponseFor(result.statusCode ?? 200);
    if (rule) return site.servePage(request, response, rule.responsePagePath, rule.responseHttpStatus);
    return send(response, result);
  });

  const server: Server = createServer((request, response) => {
    // A request target the URL parser rejects (`//`, `http://[`) is the client's mistake, as CloudFront would say.
    if (!parseRequestTarget(request.url)) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad Request');
      return;
    }
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const mount = options.mounts?.find((candidate) => path === candidate.prefix || path.startsWith(`${candidate.prefix}/`));
    const isApi = path === '/api' || path.startsWith('/api/');
    const serve = mount ? mount.handle : isApi ? api : site;
    // The security headers CloudFront adds (not to the sign-in provider's pages: on AWS those are Cognito's).
    if (!mount) setEdgeHeaders(response, isApi ? 'api' : 'site');
    serve(request, response).catch((error: unknown) => {
      console.error('[local server]', error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.port} is already in use (set PORT)`) : error),
    );
    server.listen(options.port, host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
