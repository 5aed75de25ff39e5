/**
 * Signing in to the review console with OpenID Connect (authorization code + PKCE) through oidc-client-ts. Tokens
 * live in memory only (InMemoryWebStorage): a reload or a closed tab forgets them, and the identity provider's own
 * session brings the user back without a password where it still lasts. Only the short-lived PKCE state crosses the
 * redirect, in sessionStorage.
 *
 * Run-time configuration, the same code locally and on AWS: issuer, client id and scopes come from
 * `/console/config.json` (functions/http/console-sign-in-config.ts), which the deployment writes next to the site and
 * `npm start` serves for the local provider. The build carries none of them.
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { consoleSignInConfigPath, parseConsoleSignInConfig } from '#functions/http/console-sign-in-config.ts';

/** The sign-in settings could not be read: the console cannot sign anyone in. */
export class ConsoleConfigError extends Error {}

let manager: Promise<UserManager> | undefined;

/** The one UserManager, created from `/console/config.json` on first use. */
export function userManager(): Promise<UserManager> {
  manager ??= (async () => {
    const answer = await fetch(consoleSignInConfigPath, { cache: 'no-cache', headers: { accept: 'application/json' } }).catch(() => undefined);
    const config = answer?.ok ? parseConsoleSignInConfig(await answer.json().catch(() => undefined)) : undefined;
    if (!config) {
      manager = undefined;
      throw new ConsoleConfigError(`${consoleSignInConfigPath}: ${answer ? `HTTP ${answer.status}` : 'unreachable'} or not sign-in settings`);
    }
    const consoleUrl = new URL('/console/', location.origin).href;
    return new UserManager({
      authority: config.issuer.replace(/\/$/, ''),
      client_id: config.clientId,
      redirect_uri: consoleUrl,
      post_logout_redirect_uri: consoleUrl,
      response_type: 'code',
      scope: config.scope,
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      stateStore: new WebStorageStateStore({ store: sessionStorage }),
      automaticSilentRenew: false,
      loadUserInfo: false,
    });
  })();
  return manager;
}

/** Back from the provider (`?code=…&state=…`): trade the code for tokens and return to where sign-in started. */
export async function completeSignIn(): Promise<User | undefined> {
  const params = new URLSearchParams(location.search);
  if (!params.has('state') || !(params.has('code') || params.has('error'))) return undefined;
  try {
    const user = await (await userManager()).signinRedirectCallback();
    const returnTo = typeof user.state === 'string' && user.state.startsWith('#') ? user.state : '';
    history.replaceState(null, '', `/console/${returnTo}`);
    return user;
  } catch (error) {
    history.replaceState(null, '', '/console/');
    if (error instanceof ConsoleConfigError) throw error;
    return undefined;
  }
}

export async function signIn(): Promise<void> {
  return (await userManager()).signinRedirect({ state: location.hash });
}

/** Forget the tokens here; end the provider's session too where it offers a logout endpoint. */
export async function signOut(): Promise<void> {
  const users = await userManager();
  const user = await users.getUser();
  await users.removeUser();
  const metadata = await users.metadataService.getMetadata().catch(() => undefined);
  if (metadata?.end_session_endpoint) await users.signoutRedirect({ ...(user?.id_token && { id_token_hint: user.id_token }) });
}

export async function currentUser(): Promise<User | undefined> {
  const user = await (await userManager()).getUser();
  return user && !user.expired ? user : undefined;
}
