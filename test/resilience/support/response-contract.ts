/**
 * The documented answers of the intake API (functions/http/responses.ts), as a checker: given a request
 * and what came back, every way the answer breaks the contract, in words. An empty list means the answer is fine.
 *
 * - Never a 5xx here (no dependency is down), never a stack trace, never unescaped input in HTML.
 * - JSON clients get `{"error":{"code","message","fields"?}}` with a Chinese message (and Chinese field messages),
 *   the code matching the status; 429 carries Retry-After, 405 carries Allow.
 * - A form posted without JavaScript (`application/x-www-form-urlencoded`) gets the form page again (HTML, with an
 *   alert) for what it can fix (400 invalid input or key, 422, 429), or a 303 to the thank-you page. Problems with
 *   the body itself (413, 415, bytes that are not UTF-8) are answered in JSON even then: no form page can show them.
 * - Accepted: `201`/`200` `{"reference","status":"submitted"}`, or `303` to `/api/applications/thanks?ref=PA-…`.
 */
import { isReference } from '../../../functions/domain/reference.ts';
import { errorMessages, type ErrorCode } from '../../../functions/http/responses.ts';
import type { HostileRequest } from './hostile-requests.ts';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const CODES_BY_STATUS: Readonly<Record<number, readonly ErrorCode[]>> = {
  400: ['invalid_input', 'malformed_body', 'idempotency_key_required', 'form_token_required'],
  404: ['route_not_found', 'not_found'],
  405: ['method_not_allowed'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  422: ['idempotency_key_reused'],
  429: ['rate_limited'],
};
/** JSON even for a form post: the body itself could not be read. */
const BODY_LEVEL_CODES: readonly ErrorCode[] = ['payload_too_large', 'unsupported_media_type', 'malformed_body'];

const HAN = /\p{Script=Han}/u;
const STACK_TRACE = /\bat [\w$.<>]+ \(|node:internal|\/functions\/[\w/-]+\.ts|\b(?:Type|Syntax|Range|Reference)Error\b|ECONNREFUSED/;
const THANK_YOU_LOCATION = /^\/api\/applications\/thanks\?ref=(PA-[0-9A-Z]{4}-[0-9A-Z]{4})$/;
/** Hostile markup the generators send; an HTML answer must only ever contain it escaped. */
const RAW_MARKUP = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'];

const pathOf = (request: HostileRequest) => request.path.split('?')[0]!;
const headerOf = (answer: Answer, name: string) => {
  const value = answer.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

function isFormPost(request: HostileRequest): boolean {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return request.method === 'POST' && type === 'application/x-www-form-urlencoded' && [SUBMIT, STATUS].includes(pathOf(request));
}
const SUBMIT = '/api/applications';
const STATUS = '/api/applications/status';
const THANK_YOU = '/api/applications/thanks';

/** The reference an answer accepted, if it accepted one. */
export function acceptedReference(request: HostileRequest, answer: Answer): string | undefined {
  if (request.method !== 'POST' || pathOf(request) !== SUBMIT) return undefined;
  if (answer.status === 303) return THANK_YOU_LOCATION.exec(headerOf(answer, 'location') ?? '')?.[1];
  if (answer.status === 200 || answer.status === 201) {
    try {
      const reference = (JSON.parse(answer.text) as { reference?: unknown }).reference;
      return typeof reference === 'string' ? reference : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function contractViolations(request: HostileRequest, answer: Answer): string[] {
  const problems: string[] = [];
  const contentType = headerOf(answer, 'content-type') ?? '';
  const isJson = contentType === 'application/json; charset=utf-8';
  const isHtml = contentType === 'text/html; charset=utf-8';
  const hasBody = request.method !== 'HEAD';

  if (answer.status >= 500) problems.push(`server error ${answer.status}`);
  if (answer.status < 200 || (answer.status >= 300 && answer.status < 400 && answer.status !== 303)) problems.push(`unexpected status ${answer.status}`);
  if (STACK_TRACE.test(answer.text)) problems.push('the answer shows internals (stack trace, file path or error class)');
  if (isHtml && RAW_MARKUP.some((markup) => answer.text.includes(markup))) problems.push('the HTML answer echoes markup unescaped');

  if (answer.status === 303) {
    if (!isFormPost(request) || pathOf(request) !== SUBMIT) problems.push('303 for something other than a form posted to /api/applications');
    if (!THANK_YOU_LOCATION.test(headerOf(answer, 'location') ?? '')) problems.push(`303 to ${headerOf(answer, 'location')}, not the thank-you page`);
  }

  if (answer.status === 200 || answer.status === 201) {
    const path = pathOf(request);
    if (request.method === 'POST' && path === SUBMIT && !isFormPost(request)) {
      let body: unknown;
      try {
        body = JSON.parse(answer.text);
      } catch {
        body = undefined;
      }
      const { reference, status, ...rest } = (body ?? {}) as Record<string, unknown>;
      if (!isJson || typeof reference !== 'string' || !isReference(reference) || status !== 'submitted' || Object.keys(rest).length > 0) {
        problems.push(`accepted, but not as {"reference":"PA-…","status":"submitted"}: ${answer.text.slice(0, 200)}`);
      }
    } else if (request.method === 'GET' && path === THANK_YOU) {
      if (!isHtml || !HAN.test(answer.text)) problems.push('thank-you page is not a Chinese HTML page');
    } else if (!(request.method === 'POST' && path === STATUS)) {
      problems.push(`${answer.status} for ${request.method} ${path}`);
    }
  }

  if (answer.status >= 400 && answer.status < 500) {
    if (!(answer.status in CODES_BY_STATUS)) problems.push(`undocumented status ${answer.status}`);
    if (answer.status === 429 && !/^[1-9]\d*$/.test(headerOf(answer, 'retry-after') ?? '')) problems.push('429 without a Retry-After in seconds');
    if (answer.status === 405 && !headerOf(answer, 'allow')) problems.push('405 without Allow');
    if (isJson) {
      if (hasBody) problems.push(...errorShapeProblems(answer));
      const code = hasBody ? errorCodeOf(answer) : undefined;
      if (isFormPost(request) && code !== undefined && !BODY_LEVEL_CODES.includes(code)) {
        problems.push(`a form post got JSON (${code}) instead of the form page with the message`);
      }
    } else if (isHtml) {
      const htmlExpected = isFormPost(request) || (request.method === 'GET' && pathOf(request) === THANK_YOU);
      if (!htmlExpected) problems.push('an HTML error page for a request that is not a form post');
      if (hasBody && !answer.text.includes('<html lang="zh-CN">')) problems.push('HTML error page is not a zh-CN page');
      if (hasBody && isFormPost(request) && !answer.text.includes('role="alert"')) problems.push('form page without an alert telling what is wrong');
      if (hasBody && !HAN.test(answer.text)) problems.push('HTML error page has no Chinese text');
    } else {
      problems.push(`error answered as "${contentType}"`);
    }
  }
  return problems;
}

function errorCodeOf(answer: Answer): ErrorCode | undefined {
  try {
    return (JSON.parse(answer.text) as { error: { code: ErrorCode } }).error.code;
  } catch {
    return undefined;
  }
}

/** `{"error":{"code","message","fields"?}}`: the code documented for the status, the messages in Chinese. */
function errorShapeProblems(answer: Answer): string[] {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [`error body is not JSON: ${answer.text.slice(0, 120)}`];
  }
  const problems: string[] = [];
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isObject(body) || Object.keys(body).join() !== 'error' || !isObject(body.error)) return [`not {"error":{…}}: ${answer.text.slice(0, 200)}`];
  const { code, message, fields, ...rest } = body.error;
  if (Object.keys(rest).length > 0) problems.push(`error has undocumented members ${Object.keys(rest).join(', ')}`);
  if (typeof code !== 'string' || !(code in errorMessages)) problems.push(`unknown error code ${String(code)}`);
  else if (!CODES_BY_STATUS[answer.status]?.includes(code as ErrorCode)) problems.push(`code ${code} with status ${answer.status}`);
  if (typeof message !== 'string' || !HAN.test(message)) problems.push(`message is not Chinese: ${String(message)}`);
  if (fields !== undefined) {
    if (!isObject(fields)) problems.push('fields is not an object');
    else {
      for (const [name, text] of Object.entries(fields)) {
        if (typeof text !== 'string' || !HAN.test(text)) problems.push(`field message for ${name} is not Chinese: ${String(text)}`);
        if (name.length > 64) problems.push(`field name echoed at length ${name.length}`);
      }
    }
  }
  if (code === 'invalid_input' && (!isObject(fields) || Object.keys(fields).length === 0)) problems.push('invalid_input without naming a field');
  return problems;
}
