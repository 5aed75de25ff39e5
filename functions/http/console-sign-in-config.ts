/**
 * The review console's OpenID Connect settings as the browser reads them at run time from `/console/config.json`.
 * On AWS the site deployment writes that file with the Cognito values resolved at deploy time
 * (infra/constructs/site-distribution.ts); `npm start` serves it pointing at the local provider
 * (functions/local/local-stack.ts). No build carries these values, so no shell environment can break sign-in.
 */

/** Where the console finds its settings, on the site's own origin. */
export const consoleSignInConfigPath = '/console/config.json';

export interface ConsoleSignInConfig {
  /** Issuer URL (https://cognito-idp.<region>.amazonaws.com/<pool id>, or the local provider's). */
  readonly issuer: string;
  /** The console's public app client id. */
  readonly clientId: string;
  /** Scopes to ask for, space-separated. */
  readonly scope: string;
}

/** The settings, or undefined when the document is not what a deployment writes (no dependency: browser code). */
export function parseConsoleSignInConfig(value: unknown): ConsoleSignInConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { issuer, clientId, scope } = value as Record<string, unknown>;
  if (typeof issuer !== 'string' || !/^https?:\/\/[^/]/.test(issuer)) return undefined;
  if (typeof clientId !== 'string' || clientId.length === 0 || typeof scope !== 'string' || !/\bopenid\b/.test(scope)) return undefined;
  return { issuer, clientId, scope };
}
