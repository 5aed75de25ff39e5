/**
 * The console API (`/api/console/*`, routes in routes.ts): request parsing and response shapes for each route. Every
 * answer uses the API's error shape `{"error":{"code","message","fields"}}`. Full phone numbers leave only through
 * the reveal route (recorded in the application's history) and an admin's export with `masked=0` (recorded in the
 * audit log). Authentication happens before any of this runs (handlers/console.ts), so an unauthenticated caller
 * never learns whether a reference exists.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { brands } from '#domain/application.ts';
import { applicationStatuses, workableStatuses } from '#domain/application-status.ts';
import { MAX_NOTE_LENGTH } from '#domain/console-activity.ts';
import { InvalidPageTokenError, type Clock, type BackOfficeStore } from '#domain/ports.ts';
import { quoteInputSchema, type QuoteBook } from '#domain/quote.ts';
import { isReference, normaliseReference } from '#domain/reference.ts';
import { startOfChinaDay } from '#domain/time.ts';
import { collectApplicationStats } from '../use-cases/application-stats.ts';
import { changeStatus } from '../use-cases/change-status.ts';
import { addNote, applicationDetail, listQueue, revealPhone, setPhoneBlocked, type ConsoleDeps } from '../use-cases/console-queue.ts';
import { erase, findErasable } from '../use-cases/erase-personal-data.ts';
import { exportApplications } from '../use-cases/export-applications.ts';
import { applicationsCsv } from '../presentation/application-export.ts';
import { quoteHistory, recordQuote } from '../use-cases/record-quote.ts';
import type { ConsoleUser } from './console-auth.ts';
import { readBody } from './request.ts';
import type { RouteKeyOf } from './routes.ts';
import { jsonResponse, type ApiResponse } from './responses.ts';

export const consoleErrorMessages = {
  unauthorized: '请先登录（登录已过期或无效）',
  forbidden: '您没有权限进行这个操作',
  not_through_site: '请通过网站访问控制台',
  invalid_input: '请求参数有误，请按提示修改',
  not_found: '没有找到这份申请',
  no_personal_data: '这份申请的个人信息已删除（按要求删除或保留期满），无法查看、备注或屏蔽号码',
  transition_refused: '这一步不符合状态流程，请刷新后再操作',
  malformed_body: '请求内容无法解析（需要 UTF-8 编码的 JSON）',
} as const;

export type ConsoleErrorCode = keyof typeof consoleErrorMessages;

export function consoleError(
  status: number,
  code: ConsoleErrorCode,
  options: { message?: string | undefined; fields?: Record<string, string>; headers?: Record<string, string> } = {},
): ApiResponse {
  return jsonResponse(status, { error: { code, message: options.message ?? consoleErrorMessages[code], fields: { ...options.fields } } }, options.headers);
}

export interface ConsoleApiDeps extends ConsoleDeps {
  applications: ConsoleDeps['applications'] & Pick<BackOfficeStore, 'updateStatus' | 'findByPhoneHash' | 'erasePersonalData'>;
  clock: Clock;
  /** Written quotes (书面报价单), kept with the personal data. */
  quotes: QuoteBook;
  retentionDays: number;
  /** Record an act on personal data that spans applications (an unmasked export): who, when, what — never the data. */
  audit(action: string, details: Record<string, unknown>): void;
}

export type ConsoleRouteHandler = (event: APIGatewayProxyEventV2, user: ConsoleUser, deps: ConsoleApiDeps) => Promise<ApiResponse>;

const fieldsOf = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  Object.fromEntries(issues.map((issue) => [String(issue.path[0] ?? 'body'), issue.message]));

const dayField = z.optional(z.string().check(z.refine((value) => startOfChinaDay(value) !== undefined, '日期格式应为 2026-11-01')));
const queueQuerySchema = z.object({
  status: z._default(z.enum(workableStatuses, { error: '状态不正确' }), 'pending_review'),
  brand: z.optional(z.enum(brands, { error: '品牌不正确' })),
  city: z.optional(z.string().check(z.trim(), z.maxLength(20, '城市最多 20 个字'))),
  since: dayField,
  limit: z._default(z.coerce.number().check(z.int('每页条数应为 1–100'), z.minimum(1, '每页条数应为 1–100'), z.maximum(100, '每页条数应为 1–100')), 20),
  page: z.optional(z.string().check(z.maxLength(200, '翻页令牌无效'))),
});

async function listRoute(event: APIGatewayProxyEventV2, _user: ConsoleUser, deps: ConsoleApiDeps): Promise<ApiResponse> {
  const parsed = queueQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) return consoleError(400, 'invalid_input', { fields: fieldsOf(parsed.error.issues) });
  const { status, brand, city, since, limit, page } = parsed.data;
  try {
    const result = await listQueue(
      { status, limit, ...(brand && { brand }), ...(city && { city }), ...(since && { createdSince: startOfChinaDay(since)! }), ...(page && { page }) },
      deps,
    );
    return jsonResponse(200, result);
  } catch (error) {
    if (error instanceof InvalidPageTokenError) return consoleError(400, 'invalid_input', { fields: { page: '翻页令牌无效，请从第一页开始' } });
    throw error;
  }
}

function referenceOf(event: APIGatewayProxyEventV2): string | undefined {
  const reference = normaliseReference(event.pathParameters?.reference ?? '');
  return reference && isReference(reference) ? reference : undefined;
}

type ApplicationRoute = (reference: string, event: APIGatewayProxyEventV2, user: ConsoleUser, deps: ConsoleApiDeps) => Promise<ApiResponse>;

/** A route on one application: a malformed reference gets the same 404 as an unknown one. */
const onApplication =
  (route: ApplicationRoute): ConsoleRouteHandler =>
  (event, user, deps) => {
    const reference = referenceOf(event);
    return reference ? route(reference, event, user, deps) : Promise.resolve(consoleError(404, 'not_found'));
  };

/** The answers the actions on one application share: gone (404) or without personal data any more (410). */
function unavailable(outcome: { kind: string }): ApiResponse | undefined {
  if (outcome.kind === 'not_found') return consoleError(404, 'not_found');
  if (outcome.kind === 'no_personal_data') return consoleError(410, 'no_personal_data');
  return undefined;
}

const detailRoute = onApplication(async (reference, _event, _user, deps) => {
  const [detail, quotes] = await Promise.all([applicationDetail(reference, deps), quoteHistory(reference, deps)]);
  return detail ? jsonResponse(200, { ...detail, quotes }) : consoleError(404, 'not_found');
});

const revealRoute = onApplication(async (reference, _event, user, deps) => {
  const outcome = await revealPhone(reference, user.actor, deps);
  return outcome.kind === 'revealed' ? jsonResponse(200, { reference, phone: outcome.phone }) : unavailable(outcome)!;
});

/** JSON body validated by `schema`, or the 400/415 to answer. */
function jsonBody<T>(event: APIGatewayProxyEventV2, schema: z.ZodMiniType<T>): { ok: true; value: T } | { ok: false; response: ApiResponse } {
  const body = readBody(event);
  if (!body.ok || body.body.format !== 'json') return { ok: false, response: consoleError(body.ok ? 415 : body.problem.status, 'malformed_body') };
  const parsed = schema.safeParse(body.body.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: consoleError(400, 'invalid_input', { fields: fieldsOf(parsed.error.issues) }) };
}

const reasonField = z.optional(z.string().check(z.trim(), z.maxLength(MAX_NOTE_LENGTH, `说明最多 ${MAX_NOTE_LENGTH} 个字`)));
const statusChangeSchema = z.object({ to: z.enum(applicationStatuses, { error: '目标状态不正确' }), reason: reasonField });

const statusRoute = onApplication(async (reference, event, user, deps) => {
  const body = jsonBody(event, statusChangeSchema);
  if (!body.ok) return body.response;
  const { to, reason } = body.value;
  if (to === 'rejected' && !reason) return consoleError(400, 'invalid_input', { fields: { reason: '拒绝时请写明原因' } });
  const outcome = await changeStatus({ reference, to, by: user.actor, ...(reason && { reason }) }, deps);
  if (outcome.kind === 'not_found') return consoleError(404, 'not_found');
  if (outcome.kind === 'refused') return consoleError(409, 'transition_refused', { message: outcome.message.split('\n')[0] });
  return jsonResponse(200, { reference, from: outcome.from, to: outcome.to, reasonDropped: outcome.reasonDropped });
});

const noteSchema = z.object({ text: z.string({ error: '请填写备注' }).check(z.trim(), z.minLength(1, '请填写备注'), z.maxLength(MAX_NOTE_LENGTH, `备注最多 ${MAX_NOTE_LENGTH} 个字`)) });

const noteRoute = onApplication(async (reference, event, user, deps) => {
  const body = jsonBody(event, noteSchema);
  if (!body.ok) return body.response;
  const outcome = await addNote(reference, body.value.text, user.actor, deps);
  return unavailable(outcome) ?? jsonResponse(201, { reference });
});

/** A figure's message is reported under the figure's name (`depositYuan`): fieldsOf keeps the first path segment. */
const quoteRoute = onApplication(async (reference, event, user, deps) => {
  const body = jsonBody(event, quoteInputSchema);
  if (!body.ok) return body.response;
  const outcome = await recordQuote({ reference, quote: body.value, by: user.actor }, deps);
  if (outcome.kind !== 'recorded') return unavailable(outcome)!;
  return jsonResponse(201, { reference, recordedAt: outcome.recordedAt });
});

const erasureRoute = onApplication(async (reference, _event, user, deps) => {
  const plan = await findErasable({ reference }, deps);
  if (plan.kind !== 'found') return consoleError(404, 'not_found');
  return jsonResponse(200, await erase(plan, user.actor, deps));
});

const blockingSchema = z.object({ blocked: z.boolean({ error: 'blocked 应为 true 或 false' }), reason: reasonField });

const blockingRoute = onApplication(async (reference, event, user, deps) => {
  const body = jsonBody(event, blockingSchema);
  if (!body.ok) return body.response;
  const { blocked, reason } = body.value;
  const outcome = await setPhoneBlocked({ reference, blocked, by: user.actor, ...(reason && { reason }) }, deps);
  return unavailable(outcome) ?? jsonResponse(200, { reference, blocked });
});

const statsQuerySchema = z.object({ days: z._default(z.enum(['7', '30', '90'], { error: '统计天数应为 7、30 或 90' }), '30') });

async function statsRoute(event: APIGatewayProxyEventV2, _user: ConsoleUser, deps: ConsoleApiDeps): Promise<ApiResponse> {
  const parsed = statsQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) return consoleError(400, 'invalid_input', { fields: fieldsOf(parsed.error.issues) });
  const days = Number(parsed.data.days);
  return jsonResponse(200, { days, ...(await collectApplicationStats(days, deps)) });
}

/** Lambda responses are limited to 6 MB; ten thousand rows stay well below it. */
export const MAX_EXPORT_ROWS = 10_000;
const exportQuerySchema = z.object({
  status: z.optional(z.enum(applicationStatuses, { error: '状态不正确' })),
  brand: z.optional(z.enum(brands, { error: '品牌不正确' })),
  since: dayField,
  /** Masked unless the admin asks for full names and phones with `masked=0` (recorded). */
  masked: z._default(z.enum(['0', '1'], { error: 'masked 应为 0 或 1' }), '1'),
});

async function exportRoute(event: APIGatewayProxyEventV2, user: ConsoleUser, deps: ConsoleApiDeps): Promise<ApiResponse> {
  const parsed = exportQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) return consoleError(400, 'invalid_input', { fields: fieldsOf(parsed.error.issues) });
  const { status, brand, since, masked } = parsed.data;
  const result = await exportApplications(
    {
      statuses: status ? [status] : workableStatuses,
      ...(brand && { brand }),
      ...(since && { createdSince: startOfChinaDay(since)! }),
    },
    { maxRows: MAX_EXPORT_ROWS },
    deps,
  );
  if (masked === '0') deps.audit('personal data exported', { by: user.actor, rows: result.records.length, filters: { status, brand, since } });
  const day = deps.clock.now().toISOString().slice(0, 10);
  return {
    statusCode: 200,
    headers: {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="applications-${day}.csv"`,
      'x-export-rows': String(result.records.length),
      'x-export-truncated': String(result.truncated),
    },
    body: applicationsCsv(result.records, masked === '1'),
  };
}

async function meRoute(_event: APIGatewayProxyEventV2, user: ConsoleUser): Promise<ApiResponse> {
  return jsonResponse(200, { id: user.id, roles: user.roles });
}

/** Route key → what answers it. The compiler holds the keys to exactly the console routes of routes.ts. */
export const consoleRouteHandlers = {
  'GET /api/console/me': meRoute,
  'GET /api/console/applications': listRoute,
  'GET /api/console/applications/{reference}': detailRoute,
  'POST /api/console/applications/{reference}/phone': revealRoute,
  'POST /api/console/applications/{reference}/status': statusRoute,
  'POST /api/console/applications/{reference}/notes': noteRoute,
  'POST /api/console/applications/{reference}/quote': quoteRoute,
  'POST /api/console/applications/{reference}/erasure': erasureRoute,
  'POST /api/console/applications/{reference}/blocking': blockingRoute,
  'GET /api/console/stats': statsRoute,
  'GET /api/console/export': exportRoute,
} as const satisfies Record<RouteKeyOf<'console'>, ConsoleRouteHandler>;
