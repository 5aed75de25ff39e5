/**
 * The console's calls to `/api/console/*` with the signed-in user's access token. A call names its route by the route
 * table's key (`'GET /api/console/applications/{reference}'`); the method, the path and the answer's type follow
 * from it (functions/http/console-contract.ts), so no call site asserts a type or writes a path by hand.
 */
import type { ConsoleAnswers, ConsolePathParameters, ConsoleRouteKey } from '#functions/http/console-contract.ts';
import { currentUser } from './session.ts';

export type ConsoleAnswer<T> =
  | { kind: 'ok'; body: T; response: Response }
  /** No token, or the server refused it: show the sign-in prompt. */
  | { kind: 'signed_out' }
  | { kind: 'error'; status: number; message: string; fields: Record<string, string> };

export type ConsoleRequestOptions<K extends ConsoleRouteKey> = ConsolePathParameters<K> & {
  query?: URLSearchParams | Record<string, string>;
  body?: unknown;
};

/** The request's URL: the route's path with `{reference}` filled in, and the query string. */
export function consoleUrl(route: ConsoleRouteKey, options: { reference?: string; query?: ConsoleRequestOptions<ConsoleRouteKey>['query'] } = {}): string {
  const path = route.slice(route.indexOf(' ') + 1).replace('{reference}', encodeURIComponent(options.reference ?? ''));
  const query = new URLSearchParams(options.query).toString();
  return query ? `${path}?${query}` : path;
}

/** Options are required exactly when the path has a `{reference}` to fill in. */
export type ConsoleRequestArguments<K extends ConsoleRouteKey> =
  ConsolePathParameters<K> extends { reference: string } ? [options: ConsoleRequestOptions<K>] : [options?: ConsoleRequestOptions<K>];

export async function consoleRequest<K extends ConsoleRouteKey>(route: K, ...[options]: ConsoleRequestArguments<K>): Promise<ConsoleAnswer<ConsoleAnswers[K]>> {
  const user = await currentUser();
  if (!user) return { kind: 'signed_out' };
  const method = route.slice(0, route.indexOf(' '));
  const body = options?.body;
  let response: Response;
  try {
    response = await fetch(consoleUrl(route, options), {
      method,
      headers: { authorization: `Bearer ${user.access_token}`, accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(20_000),
    });
  } catch {
    return { kind: 'error', status: 0, message: '网络不通，请检查网络后重试', fields: {} };
  }
  if (response.status === 401) return { kind: 'signed_out' };
  if (!response.ok) {
    const error = ((await response.json().catch(() => ({}))) as { error?: { message?: string; fields?: Record<string, string> } }).error;
    return { kind: 'error', status: response.status, message: error?.message ?? `出错了（${response.status}），请稍后重试`, fields: error?.fields ?? {} };
  }
  const isJson = response.headers.get('content-type')?.includes('json');
  return { kind: 'ok', body: (isJson ? await response.json() : await response.blob()) as ConsoleAnswers[K], response };
}
