/**
 * The API's origin authorizer (handlers/origin-authorizer.ts), run as API Gateway runs it: one request-authorizer
 * event in, a simple `{ isAuthorized }` out. The fixed secret source stands in for Secrets Manager.
 */
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/config.ts';
import { functionEnvironments } from '../../../functions/function-environments.ts';
import { createOriginAuthorizerHandler } from '../../../functions/handlers/origin-authorizer.ts';

const current = 'current-origin-verify-value-0123456789';
const handler = createOriginAuthorizerHandler(
  loadConfig(functionEnvironments['origin-authorizer'], {
    PHONE_HASH_SECRET: 'authorizer-test-phone-hash-key',
    ORIGIN_VERIFY_SECRET: current,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  }),
  {
    get secretsManager(): never {
      throw new Error('the fixed local secret needs no Secrets Manager');
    },
  },
);

const authorizerEvent = (headers: Record<string, string>): APIGatewayRequestAuthorizerEventV2 =>
  ({
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:ap-east-1:123456789012:abc/$default/POST/api/applications',
    identitySource: headers['x-origin-verify'] ? [headers['x-origin-verify']] : [],
    routeKey: 'POST /api/applications',
    rawPath: '/api/applications',
    rawQueryString: '',
    headers,
    requestContext: {} as APIGatewayRequestAuthorizerEventV2['requestContext'],
  }) as APIGatewayRequestAuthorizerEventV2;

describe('origin authorizer', () => {
  it('lets through a request that carries the current x-origin-verify (it came through CloudFront)', async () => {
    expect(await handler(authorizerEvent({ 'x-origin-verify': current }))).toEqual({ isAuthorized: true });
  });

  it.each([
    ['no header', {}],
    ['a guessed value', { 'x-origin-verify': 'guessed-value-000000000000000000' }],
    ['the value minus its last character', { 'x-origin-verify': current.slice(0, -1) }],
    ['the value plus one character', { 'x-origin-verify': `${current}x` }],
  ])('refuses a direct call with %s', async (_, headers) => {
    expect(await handler(authorizerEvent(headers))).toEqual({ isAuthorized: false });
  });

  it('fails (API Gateway answers 500, and does not cache it) when the secret cannot be read, rather than a cached refusal', async () => {
    const unreadable = createOriginAuthorizerHandler(
      loadConfig(functionEnvironments['origin-authorizer'], {
        APP_SECRET_ARN: 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:AppSecret-abc',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      }),
      // Secrets Manager unreachable: every call fails, as during an outage.
      { secretsManager: { send: async () => Promise.reject(new Error('connect ETIMEDOUT')) } as never },
    );

    await expect(unreadable(authorizerEvent({ 'x-origin-verify': current }))).rejects.toThrow();
  });
});
