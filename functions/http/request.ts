/**
 * Reading API Gateway HTTP API (payload v2) requests: body formats and limits, headers, the viewer's IP.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { originVerifyHeader } from '#domain/app-secrets.ts';

/** Largest accepted body. An application is well under 2 KB; anything near this is not a person filling a form. */
export const MAX_BODY_BYTES = 8 * 1024;

export type RequestBody =
  | { format: 'json'; value: unknown }
  /** `application/x-www-form-urlencoded`: a form posted without JavaScript. Pairs in posted order. */
  | { format: 'form'; fields: [string, string][] };

export type BodyProblem =
  | { status: 415; code: 'unsupported_media_type' }
  | { status: 413; code: 'payload_too_large' }
  | { status: 400; code: 'malformed_body' };

/** Header lookup ignoring case (API Gateway lower-cases names; be robust to other callers). */
export function headerValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

const SUPPORTED_MEDIA_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);

function mediaTypeOf(contentType: string | undefined): { type: string; charset?: string } | undefined {
  if (contentType === undefined) return undefined;
  const [type = '', ...parameters] = contentType.split(';');
  const charset = parameters.map((parameter) => parameter.trim().split('=')).find(([name]) => name?.trim().toLowerCase() === 'charset')?.[1];
  const mediaType = type.trim().toLowerCase();
  if (charset === undefined) return { type: mediaType };
  return {
    type: mediaType,
    charset: charset
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase(),
  };
}

/** True when the request is a form post, so errors should come back as HTML pages rather than JSON. */
export function isFormPost(event: APIGatewayProxyEventV2): boolean {
  return mediaTypeOf(headerValue(event, 'content-type'))?.type === 'application/x-www-form-urlencoded';
}

export function readBody(event: APIGatewayProxyEventV2): { ok: true; body: RequestBody } | { ok: false; problem: BodyProblem } {
  const media = mediaTypeOf(headerValue(event, 'content-type'));
  if (!media || !SUPPORTED_MEDIA_TYPES.has(media.type) || (media.charset !== undefined && media.charset !== 'utf-8' && media.charset !== 'utf8')) {
    return { ok: false, problem: { status: 415, code: 'unsupported_media_type' } };
  }
  const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) return { ok: false, problem: { status: 413, code: 'payload_too_large' } };

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: { status: 400, code: 'malformed_body' } };
  }
  if (media.type === 'application/x-www-form-urlencoded') {
    return { ok: true, body: { format: 'form', fields: [...new URLSearchParams(text)] } };
  }
  try {
    return { ok: true, body: { format: 'json', value: JSON.parse(text) as unknown } };
  } catch {
    return { ok: false, problem: { status: 400, code: 'malformed_body' } };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `Idempotency-Key` header: absent, a valid UUID (lower-cased), or invalid. */
export function idempotencyKeyOf(
  event: APIGatewayProxyEventV2,
): { present: false } | { present: true; valid: true; key: string } | { present: true; valid: false } {
  const raw = headerValue(event, 'idempotency-key')?.trim();
  if (raw === undefined || raw === '') return { present: false };
  return UUID.test(raw) ? { present: true, valid: true, key: raw.toLowerCase() } : { present: true, valid: false };
}

/**
 * What a handler knows about where requests may come from. Parsed once from the configuration.
 * - `originVerify`: the accepted values of the `x-origin-verify` header CloudFront adds (domain/app-secrets.ts: the
 *   current one, and the previous one while a rotation is under way), deciding whether the viewer-address header is
 *   believed (viewerIpOf). Empty: nothing is believed.
 * - `siteOrigin`: SITE_ORIGIN, the site's own origin (`https://pos.example.com`), for cross-site form posts
 *   (isCrossSitePost). Unset locally and on stages without a custom domain: the request's own host stands in.
 */
export interface RequestTrust {
  originVerify: readonly string[];
  siteOrigin?: string | undefined;
}

/**
 * True when a browser sent this request from a page of another site: a form on evil.example posting our no-JS form
 * through a visitor's browser (using the visitor's address and whatever limits it has left), or guessing status
 * digits from thousands of visitors' addresses. Browsers say so in `Sec-Fetch-Site` (all current ones, WeChat's
 * included); older ones send `Origin` with every POST. A request with neither did not come from a web page that a
 * browser ran, and is left to the other checks. `Origin: null` (sandboxed frames, some redirects) counts as cross-site.
 */
export function isCrossSitePost(event: APIGatewayProxyEventV2, trust: RequestTrust): boolean {
  const fetchSite = headerValue(event, 'sec-fetch-site')?.trim().toLowerCase();
  if (fetchSite !== undefined && fetchSite !== '') return fetchSite !== 'same-origin';
  const origin = headerValue(event, 'origin')?.trim();
  if (origin === undefined || origin === '') return false;
  if (trust.siteOrigin !== undefined) return origin !== trust.siteOrigin;
  const host = headerValue(event, 'host');
  return host === undefined || !URL.canParse(origin) || new URL(origin).host !== host;
}

/**
 * The visitor's IP, for per-IP rate limits. Behind CloudFront, API Gateway's source IP is a CloudFront edge, so the
 * distribution forwards `CloudFront-Viewer-Address` (`ip:port`, IPv6 unbracketed), overwriting whatever a client sent.
 * But the HTTP API's own address is reachable from the internet too, and a request sent there directly can carry any
 * `CloudFront-Viewer-Address` it likes, a new one per request, dodging every per-IP limit. So the header is believed
 * only when the request proves it came through our distribution: CloudFront adds `x-origin-verify: <secret>`, and
 * the function reads the accepted values from the application secret. Without that proof, the connection's source IP
 * counts. A function that accepts no value believes nothing (fail closed): the local server adds the header too,
 * with the local stack's own value, exactly as CloudFront does.
 */
export function viewerIpOf(event: APIGatewayProxyEventV2, acceptedOriginVerify: readonly string[]): string {
  const sourceIp = event.requestContext?.http?.sourceIp ?? 'unknown';
  if (!carriesOriginProof(headerValue(event, originVerifyHeader), acceptedOriginVerify)) return sourceIp;
  const viewerAddress = headerValue(event, 'cloudfront-viewer-address');
  if (viewerAddress) {
    const ip = viewerAddress.slice(0, viewerAddress.lastIndexOf(':'));
    if (isIP(ip)) return ip;
  }
  return sourceIp;
}

/**
 * Whether `sent` (an `x-origin-verify` header value) is one of the accepted values: the current one or, during a
 * rotation, the previous one. Each comparison is constant-time over digests, so neither content nor length leaks.
 * Used by the functions and by the API's origin authorizer (handlers/origin-authorizer.ts).
 */
export function carriesOriginProof(sent: string | undefined, accepted: readonly string[]): boolean {
  if (sent === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  const sentDigest = digest(sent);
  // Every value is compared, whichever matches, so the answer's timing says nothing about which one did.
  return accepted.map((value) => timingSafeEqual(sentDigest, digest(value))).includes(true);
}

/**
 * Whether the request came through our CloudFront distribution (it carries an accepted `x-origin-verify`). The
 * console handler refuses anything else, so the HTTP API's own address is no back door to it. Fails closed: no
 * accepted value, no entry.
 */
export function cameThroughDistribution(event: APIGatewayProxyEventV2, acceptedOriginVerify: readonly string[]): boolean {
  return carriesOriginProof(headerValue(event, originVerifyHeader), acceptedOriginVerify);
}
