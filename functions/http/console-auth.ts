/**
 * Who is calling the console API: a bearer access token shaped like Cognito's, verified with `jose` against the
 * configured issuer's JWKS (Cognito on AWS, the local OpenID Connect provider in `npm start`, which issues the same
 * shape): signed by the issuer, unexpired (`exp` required), `token_use: access` (an ID token never calls the API),
 * `client_id` of the console client (Cognito access tokens carry no `aud`, so an `aud` proves nothing here), a
 * `scope`, and the console roles in `cognito:groups`. On AWS the HTTP API's JWT authorizer has checked the token
 * already; the handler checks again (and checks the role, which the authorizer does not), so a route wired without
 * the authorizer is still closed.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { consoleActor } from '#domain/console-activity.ts';
import { DependencyUnavailableError } from '#domain/ports.ts';
import { consoleRoles, type ConsoleRole, type RouteAccess } from './routes.ts';
import { headerValue } from './request.ts';

export interface ConsoleUser {
  /** The user name (Cognito `username`, else `sub`): what the history shows after `console:`. */
  id: string;
  /** `console:<id>`, as recorded in histories. */
  actor: string;
  roles: ConsoleRole[];
}

export interface ConsoleTokenSettings {
  issuer: string;
  /** The console's client id: the access token's `client_id`. */
  clientId: string;
  jwksUrl: string;
}

/** `unauthenticated`: no usable access token (sign in again); `forbidden`: a good token without the route's role. */
export type Authentication = { ok: true; user: ConsoleUser } | { ok: false; reason: 'unauthenticated' | 'forbidden' };

const BEARER = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/;

/** Admins may do everything reviewers may. */
export function hasAccess(user: ConsoleUser, access: RouteAccess): boolean {
  if (access === 'public') return true;
  return user.roles.includes('admin') || user.roles.includes(access);
}

export function createConsoleAuthenticator(
  settings: ConsoleTokenSettings,
  keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 2_000 }),
) {
  return async function authenticate(event: APIGatewayProxyEventV2, access: RouteAccess): Promise<Authentication> {
    const unauthenticated = { ok: false, reason: 'unauthenticated' } as const;
    const token = BEARER.exec(headerValue(event, 'authorization')?.trim() ?? '')?.[1];
    if (!token) return unauthenticated;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        algorithms: ['RS256', 'ES256'],
        clockTolerance: 5,
        requiredClaims: ['exp', 'token_use', 'client_id', 'scope'],
      }));
    } catch (error) {
      // The key set could not be fetched: a dependency outage (503), not the caller's fault.
      if (error instanceof errors.JWKSTimeout || (error instanceof TypeError && !(error instanceof errors.JOSEError))) {
        throw new DependencyUnavailableError('store', { cause: error });
      }
      return unauthenticated;
    }
    if (payload.token_use !== 'access' || payload.client_id !== settings.clientId || typeof payload.scope !== 'string') return unauthenticated;
    const id = typeof payload.username === 'string' ? payload.username : payload.sub;
    if (!id) return unauthenticated;
    const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'] : [];
    const roles = consoleRoles.filter((role) => groups.includes(role));
    const user: ConsoleUser = { id, actor: consoleActor(id), roles };
    return hasAccess(user, access) ? { ok: true, user } : { ok: false, reason: 'forbidden' };
  };
}
