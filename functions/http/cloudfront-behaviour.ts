/**
 * What CloudFront does to the answers of the distribution, declared once (Cache-Control is in
 * functions/deployment/cache-control.ts, shared with the publish script): CDK configures the distribution from it
 * (infra/constructs/site-distribution.ts) and the local server applies the same rules (functions/local/local-server.ts),
 * so `npm start` and the tests see what a visitor sees on AWS. Plain data, no CDK: functions never import infra.
 */

/**
 * CloudFront's custom error responses apply to the whole distribution, whatever the behaviour or origin. S3 behind
 * Origin Access Control answers 403 for a missing key (the OAC grant has no ListBucket), so a 403 becomes the site's
 * 404 page with status 404. That rule also rewrites every other 403: the API therefore never answers 403 itself (a
 * refusal is 400, or 404 for a role without the permission), and WAF blocks answer with their own code
 * (infra/stacks/edge-stack.ts). test/infra/constructs/site-distribution.test.ts checks CDK uses exactly these.
 */
export const errorResponses = [{ httpStatus: 403, responseHttpStatus: 404, responsePagePath: '/404.html', ttlSeconds: 60 }] as const;

export type ErrorResponse = (typeof errorResponses)[number];

/** The error response CloudFront applies to an answer with this status, if any. */
export function errorResponseFor(status: number): ErrorResponse | undefined {
  return errorResponses.find((response) => response.httpStatus === status);
}

/**
 * Content-Security-Policy for every page of the static site (not `/api/*`: the API's HTML pages send their own,
 * stricter one from functions/http/responses.ts, and CloudFront leaves it alone). No `'unsafe-inline'` at all: the
 * build has no inline script or event-handler attribute, and Astro writes every stylesheet to a file
 * (`inlineStylesheets: 'never'`); test/site/build.test.ts checks both on every page. `'wasm-unsafe-eval'` lets
 * Pagefind's WebAssembly search index load (it does not allow JavaScript eval). On AWS, connect-src also names the
 * console's sign-in endpoints (Cognito); locally the sign-in provider is on the same origin.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "font-src 'self'",
  'upgrade-insecure-requests',
].join('; ');

/** The CSP with more sources the site may connect to (the console's sign-in endpoints on AWS). */
export function contentSecurityPolicyConnectingTo(sources: readonly string[]): string {
  return contentSecurityPolicy.replace("connect-src 'self'", ["connect-src 'self'", ...sources].join(' '));
}

/** Security headers on every answer, site and API alike (CloudFront overrides what an origin sends). */
export const transportAndFramingHeaders = {
  strictTransportSecurity: { maxAgeSeconds: 730 * 86_400, includeSubdomains: true },
  frameOptions: 'DENY',
  contentTypeOptions: 'nosniff',
  permissionsPolicy: 'camera=(), microphone=(), geolocation=(), payment=()',
} as const;

/** Site pages: referrer policy forced; the API's answers keep their own and get this one only when they have none. */
export const referrerPolicy = 'strict-origin-when-cross-origin';

/** The headers CloudFront adds to an answer, as HTTP header name → value: `forced` replace the origin's. */
export function edgeHeaders(kind: 'site' | 'api'): { forced: Record<string, string>; ifAbsent: Record<string, string> } {
  const { strictTransportSecurity: hsts } = transportAndFramingHeaders;
  const forced: Record<string, string> = {
    'strict-transport-security': `max-age=${hsts.maxAgeSeconds}${hsts.includeSubdomains ? '; includeSubDomains' : ''}`,
    'x-frame-options': transportAndFramingHeaders.frameOptions,
    'x-content-type-options': transportAndFramingHeaders.contentTypeOptions,
    'permissions-policy': transportAndFramingHeaders.permissionsPolicy,
  };
  if (kind === 'api') return { forced, ifAbsent: { 'referrer-policy': referrerPolicy } };
  return { forced: { ...forced, 'content-security-policy': contentSecurityPolicy, 'referrer-policy': referrerPolicy }, ifAbsent: {} };
}
