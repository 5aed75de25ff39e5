/**
 * The console's token check with fixture tokens signed by a test key set: a Cognito-shaped access token passes;
 * anything else is refused (an ID token, another client's token, a token without `exp`, `client_id`, `token_use` or
 * `scope`, one whose only claim to be ours is `aud`), and a token without a console group is not permitted.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAuthenticator } from '../../../functions/http/console-auth.ts';

const issuer = 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_TEST';
const clientId = 'console-client-id';
let sign: (claims: JWTPayload, options?: { issuer?: string; expiresIn?: string | false }) => Promise<string>;
let authenticate: ReturnType<typeof createConsoleAuthenticator>;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
  authenticate = createConsoleAuthenticator({ issuer, clientId, jwksUrl: `${issuer}/.well-known/jwks.json` }, jwks);
  sign = (claims, options = {}) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(options.issuer ?? issuer)
      .setIssuedAt();
    if (options.expiresIn !== false) jwt.setExpirationTime(options.expiresIn ?? '5m');
    return jwt.sign(privateKey);
  };
});

/** What Cognito puts in an access token of a console user (its `sub` is a UUID; `username` is the sign-in name). */
const cognitoAccessToken = (overrides: JWTPayload = {}): JWTPayload => ({
  sub: 'uuid-1',
  client_id: clientId,
  token_use: 'access',
  scope: 'openid profile',
  username: 'alice',
  'cognito:groups': ['reviewer'],
  ...overrides,
});

const eventWith = (token: string): APIGatewayProxyEventV2 => ({ headers: { authorization: `Bearer ${token}` } }) as unknown as APIGatewayProxyEventV2;
const unauthenticated = { ok: false, reason: 'unauthenticated' };

describe('console authentication', () => {
  it('accepts a Cognito-shaped access token and records the user as console:<username>', async () => {
    const result = await authenticate(eventWith(await sign(cognitoAccessToken())), 'reviewer');

    expect(result).toEqual({ ok: true, user: { id: 'alice', actor: 'console:alice', roles: ['reviewer'] } });
  });

  it('refuses an ID token, even of the right client with the admin group', async () => {
    const idToken = await sign({ sub: 'uuid-1', aud: clientId, token_use: 'id', 'cognito:username': 'alice', 'cognito:groups': ['admin'] });
    const idShapedAsAccess = await sign(cognitoAccessToken({ token_use: 'id', 'cognito:groups': ['admin'] }));

    expect(await authenticate(eventWith(idToken), 'reviewer')).toEqual(unauthenticated);
    expect(await authenticate(eventWith(idShapedAsAccess), 'reviewer')).toEqual(unauthenticated);
  });

  it("refuses another client's token, and one that names our client only in aud", async () => {
    const otherClient = await sign(cognitoAccessToken({ client_id: 'someone-else', 'cognito:groups': ['admin'] }));
    const audOnly = await sign({ ...cognitoAccessToken(), client_id: undefined, aud: clientId });

    expect(await authenticate(eventWith(otherClient), 'reviewer')).toEqual(unauthenticated);
    expect(await authenticate(eventWith(audOnly), 'reviewer')).toEqual(unauthenticated);
  });

  it('refuses a token without exp, without token_use or without scope', async () => {
    const noExpiry = await sign(cognitoAccessToken(), { expiresIn: false });
    const noTokenUse = await sign({ ...cognitoAccessToken(), token_use: undefined });
    const noScope = await sign({ ...cognitoAccessToken(), scope: undefined });

    expect(await authenticate(eventWith(noExpiry), 'reviewer')).toEqual(unauthenticated);
    expect(await authenticate(eventWith(noTokenUse), 'reviewer')).toEqual(unauthenticated);
    expect(await authenticate(eventWith(noScope), 'reviewer')).toEqual(unauthenticated);
  });

  it('refuses another issuer and an expired token', async () => {
    const otherIssuer = await sign(cognitoAccessToken({ 'cognito:groups': ['admin'] }), { issuer: 'https://evil.example' });
    const expired = await sign(cognitoAccessToken({ 'cognito:groups': ['admin'] }), { expiresIn: '-1m' });

    expect(await authenticate(eventWith(otherIssuer), 'reviewer')).toEqual(unauthenticated);
    expect(await authenticate(eventWith(expired), 'reviewer')).toEqual(unauthenticated);
  });

  it('does not permit a good token without the group the route needs, or without any console group; admins may use reviewer routes', async () => {
    const reviewer = await sign(cognitoAccessToken());
    const admin = await sign(cognitoAccessToken({ 'cognito:groups': ['admin'] }));
    const noGroup = await sign({ ...cognitoAccessToken(), 'cognito:groups': undefined });
    const stranger = await sign(cognitoAccessToken({ 'cognito:groups': ['superuser'] }));

    expect(await authenticate(eventWith(reviewer), 'admin')).toEqual({ ok: false, reason: 'forbidden' });
    expect((await authenticate(eventWith(admin), 'reviewer')).ok).toBe(true);
    expect(await authenticate(eventWith(noGroup), 'reviewer')).toEqual({ ok: false, reason: 'forbidden' });
    expect(await authenticate(eventWith(stranger), 'reviewer')).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('refuses a request without an Authorization header or with another scheme', async () => {
    expect(await authenticate({ headers: {} } as unknown as APIGatewayProxyEventV2, 'reviewer')).toEqual(unauthenticated);
    expect(await authenticate({ headers: { authorization: 'Basic YTpi' } } as unknown as APIGatewayProxyEventV2, 'reviewer')).toEqual(unauthenticated);
  });
});
