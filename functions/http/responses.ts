/**
 * Every API response is built here: one error shape `{"error":{"code","message","fields"}}` with Chinese messages,
 * and the headers every response carries.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldErrors } from '#domain/application.ts';
import type { StatusLookupLimit } from '../use-cases/status-lookup.ts';

export type ApiResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string>; body: string };

export const errorMessages = {
  invalid_input: '提交的信息有误，请按提示修改后再提交',
  form_token_required: '为确认是您本人操作，请核对信息后再提交一次',
  malformed_body: '请求内容无法解析，请检查格式（JSON 或表单编码，UTF-8）',
  idempotency_key_required: '缺少有效的 Idempotency-Key 请求头',
  payload_too_large: '提交的内容太长（上限 8 KB）',
  unsupported_media_type: '只接受 application/json 或 application/x-www-form-urlencoded（UTF-8）格式的提交',
  idempotency_key_reused: '同一次填写只能提交一份申请，这次的内容与已提交的不同。请刷新页面后重新填写提交',
  rate_limited: '操作太频繁，请稍后再试',
  not_found: '没有找到这份申请，请核对申请编号和手机号后 4 位',
  route_not_found: '没有这个接口',
  malformed_request_target: '请求地址无法解析',
  method_not_allowed: '这个接口不支持该请求方法',
  // The write may have committed before the timeout, so say "may not", and that retrying is safe (idempotency).
  service_unavailable: '网络繁忙，申请可能没有提交成功。请稍后在本页重试，重复提交不会产生两份申请',
} as const;

/** The 503 of a status lookup: nothing is written there, so only "try again". */
export const statusLookupUnavailableMessage = '网络繁忙，暂时无法查询，请稍后重试';

export type ErrorCode = keyof typeof errorMessages;

/**
 * What a merchant sees when a submission meets any of its limits (per IP per minute, per phone per day): one
 * message for both, because naming the per-phone limit would tell anyone who types a stranger's number that it was
 * used to apply several times today.
 */
export const submissionRateLimitMessage = '提交太频繁，请稍后再试。已经提交成功的申请不受影响，我们会尽快与您联系';

/**
 * The `Retry-After` of every submission 429, whichever limit it was: the per-phone limit's own window (the rest of
 * the day) would tell a stranger who typed someone's number that it had applied today from there; one minute is
 * the per-address window, and after it a merchant who met the per-phone limit simply meets it again.
 */
export const SUBMISSION_RETRY_AFTER_SECONDS = 60;

/** What a merchant sees for each limit of the status lookup. */
export const statusLookupRateLimitMessages: Readonly<Record<StatusLookupLimit, string>> = {
  requests_per_ip_per_minute: '操作太频繁，请稍等一分钟再试',
  status_misses_per_ip_per_hour: '查询失败次数太多，请一小时后再试',
  status_misses_per_reference_per_address_per_day: '这个申请编号今天查询失败次数太多，请明天再试，或直接联系我们',
  status_misses_per_reference_per_day: '这个申请编号今天查询失败次数太多，请明天再试，或直接联系我们',
};

/** For API clients (JSON): the form page never shows it. */
export const idempotencyKeyMessage = '请求头 Idempotency-Key 必须是 UUID（每次打开表单生成一个，重试时沿用）';

/**
 * The form page's message for a form posted from another site's page (see request.ts isCrossSitePost): whoever
 * really meant to apply reads it on our page, with what they typed, and submits from here.
 */
export const crossSitePostMessage = '为保护您的信息，请在本站页面上核对后再提交';

/** The form page's message for a request it cannot take (e.g. a malformed Idempotency-Key): no header names for merchants. */
export const formRequestRejectedMessage = '这次提交无法处理，请刷新页面后重新填写提交';

/** Seconds a client should wait after a 503: long enough for a blip to pass, short enough for a person to retry. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Statuses of the API's refusals. Never 403: CloudFront turns every 403 of the distribution into the site's 404 page
 * (functions/http/cloudfront-behaviour.ts), and the caller would lose our message. A role without the permission gets
 * 404 (RFC 9110 §15.5.4 lets a server answer a forbidden request so) with the code `forbidden`; a request we will
 * not act on (a form posted from another site's page, a console call that did not come through CloudFront) gets 400.
 */
export const refusalStatus = { notPermitted: 404, refused: 400 } as const;

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
} as const;

/** Our HTML pages load nothing but the site's stylesheet and post only to ourselves (connect-src lets crawlers' and
 * audit tools' in-page fetches of /robots.txt through). */
const HTML_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode,
    headers: { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function errorResponse(
  statusCode: number,
  code: ErrorCode,
  options: { message?: string | undefined; fields?: FieldErrors; headers?: Record<string, string> } = {},
): ApiResponse {
  return jsonResponse(statusCode, { error: { code, message: options.message ?? errorMessages[code], fields: { ...options.fields } } }, options.headers);
}

/** Response header carrying a fresh form token with a `form_token_required` error (the body keeps the error shape). */
export const FORM_TOKEN_HEADER = 'x-form-token';

export function htmlResponse(statusCode: number, html: string, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode,
    headers: { ...COMMON_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': HTML_SECURITY_POLICY, ...headers },
    body: html,
  };
}

/** 303 See Other: after a form post, the browser GETs `location`, so reloading never re-posts. */
export function seeOther(location: string): ApiResponse {
  return { statusCode: 303, headers: { ...COMMON_HEADERS, location }, body: '' };
}

export function retryAfterHeader(seconds: number): Record<string, string> {
  return { 'retry-after': String(seconds) };
}
