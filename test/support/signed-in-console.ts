/**
 * The set-up of a test file (or describe block) that calls the review console API through the real HTTP stack: its own
 * intake server with console sign-in, and the local provider's reviewer and admin signed in the way the console's
 * browser code signs in.
 */
import { afterAll, beforeAll } from 'vitest';
import { signInToConsole } from './console-sign-in.ts';
import { send, type TestResponse } from './http-client.ts';
import { startIntakeServer, type IntakeServer } from './intake-server.ts';

export interface SignedInConsoleStack {
  readonly intake: IntakeServer;
  /** The access token of the local provider's `reviewer`. */
  readonly reviewerToken: string;
  /** The access token of the local provider's `admin`. */
  readonly adminToken: string;
  /** A request to `path` on the intake server with `token` as the bearer (none when empty or left out) and `body` as JSON. */
  call(method: string, path: string, token?: string, body?: unknown): Promise<TestResponse>;
}

/**
 * Registers the calling file's (or describe block's) hooks: the server starts and both users sign in before its tests,
 * and the server closes after them. Read the fields in tests and later hooks, once they are set.
 */
export function signedInConsoleStack(): SignedInConsoleStack {
  let started: { intake: IntakeServer; reviewerToken: string; adminToken: string } | undefined;
  const ready = () => {
    if (!started) throw new Error('the signed-in console stack starts in beforeAll: read it in a test or a later hook');
    return started;
  };
  beforeAll(async () => {
    const intake = await startIntakeServer({ withConsoleSignIn: true });
    started = {
      intake,
      reviewerToken: await signInToConsole(intake.url, intake.oidc!, 'reviewer'),
      adminToken: await signInToConsole(intake.url, intake.oidc!, 'admin'),
    };
  });
  afterAll(() => started?.intake.close());

  return {
    get intake() {
      return ready().intake;
    },
    get reviewerToken() {
      return ready().reviewerToken;
    },
    get adminToken() {
      return ready().adminToken;
    },
    call: (method, path, token, body) =>
      send(`${ready().intake.url}${path}`, {
        method,
        headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
  };
}
