import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiGatewayAdapter, type LambdaHttpHandler } from '../../../functions/local/api-gateway-adapter.ts';
import { send } from '../../support/http-client.ts';

const received: { handler: string; event: APIGatewayProxyEventV2 }[] = [];
const recording =
  (handler: string): LambdaHttpHandler =>
  async (event) => {
    received.push({ handler, event });
    return { statusCode: 299, headers: { 'x-handled-by': handler }, cookies: ['a=1', 'b=2'], body: 'ok' };
  };

let server: Server;
let origin: string;

beforeAll(async () => {
  const adapter = createApiGatewayAdapter(
    {
      'submit-application': recording('submit-application'),
      'status-lookup': recording('status-lookup'),
      console: recording('console'),
    },
    'adapter-test-origin-secret',
  );
  server = createServer((request, response) => void adapter(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const lastEvent = () => received.at(-1)!;

describe('local API Gateway adapter', () => {
  it('dispatches by the shared route table and builds a payload 2.0 event', async () => {
    const response = await send(`${origin}/api/applications/status?x=1&x=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Custom': 'yes', cookie: 'c=3' },
      body: '{"a":1}',
    });

    expect(response.status).toBe(299);
    expect(response.headers['x-handled-by']).toBe('status-lookup');
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    const { event } = lastEvent();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /api/applications/status',
      rawPath: '/api/applications/status',
      rawQueryString: 'x=1&x=2',
      queryStringParameters: { x: '1,2' },
      cookies: ['c=3'],
      body: '{"a":1}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', sourceIp: '127.0.0.1' }, stage: '$default' },
    });
    expect(event.headers['x-custom']).toBe('yes');
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('sends form bodies base64-encoded, as API Gateway does', async () => {
    await send(`${origin}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=%E5%BC%A0',
    });

    const { event } = lastEvent();
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64').toString()).toBe('name=%E5%BC%A0');
  });

  it('passes a JSON body that is not UTF-8 base64-encoded, byte for byte, never decoded lossily', async () => {
    const bytes = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    await send(`${origin}/api/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });

    const { event } = lastEvent();
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(bytes);
  });

  it('replaces a client-sent CloudFront-Viewer-Address and x-origin-verify with its own, as CloudFront does', async () => {
    await send(`${origin}/api/applications`, {
      method: 'POST',
      headers: { 'cloudfront-viewer-address': '198.51.100.1:443', 'x-origin-verify': 'forged', 'content-type': 'application/json' },
      body: '{}',
      localAddress: '127.0.0.9',
    });

    expect(lastEvent().event.headers['cloudfront-viewer-address']).toMatch(/^127\.0\.0\.9:\d+$/);
    expect(lastEvent().event.headers['x-origin-verify']).toBe('adapter-test-origin-secret');
    expect(lastEvent().event.requestContext.http.sourceIp).toBe('127.0.0.9');
  });

  it('routes unknown paths and methods to the catch-all handler with the proxy path', async () => {
    await send(`${origin}/api/some/thing`, { method: 'DELETE' });

    expect(lastEvent()).toMatchObject({ handler: 'submit-application', event: { routeKey: 'ANY /api/{proxy+}', pathParameters: { proxy: 'some/thing' } } });
  });

  it('refuses to buffer huge bodies: 413 in the API error shape without calling a handler', async () => {
    const before = received.length;

    const response = await send(`${origin}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(200 * 1024, 'a'),
    });

    expect(response.status).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
    expect(received.length).toBe(before);
  });
});
