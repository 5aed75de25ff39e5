/**
 * Every API route, in one place: the CDK HTTP API creates exactly these routes and the local server dispatches
 * with the same table, so local and AWS cannot drift. `handler` names a file in functions/handlers/.
 */
export const apiRoutes = [
  { method: 'POST', path: '/api/applications', handler: 'submit-application' },
  // Thank-you page for forms posted without JavaScript (303 target); renders from the reference alone, no data access.
  { method: 'GET', path: '/api/applications/thanks', handler: 'submit-application' },
  { method: 'POST', path: '/api/applications/status', handler: 'application-status' },
  // Anything else under /api/ gets our JSON error shape (404/405) instead of API Gateway's default body.
  { method: 'ANY', path: '/api/{proxy+}', handler: 'submit-application' },
] as const;

export type ApiRoute = (typeof apiRoutes)[number];
export type ApiHandlerName = ApiRoute['handler'];
