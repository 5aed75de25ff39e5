/**
 * Signing in to the review console with OpenID Connect (authorization code + PKCE) through oidc-client-ts. Tokens
 * live in memory only (InMemoryWebStorage): a reload or a closed tab forgets them, and the identity provider's own
 * session brings the user back without a password where it still lasts. Only the short-lived PKCE state crosses the
 * redirect, in sessionStorage.
 *
 * Build-time configuration (the same code locally and on AWS):
 * - PUBLIC_CONSOLE_OIDC_ISSUER: the issuer URL; a path such as `/oidc` (the default, the local provider of
 *   `npm start`) is resolved against the page's origin. On AWS: https://cognito-idp.<region>.amazonaws.com/<pool id>.
 * - PUBLIC_CONSOLE_OIDC_CLIENT_ID: the console's client id (default `pos-portal-console-local`).
 * - PUBLIC_CONSOLE_OIDC_SCOPE: scopes to ask for (default `openid console`; Cognito: `openid profile email`).
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

const issuerSetting: string = import.meta.env.PUBLIC_CONSOLE_OIDC_ISSUER ?? '/oidc';
const clientId: string = import.meta.env.PUBLIC_CONSOLE_OIDC_CLIENT_ID ?? 'pos-portal-console-local';
const scope: string = import.meta.env.PUBLIC_CONSOLE_OIDC_SCOPE ?? 'openid console';

const consoleUrl = new URL('/console/', location.origin).href;

export const userManager = new UserManager({
  authority: new URL(issuerSetting, location.origin).href.replace(/\/$/, ''),
  client_id: clientId,
  redirect_uri: consoleUrl,
  post_logout_redirect_uri: consoleUrl,
  response_type: 'code',
  scope,
  userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
  stateStore: new WebStorageStateStore({ store: sessionStorage }),
  automaticSilentRenew: false,
  loadUserInfo: false,
});

/** Back from the provider (`?code=…&state=…`): trade the code for tokens and return to where sign-in started. */
export async function completeSignIn(): Promise<User | undefined> {
  const params = new URLSearchParams(location.search);
  if (!params.has('state') || !(params.has('code') || params.has('error'))) return undefined;
  try {
    const user = await userManager.signinRedirectCallback();
    const returnTo = typeof user.state === 'string' && user.state.startsWith('#') ? user.state : '';
    history.replaceState(null, '', `/console/${returnTo}`);
    return user;
  } catch {
    history.replaceState(null, '', '/console/');
    return undefined;
  }
}

export function signIn(): Promise<void> {
  return userManager.signinRedirect({ state: location.hash });
}

/** Forget the tokens here; end the provider's session too where it offers a logout endpoint. */
export async function signOut(): Promise<void> {
  const user = await userManager.getUser();
  await userManager.removeUser();
  const metadata = await userManager.metadataService.getMetadata().catch(() => undefined);
  if (metadata?.end_session_endpoint) await userManager.signoutRedirect({ ...(user?.id_token && { id_token_hint: user.id_token }) });
}

export async function currentUser(): Promise<User | undefined> {
  const user = await userManager.getUser();
  return user && !user.expired ? user : undefined;
}
