/**
 * Who is calling the console API: a bearer access token verified with `jose` against the configured issuer's JWKS
 * (Cognito on AWS, the local OpenID Connect provider in `npm start`), meant for the console client, and carrying the
 * console roles in `cognito:groups`. On AWS the HTTP API's JWT authorizer has checked the token already; the handler
 * checks again (and checks the role, which the authorizer does not), so a route wired without the authorizer is
 * still closed.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
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
  /** The console's client id: the token's `aud` (OIDC) or `client_id` (Cognito access tokens). */
  audience: string;
  jwksUrl: string;
}

export type Authentication = { ok: true; user: ConsoleUser } | { ok: false; status: 401 | 403 };

const BEARER = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/;

/** Admins may do everything reviewers may. */
export function hasAccess(user: ConsoleUser, access: RouteAccess): boolean {
  if (access === 'public') return true;
  return user.roles.includes('admin') || user.roles.includes(access);
}

export function createConsoleAuthenticator(settings: ConsoleTokenSettings, keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 2_000 })) {
  /** 401 for no or a bad token, 403 for a good token without the role `access` needs. */
  return async function authenticate(event: APIGatewayProxyEventV2, access: RouteAccess): Promise<Authentication> {
    const token = BEARER.exec(headerValue(event, 'authorization')?.trim() ?? '')?.[1];
    if (!token) return { ok: false, status: 401 };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer: settings.issuer, algorithms: ['RS256', 'ES256'], clockTolerance: 5 }));
    } catch (error) {
      // The key set could not be fetched: a dependency outage (503), not the caller's fault.
      if (error instanceof errors.JWKSTimeout || (error instanceof TypeError && !(error instanceof errors.JOSEError))) {
        throw new DependencyUnavailableError('store', { cause: error });
      }
      return { ok: false, status: 401 };
    }
    // Cognito marks its tokens; only an access token may call the API (an ID token is for the browser to read).
    if (payload.token_use !== undefined && payload.token_use !== 'access') return { ok: false, status: 401 };
    const audiences = payload.aud === undefined ? [] : [payload.aud].flat();
    if (!audiences.includes(settings.audience) && payload.client_id !== settings.audience) return { ok: false, status: 401 };
    const id = typeof payload.username === 'string' ? payload.username : payload.sub;
    if (!id) return { ok: false, status: 401 };
    const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'] : [];
    const roles = consoleRoles.filter((role) => groups.includes(role));
    const user: ConsoleUser = { id, actor: consoleActor(id), roles };
    return hasAccess(user, access) ? { ok: true, user } : { ok: false, status: 403 };
  };
}
