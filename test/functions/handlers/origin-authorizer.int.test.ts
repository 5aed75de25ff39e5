/**
 * The origin authorizer configured as on AWS: it reads the origin-verify value from the application secret (a
 * stand-in for Secrets Manager, through the real adapter and client), and its call is recorded for the IAM check
 * (test/iam), so its role is held to the GetSecretValue it makes. The checks of the header itself are in
 * origin-authorizer.test.ts.
 */
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/config.ts';
import { functionEnvironments } from '../../../functions/function-environments.ts';
import { createOriginAuthorizerHandler } from '../../../functions/handlers/origin-authorizer.ts';
import { LOCAL_ORIGIN_VERIFY_SECRET } from '../../../functions/local/local-environment.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';

let intake: IntakeServer;
beforeAll(async () => {
  intake = await startIntakeServer();
});
afterAll(async () => {
  await intake?.close();
});

const authorizerEvent = (value: string): APIGatewayRequestAuthorizerEventV2 =>
  ({
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:ap-east-1:123456789012:abc/$default/POST/api/applications',
    identitySource: [value],
    routeKey: 'POST /api/applications',
    rawPath: '/api/applications',
    rawQueryString: '',
    headers: { 'x-origin-verify': value },
    requestContext: {} as APIGatewayRequestAuthorizerEventV2['requestContext'],
  }) as unknown as APIGatewayRequestAuthorizerEventV2;

it('admits the value stored in the application secret and refuses another, reading the secret from Secrets Manager', async () => {
  // Only what the function gets on AWS: the secret's ARN, no local values.
  const { PHONE_HASH_SECRET: _key, ORIGIN_VERIFY_SECRET: _value, ...env } = intake.env;
  const config = loadConfig(functionEnvironments['origin-authorizer'], env);
  expect(config.APP_SECRET_ARN).toBeDefined();
  const handler = createOriginAuthorizerHandler(config, intake.recordedClients('origin-authorizer'));

  expect(await handler(authorizerEvent(LOCAL_ORIGIN_VERIFY_SECRET))).toEqual({ isAuthorized: true });
  expect(await handler(authorizerEvent(`${LOCAL_ORIGIN_VERIFY_SECRET}-not`))).toEqual({ isAuthorized: false });
});
