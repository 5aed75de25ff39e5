/**
 * Every API route, in one place: the CDK HTTP API creates exactly these routes and the local server dispatches
 * with the same table, so local and AWS cannot drift. `handler` names a file in functions/handlers/.
 *
 * `access` says who may call the route: `public` (anyone; abuse limits live in the handler), or the console role a
 * signed-in user needs (`reviewer`, `admin`). CDK attaches the JWT authorizer to every non-public route and to no
 * public one; the console handler checks the token and the role itself as well (functions/http/console-auth.ts).
 */
export const apiRoutes = [
  { method: 'POST', path: '/api/applications', handler: 'submit-application', access: 'public' },
  // A fresh form token for the application form's script (domain/form-token.ts). Anyone may call it; it reads and
  // writes nothing, and tells a caller only the server's time.
  { method: 'GET', path: '/api/applications/form-token', handler: 'submit-application', access: 'public' },
  // Thank-you page for forms posted without JavaScript (303 target); renders from the reference alone, no data access.
  { method: 'GET', path: '/api/applications/thanks', handler: 'submit-application', access: 'public' },
  { method: 'POST', path: '/api/applications/status', handler: 'status-lookup', access: 'public' },
  // The review console (site/src/pages/console/). Reviewers work the queue; admins may also export and erase.
  { method: 'GET', path: '/api/console/me', handler: 'console', access: 'reviewer' },
  { method: 'GET', path: '/api/console/applications', handler: 'console', access: 'reviewer' },
  { method: 'GET', path: '/api/console/applications/{reference}', handler: 'console', access: 'reviewer' },
  // Carries a full phone number (besides an admin's unmasked export); each call is written to the application's history.
  { method: 'POST', path: '/api/console/applications/{reference}/phone', handler: 'console', access: 'reviewer' },
  { method: 'POST', path: '/api/console/applications/{reference}/status', handler: 'console', access: 'reviewer' },
  { method: 'POST', path: '/api/console/applications/{reference}/notes', handler: 'console', access: 'reviewer' },
  // The written quote after the call (书面报价单, domain/quote.ts): appended to the application's personal data; the
  // merchant then sees it on /status/ behind the same reference + last-4 check as the status.
  { method: 'POST', path: '/api/console/applications/{reference}/quote', handler: 'console', access: 'reviewer' },
  { method: 'POST', path: '/api/console/applications/{reference}/erasure', handler: 'console', access: 'admin' },
  // `{"blocked": true|false, "reason"}`: the blocked-numbers list of `ops block`, by the application's phone hash.
  { method: 'POST', path: '/api/console/applications/{reference}/blocking', handler: 'console', access: 'admin' },
  // Leads (use-cases/lead-follow-up.ts): claim ("我来跟进"; a conditional write, one winner), record a call attempt.
  { method: 'POST', path: '/api/console/applications/{reference}/claim', handler: 'console', access: 'reviewer' },
  { method: 'POST', path: '/api/console/applications/{reference}/calls', handler: 'console', access: 'reviewer' },
  // An admin gives one application to a colleague, or everything a departing reviewer owns (`{"from","to"}`).
  { method: 'POST', path: '/api/console/applications/{reference}/owner', handler: 'console', access: 'admin' },
  { method: 'POST', path: '/api/console/owners/transfer', handler: 'console', access: 'admin' },
  // Find a caller by reference or full phone (in the body, never the URL); a phone search is written to each found
  // application's history and to the audit log.
  { method: 'POST', path: '/api/console/search', handler: 'console', access: 'reviewer' },
  { method: 'GET', path: '/api/console/stats', handler: 'console', access: 'reviewer' },
  { method: 'GET', path: '/api/console/export', handler: 'console', access: 'admin' },
  // The audit log: unmasked exports (who, when, filters, rows; never the data), newest first.
  { method: 'GET', path: '/api/console/audit', handler: 'console', access: 'admin' },
  // Anything else under /api/ gets our JSON error shape (404/405) instead of API Gateway's default body.
  { method: 'ANY', path: '/api/{proxy+}', handler: 'submit-application', access: 'public' },
] as const;

export type RouteAccess = ApiRoute['access'];
/** The roles of the review console, as Cognito groups (and the local provider's `cognito:groups` claim). */
export const consoleRoles = ['reviewer', 'admin'] as const;
export type ConsoleRole = (typeof consoleRoles)[number];

export type ApiRoute = (typeof apiRoutes)[number];
export type ApiHandlerName = ApiRoute['handler'];

/** API Gateway's `routeKey` for a route, e.g. `POST /api/applications`: handlers dispatch on it. */
export type RouteKey<R extends ApiRoute = ApiRoute> = R extends ApiRoute ? `${R['method']} ${R['path']}` : never;
/** The route keys one handler answers: `RouteKeyOf<'console'>`. A string that is not in the table does not compile. */
export type RouteKeyOf<H extends ApiHandlerName> = RouteKey<Extract<ApiRoute, { handler: H }>>;

export function routeKeyOf<R extends ApiRoute>(route: R): RouteKey<R> {
  return `${route.method} ${route.path}` as RouteKey<R>;
}

const GREEDY_SUFFIX = '/{proxy+}';
const PARAMETER = /^\{(\w+)\}$/;

/**
 * `{reference}` segments of `route` filled from `path`, or undefined when the path does not fit the route. A segment
 * that is not valid percent-encoding (`%ZZ`) fits no route: the answer is the catch-all's 404, never a thrown URIError
 * (a 5xx that would count toward the API alarm).
 */
export function pathParametersOf(route: Pick<ApiRoute, 'path'>, path: string): Record<string, string> | undefined {
  const wanted = route.path.split('/');
  const actual = path.split('/');
  if (wanted.length !== actual.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, segment] of wanted.entries()) {
    const value = actual[index]!;
    const name = PARAMETER.exec(segment)?.[1];
    if (name && name !== 'proxy') {
      const decoded = decodedSegment(value);
      if (decoded === undefined || decoded === '') return undefined;
      parameters[name] = decoded;
    } else if (segment !== value) return undefined;
  }
  return parameters;
}

function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The route API Gateway would select for a request: an exact path and method first, then paths with `{parameters}`,
 * then the greedy `/api/{proxy+}` (which matches any deeper path and any method). Used by the local server.
 */
export function matchApiRoute(method: string, path: string): ApiRoute | undefined {
  const exact = apiRoutes.find((route) => route.path === path && (route.method === method || route.method === 'ANY'));
  if (exact) return exact;
  const parameterised = apiRoutes.find(
    (route) => route.path.includes('/{') && !route.path.endsWith(GREEDY_SUFFIX) && route.method === method && pathParametersOf(route, path),
  );
  if (parameterised) return parameterised;
  return apiRoutes.find((route) => {
    if (!route.path.endsWith(GREEDY_SUFFIX) || (route.method !== 'ANY' && route.method !== method)) return false;
    const prefix = route.path.slice(0, -GREEDY_SUFFIX.length + 1);
    return path.startsWith(prefix) && path.length > prefix.length;
  });
}

/** Methods with their own route on `path` (excluding the catch-all): non-empty means 405 rather than 404. */
export function methodsAllowedOn(path: string): string[] {
  return apiRoutes
    .filter(
      (route) =>
        route.method !== 'ANY' && (route.path === path || (!route.path.endsWith(GREEDY_SUFFIX) && route.path.includes('/{') && pathParametersOf(route, path))),
    )
    .map((route) => route.method);
}
