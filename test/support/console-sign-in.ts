/**
 * Signing in to the local OpenID Connect provider the way the console's browser code does (authorization code +
 * PKCE), without a browser: follow the redirects with a cookie jar, post the login form, trade the code for tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { LocalOidcProvider } from '../../functions/local/oidc-provider.ts';

export async function signInToConsole(origin: string, oidc: LocalOidcProvider, username: string, password?: string): Promise<string> {
  const user = oidc.users.find((candidate) => candidate.username === username);
  const secret = password ?? user?.password ?? '';
  const redirectUri = `${origin}/console/`;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const cookies = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, origin), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      cookies.set(name, value);
    }
    return response;
  };

  const authorize = new URL(`${oidc.issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: oidc.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid console',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
  }).toString();
  let response = await request(authorize.toString());
  for (let hops = 0; hops < 10; hops++) {
    const location = response.headers.get('location');
    if (!location) throw new Error(`sign-in stopped with ${response.status}: ${await response.text()}`);
    if (location.startsWith(redirectUri)) {
      const code = new URL(location).searchParams.get('code');
      if (!code) throw new Error(`no code in ${location}`);
      const token = await request(`${oidc.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: oidc.clientId,
          code_verifier: verifier,
        }).toString(),
      });
      const body = (await token.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`token endpoint answered ${token.status}: ${JSON.stringify(body)}`);
      return body.access_token;
    }
    const next = await request(location);
    if (next.status === 200 && /\/interaction\/[\w-]+$/.test(new URL(location, origin).pathname)) {
      response = await request(`${new URL(location, origin).pathname}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password: secret }).toString(),
      });
    } else {
      response = next;
    }
  }
  throw new Error('sign-in did not finish within 10 redirects');
}
