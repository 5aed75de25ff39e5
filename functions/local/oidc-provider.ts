/**
 * A local OpenID Connect provider for the review console (`oidc-provider`, in process), standing in for Cognito:
 * authorization code + PKCE for the public console client, access tokens as RS256 JWTs shaped like Cognito's
 * (`client_id`, `token_use: access`, `scope`, `username`, `cognito:groups`), so the console handler verifies both
 * with the same code
 * (functions/http/console-auth.ts). Demo users `reviewer`, `reviewer2` (a colleague, to try claims and hand-overs)
 * and `admin`, with passwords made up at every start.
 *
 * Mounted on the local server under /oidc (same origin as the console, like nothing on AWS, but it spares CORS and a
 * second port). Loopback only; never deployed.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import type { ConsoleRole } from '../http/routes.ts';

/** The console's client id in the local provider (served to the console in /console/config.json by npm start). */
export const LOCAL_CONSOLE_CLIENT_ID = 'pos-portal-console-local';
export const LOCAL_OIDC_PATH = '/oidc';
/** The scopes the console asks the local provider for (`console` is the resource server's scope). */
export const LOCAL_CONSOLE_SCOPE = 'openid console';
/** The resource (API) the console's access tokens are for. */
const CONSOLE_RESOURCE = 'urn:pos-portal:console-api';

export interface DemoUser {
  username: string;
  password: string;
  groups: ConsoleRole[];
}

export interface LocalOidcProvider {
  issuer: string;
  jwksUrl: string;
  clientId: string;
  users: readonly DemoUser[];
  /** Node request handler for everything under /oidc. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

const password = () => randomBytes(9).toString('base64url');

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

/**
 * oidc-provider's storage, in memory (sessions, codes, grants die with the process, as they should locally). Its
 * built-in one works too but warns at every start that it is for development.
 */
function memoryAdapter() {
  /** One store per model name (Session, Grant, AuthorizationCode, …), for this provider only. */
  const stores = new Map<string, Map<string, { payload: Payload; expiresAt?: number }>>();
  return class MemoryAdapter {
    private readonly store: Map<string, { payload: Payload; expiresAt?: number }>;
    constructor(name: string) {
      this.store = stores.get(name) ?? new Map();
      stores.set(name, this.store);
    }
    async upsert(id: string, payload: Payload, expiresIn?: number) {
      this.store.set(id, { payload, ...(expiresIn && { expiresAt: Date.now() + expiresIn * 1000 }) });
    }
    async find(id: string) {
      const entry = this.store.get(id);
      if (!entry || (entry.expiresAt !== undefined && entry.expiresAt <= Date.now())) return undefined;
      return entry.payload;
    }
    async findByUid(uid: string) {
      for (const [id, entry] of this.store) if (entry.payload.uid === uid) return this.find(id);
      return undefined;
    }
    async findByUserCode(userCode: string) {
      for (const [id, entry] of this.store) if (entry.payload.userCode === userCode) return this.find(id);
      return undefined;
    }
    async consume(id: string) {
      const entry = this.store.get(id);
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      this.store.delete(id);
    }
    async revokeByGrantId(grantId: string) {
      for (const [id, entry] of this.store) if (entry.payload.grantId === grantId) this.store.delete(id);
    }
  };
}

export async function createLocalOidcProvider(options: { origin: string; users?: readonly DemoUser[] }): Promise<LocalOidcProvider> {
  const issuer = `${options.origin}${LOCAL_OIDC_PATH}`;
  const users = options.users ?? [
    { username: 'reviewer', password: password(), groups: ['reviewer'] },
    { username: 'reviewer2', password: password(), groups: ['reviewer'] },
    { username: 'admin', password: password(), groups: ['admin'] },
  ];
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `local-${randomBytes(4).toString('hex')}` };
  const consoleUrl = `${options.origin}/console/`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: LOCAL_CONSOLE_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [consoleUrl],
        post_logout_redirect_uris: [consoleUrl],
      },
    ],
    jwks: { keys: [signingKey] },
    adapter: memoryAdapter(),
    // Browsers send Origin on the console's token request even from the same origin; that origin is the only one allowed.
    clientBasedCORS: (_ctx: unknown, origin: string) => origin === options.origin,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['preferred_username'] },
    findAccount: (_ctx, sub) => {
      const user = users.find((candidate) => candidate.username === sub);
      return user ? { accountId: sub, claims: () => ({ sub, preferred_username: user.username }) } : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: logoutPage },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => CONSOLE_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'console',
          // oidc-provider's JWT access tokens must name an audience (Cognito's carry none): the API, never the
          // client id, so the console API cannot pass a token on `aud` and must check `client_id`, as with Cognito.
          audience: CONSOLE_RESOURCE,
          accessTokenTTL: 60 * 60,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // The console is first-party: nobody is asked to consent, as with Cognito's managed login.
    loadExistingGrant: async (ctx) => {
      const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile');
      grant.addResourceScope(CONSOLE_RESOURCE, 'console');
      await grant.save();
      return grant;
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken') return undefined;
      const user = users.find((candidate) => candidate.username === token.accountId);
      // With oidc-provider's own client_id, scope and exp: the claims of a Cognito access token the API checks.
      return user ? { username: user.username, token_use: 'access', 'cognito:groups': user.groups } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `${LOCAL_OIDC_PATH}/interaction/${interaction.uid}` },
    ttl: { Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600, AuthorizationCode: 60, AccessToken: 3600, IdToken: 3600 },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('登录出错', `<p>${escapeHtml(String(out.error_description ?? out.error))}</p><p><a href="/console/">返回控制台</a></p>`);
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  async function interaction(request: IncomingMessage, response: ServerResponse, uid: string, path: string): Promise<void> {
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (request.method === 'POST' && path.endsWith('/login')) {
      const form = new URLSearchParams(await readText(request));
      const user = users.find((candidate) => candidate.username === form.get('username'));
      if (!user || !samePassword(form.get('password') ?? '', user.password)) {
        return sendHtml(response, 401, loginPage(uid, '用户名或密码不正确'));
      }
      await provider.interactionFinished(request, response, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
      return;
    }
    if (details.prompt.name === 'login') return sendHtml(response, 200, loginPage(uid));
    // Consent is granted by loadExistingGrant; anything else left to ask is answered by finishing as is.
    await provider.interactionFinished(request, response, {}, { mergeWithLastSubmission: true });
  }

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId: LOCAL_CONSOLE_CLIENT_ID,
    users,
    async handle(request, response) {
      const originalUrl = request.url ?? '/';
      const path = originalUrl.slice(LOCAL_OIDC_PATH.length).split('?')[0] || '/';
      const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
      // oidc-provider finds its mount path from originalUrl minus url, as under Express.
      Object.assign(request, { originalUrl, url: originalUrl.slice(LOCAL_OIDC_PATH.length) || '/' });
      try {
        if (match) await interaction(request, response, match[1]!, path);
        else await callback(request, response);
      } catch {
        if (!response.headersSent)
          sendHtml(response, 400, page('登录出错', '<p>登录会话已失效，请回到控制台重新登录。</p><p><a href="/console/">返回控制台</a></p>'));
      }
    },
  };
}

function samePassword(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 8 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' }).end(html);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title} · 本地登录</title><link rel="stylesheet" href="/styles/site.css"></head><body><main style="max-width:24rem;margin:2rem auto;padding:0 1rem"><h1>${title}</h1>${body}</main></body></html>`;
}

function loginPage(uid: string, error?: string): string {
  return page(
    '登录审核控制台',
    `<p>本地演示登录（AWS 上是 Cognito 登录页）。用户名和密码见 <code>npm start</code> 的输出。</p>
${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="${LOCAL_OIDC_PATH}/interaction/${uid}/login">
<p><label for="username">用户名</label><br><input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">密码</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">登录</button></p>
</form>`,
  );
}

function logoutPage(ctx: { body?: unknown; type?: string }, form: string): void {
  ctx.type = 'html';
  ctx.body = page('退出登录', `${form}<p>正在退出…</p><script>document.forms[0].submit()</script>`).replace('<form', '<form hidden');
}
