/**
 * `oidc-provider` ships no type declarations (and @types/oidc-provider lags its major versions). The little of it
 * the local provider uses, typed loosely: it is development tooling, never deployed.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  // biome-ignore lint/suspicious/noExplicitAny: oidc-provider ships no types; its Koa context is used opaquely here.
  type Context = any;
  export type Configuration = Record<string, unknown> & {
    findAccount?: (ctx: Context, sub: string) => unknown;
    loadExistingGrant?: (ctx: Context) => Promise<unknown>;
    extraTokenClaims?: (ctx: Context, token: { kind: string; accountId: string }) => unknown;
    interactions?: { url: (ctx: Context, interaction: { uid: string }) => string };
    renderError?: (ctx: Context, out: Record<string, unknown>, error: unknown) => void;
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    callback(): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<{ uid: string; prompt: { name: string }; params: Record<string, unknown> }>;
    interactionFinished(
      request: IncomingMessage,
      response: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
