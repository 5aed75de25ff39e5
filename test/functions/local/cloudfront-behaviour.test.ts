/**
 * The local server applies CloudFront's rules from the definitions CDK deploys (functions/http/cloudfront-behaviour.ts):
 * an API answer with a status the distribution maps reaches the browser as the site's error page, exactly as on AWS,
 * and every answer carries the security headers CloudFront adds.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, errorResponses } from '../../../functions/http/cloudfront-behaviour.ts';
import type { LambdaHttpHandler } from '../../../functions/local/api-gateway-adapter.ts';
import { startLocalServer, type LocalServer } from '../../../functions/local/local-server.ts';
import { send } from '../../support/http-client.ts';

let siteDir: string;
let server: LocalServer;
/** The status the fake handlers answer with, set per test. */
let answerStatus = 200;
const handler: LambdaHttpHandler = async () => ({
  statusCode: answerStatus,
  headers: { 'content-type': 'application/json', 'referrer-policy': 'no-referrer' },
  body: '{"error":{"code":"x"}}',
});

beforeAll(async () => {
  siteDir = await mkdtemp(join(tmpdir(), 'edge-site-'));
  await writeFile(join(siteDir, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(join(siteDir, '404.html'), '<!doctype html><title>site 404 page</title>');
  server = await startLocalServer({
    port: 0,
    siteDir,
    handlers: { 'submit-application': handler, 'status-lookup': handler, console: handler },
    originVerifySecret: 'edge-test-origin-secret-value',
  });
});
afterAll(async () => {
  await server?.close();
  await rm(siteDir, { recursive: true, force: true });
});

describe("CloudFront's error responses on the local server", () => {
  it.each(errorResponses.map((rule) => [rule.httpStatus, rule.responseHttpStatus, rule.responsePagePath] as const))(
    'an API answer with status %i reaches the browser as %i with %s, its own body lost (as on AWS)',
    async (status, shownStatus, page) => {
      answerStatus = status;

      const response = await send(`${server.url}/api/console/me`);

      expect(response.status).toBe(shownStatus);
      expect(response.text).toContain(page === '/404.html' ? 'site 404 page' : '');
      expect(response.text).not.toContain('"code":"x"');
    },
  );

  it('leaves every other status and its body alone', async () => {
    for (const status of [200, 400, 401, 404, 409, 429, 503]) {
      answerStatus = status;
      const response = await send(`${server.url}/api/console/me`);

      expect(response.status, String(status)).toBe(status);
      expect(response.text).toBe('{"error":{"code":"x"}}');
    }
  });
});

describe("CloudFront's security headers on the local server", () => {
  it('site pages: CSP, HSTS, nosniff, DENY framing, referrer and permissions policies', async () => {
    const response = await send(`${server.url}/`);

    expect(response.headers).toMatchObject({
      'content-security-policy': contentSecurityPolicy,
      'strict-transport-security': expect.stringMatching(/^max-age=\d{8}; includeSubDomains$/),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'permissions-policy': expect.stringContaining('camera=()'),
    });
  });

  it("API answers: the same transport and framing headers, the API's own referrer policy and no site CSP", async () => {
    answerStatus = 200;
    const response = await send(`${server.url}/api/console/me`);

    expect(response.headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['content-security-policy']).toBeUndefined();
  });
});
