import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAuthenticator } from '../../../functions/http/console-auth.ts';

const issuer = 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_TEST';
const audience = 'console-client-id';
let sign: (claims: JWTPayload, options?: { issuer?: string; expiresIn?: string }) => Promise<string>;
let authenticate: ReturnType<typeof createConsoleAuthenticator>;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
  authenticate = createConsoleAuthenticator({ issuer, audience, jwksUrl: `${issuer}/.well-known/jwks.json` }, jwks);
  sign = (claims, options = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(options.issuer ?? issuer)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(privateKey);
});

const eventWith = (token: string): APIGatewayProxyEventV2 => ({ headers: { authorization: `Bearer ${token}` } }) as unknown as APIGatewayProxyEventV2;

describe('console authentication', () => {
  it('accepts a Cognito access token (client_id, username, cognito:groups) and records the user as console:<username>', async () => {
    const token = await sign({ sub: 'uuid-1', client_id: audience, username: 'alice', token_use: 'access', 'cognito:groups': ['reviewer'] });

    const result = await authenticate(eventWith(token), 'reviewer');

    expect(result).toEqual({ ok: true, user: { id: 'alice', actor: 'console:alice', roles: ['reviewer'] } });
  });

  it('401 for a token meant for another client (aud or client_id)', async () => {
    const otherAud = await sign({ sub: 'x', aud: 'someone-else', 'cognito:groups': ['admin'] });
    const otherClient = await sign({ sub: 'x', client_id: 'someone-else', 'cognito:groups': ['admin'] });

    expect(await authenticate(eventWith(otherAud), 'reviewer')).toEqual({ ok: false, status: 401 });
    expect(await authenticate(eventWith(otherClient), 'reviewer')).toEqual({ ok: false, status: 401 });
  });

  it('401 for a Cognito ID token: only access tokens call the API', async () => {
    const idToken = await sign({ sub: 'uuid-1', aud: audience, token_use: 'id', 'cognito:username': 'alice', 'cognito:groups': ['admin'] });

    expect(await authenticate(eventWith(idToken), 'reviewer')).toEqual({ ok: false, status: 401 });
  });

  it('401 for another issuer and for an expired token', async () => {
    const otherIssuer = await sign({ sub: 'x', aud: audience, 'cognito:groups': ['admin'] }, { issuer: 'https://evil.example' });
    const expired = await sign({ sub: 'x', aud: audience, 'cognito:groups': ['admin'] }, { expiresIn: '-1m' });

    expect(await authenticate(eventWith(otherIssuer), 'reviewer')).toEqual({ ok: false, status: 401 });
    expect(await authenticate(eventWith(expired), 'reviewer')).toEqual({ ok: false, status: 401 });
  });

  it('403 for a valid token without the role; admins may use reviewer routes; unknown groups give nothing', async () => {
    const reviewer = await sign({ sub: 'r', aud: audience, 'cognito:groups': ['reviewer'] });
    const admin = await sign({ sub: 'a', aud: audience, 'cognito:groups': ['admin'] });
    const stranger = await sign({ sub: 's', aud: audience, 'cognito:groups': ['superuser'] });

    expect(await authenticate(eventWith(reviewer), 'admin')).toEqual({ ok: false, status: 403 });
    expect((await authenticate(eventWith(admin), 'reviewer')).ok).toBe(true);
    expect(await authenticate(eventWith(stranger), 'reviewer')).toEqual({ ok: false, status: 403 });
  });

  it('401 without an Authorization header or with another scheme', async () => {
    expect(await authenticate({ headers: {} } as unknown as APIGatewayProxyEventV2, 'reviewer')).toEqual({ ok: false, status: 401 });
    expect(await authenticate({ headers: { authorization: 'Basic YTpi' } } as unknown as APIGatewayProxyEventV2, 'reviewer')).toEqual({ ok: false, status: 401 });
  });
});
