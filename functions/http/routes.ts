/**
 * Every API route, in one place: the CDK HTTP API creates exactly these routes and the local server dispatches
 * with the same table, so local and AWS cannot drift. `handler` names a file in functions/handlers/.
 */
export const apiRoutes = [
  { method: 'POST', path: '/api/applications', handler: 'submit-application' },
  // A fresh form token for the application form's script (domain/form-token.ts). Anyone may call it; it reads and
  // writes nothing, and tells a caller only the server's time.
  { method: 'GET', path: '/api/applications/form-token', handler: 'submit-application' },
  // Thank-you page for forms posted without JavaScript (303 target); renders from the reference alone, no data access.
  { method: 'GET', path: '/api/applications/thanks', handler: 'submit-application' },
  { method: 'POST', path: '/api/applications/status', handler: 'application-status' },
  // Anything else under /api/ gets our JSON error shape (404/405) instead of API Gateway's default body.
  { method: 'ANY', path: '/api/{proxy+}', handler: 'submit-application' },
] as const;

export type ApiRoute = (typeof apiRoutes)[number];
export type ApiHandlerName = ApiRoute['handler'];

/** API Gateway's `routeKey` for a route, e.g. `POST /api/applications`: handlers dispatch on it. */
export function routeKeyOf(route: ApiRoute): string {
  return `${route.method} ${route.path}`;
}

const GREEDY_SUFFIX = '/{proxy+}';

/**
 * The route API Gateway would select for a request: an exact path and method first, then the greedy
 * `/api/{proxy+}` (which matches any deeper path and any method). Used by the local server.
 */
export function matchApiRoute(method: string, path: string): ApiRoute | undefined {
  const exact = apiRoutes.find((route) => route.path === path && (route.method === method || route.method === 'ANY'));
  if (exact) return exact;
  return apiRoutes.find((route) => {
    if (!route.path.endsWith(GREEDY_SUFFIX) || (route.method !== 'ANY' && route.method !== method)) return false;
    const prefix = route.path.slice(0, -GREEDY_SUFFIX.length + 1);
    return path.startsWith(prefix) && path.length > prefix.length;
  });
}

/** Methods with their own route on `path` (excluding the catch-all): non-empty means 405 rather than 404. */
export function methodsAllowedOn(path: string): string[] {
  return apiRoutes.filter((route) => route.path === path && route.method !== 'ANY').map((route) => route.method);
}
