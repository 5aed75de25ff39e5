/**
 * The console API (`/api/console/*`, routes in routes.ts): request parsing and response shapes for each route. Every
 * answer uses the API's error shape `{"error":{"code","message","fields"}}`. Full phone numbers leave only through
 * the reveal route (recorded in the application's history) and an admin's export with `masked=0` (recorded in the
 * audit log in the table before the file is sent; admins read it at GET /api/console/audit). Authentication happens before any of this runs (handlers/console.ts), so an unauthenticated caller
 * never learns whether a reference exists.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { brands } from '#domain/application.ts';
import { applicationStatuses, workableStatuses } from '#domain/application-status.ts';
import { isSafeStaffText, MAX_NOTE_LENGTH, MAX_NOTES_PER_APPLICATION, unsafeStaffTextMessage, type AuditLog } from '#domain/console-activity.ts';
import { InvalidPageTokenError, type Clock, type BackOfficeStore, type Pseudonymiser } from '#domain/ports.ts';
import { callOutcomes, type Actor } from '#domain/leads.ts';
import { quoteInputSchema, type QuoteBook } from '#domain/quote.ts';
import { isReference, normaliseReference } from '#domain/reference.ts';
import { startOfChinaDay } from '#domain/time.ts';
import { collectApplicationStats } from '../use-cases/application-stats.ts';
import { changeStatusAsUser } from '../use-cases/change-status.ts';
import { addNote, applicationDetail, findCaller, listQueue, listToCall, revealPhone, setPhoneBlocked, type ConsoleDeps } from '../use-cases/console-queue.ts';
import { claimLead, reassignAllLeads, reassignLead, recordCallAttempt } from '../use-cases/lead-follow-up.ts';
import { erase, findErasable } from '../use-cases/erase-personal-data.ts';
import { exportApplications } from '../use-cases/export-applications.ts';
import { applicationsCsv } from '../presentation/application-export.ts';
import { transitionRefusalText } from '../presentation/labels-zh.ts';
import { recordQuote } from '../use-cases/record-quote.ts';
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
  owned_by_other: '这份申请已有其他同事跟进，只有跟进人或管理员可以操作',
  closed: '这份申请已办结，不能再认领或记录通话',
  malformed_body: '请求内容无法解析（需要 UTF-8 编码的 JSON）',
  payload_too_large: '请求内容太长，请缩短后再提交',
  rate_limited: '操作太频繁，请稍后再试',
  notes_full: `这份申请的备注已达 ${MAX_NOTES_PER_APPLICATION} 条上限，无法继续添加`,
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
  applications: ConsoleDeps['applications'] & Pick<BackOfficeStore, 'updateStatus' | 'findByPhoneHash' | 'erasePersonalData' | 'countersOf'>;
  clock: Clock;
  /** Written quotes (书面报价单), kept with the personal data. */
  quotes: QuoteBook;
  retentionDays: number;
  /** The phone-hash key's pseudonymiser (read from the application secret): search by phone. */
  phoneHasher(): Promise<Pseudonymiser>;
  /** Acts on personal data that span applications (an unmasked export), stored before the data leaves. */
  auditLog: AuditLog;
}

export type ConsoleRouteHandler = (event: APIGatewayProxyEventV2, user: ConsoleUser, deps: ConsoleApiDeps) => Promise<ApiResponse>;

const fieldsOf = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  Object.fromEntries(issues.map((issue) => [String(issue.path[0] ?? 'body'), issue.message]));

const dayField = z.optional(z.string().check(z.refine((value) => startOfChinaDay(value) !== undefined, '日期格式应为 2026-11-01')));
const queueQuerySchema = z.object({
  /** Without a status: the "to call" view (审核中 by due time); with one: that status, newest first. */
  status: z.optional(z.enum(workableStatuses, { error: '状态不正确' })),
  /** `me`: only the caller's own ("我的"); else a user id (admins looking at someone's queue). */
  owner: z.optional(z.string().check(z.regex(/^[\w.@-]{1,64}$/, '跟进人不正确'))),
  overdue: z.optional(z.enum(['1'], { error: 'overdue 只能是 1' })),
  brand: z.optional(z.enum(brands, { error: '品牌不正确' })),
  city: z.optional(z.string().check(z.trim(), z.maxLength(20, '城市最多 20 个字'))),
  since: dayField,
  limit: z._default(z.coerce.number().check(z.int('每页条数应为 1–100'), z.minimum(1, '每页条数应为 1–100'), z.maximum(100, '每页条数应为 1–100')), 20),
  page: z.optional(z.string().check(z.maxLength(200, '翻页令牌无效'))),
});

async function listRoute(event: APIGatewayProxyEventV2, user: ConsoleUser, deps: ConsoleApiDeps): Promise<ApiResponse> {
  const parsed = queueQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) return consoleError(400, 'invalid_input', { fields: fieldsOf(parsed.error.issues) });
  const { status, owner, overdue, brand, city, since, limit, page } = parsed.data;
  const filters = { limit, ...(brand && { brand }), ...(city && { city }), ...(page && { page }) };
  try {
    if (!status)
      return jsonResponse(
        200,
        await listToCall({ ...filters, ...(owner && { owner: owner === 'me' ? user.id : owner }), ...(overdue && { overdueOnly: true }) }, deps),
      );
    const result = await listQueue({ status, ...filters, ...(since && { createdSince: startOfChinaDay(since)! }) }, user.actor, deps);
    return 'kind' in result ? unavailable(result)! : jsonResponse(200, result);
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

/**
 * The answers the actions share: gone (404), without personal data any more (410), no room for another note (409),
 * or the user's per-user limit reached (429 with Retry-After).
 */
function unavailable(outcome: { kind: string; retryAfterSeconds?: number }): ApiResponse | undefined {
  if (outcome.kind === 'not_found') return consoleError(404, 'not_found');
  if (outcome.kind === 'no_personal_data') return consoleError(410, 'no_personal_data');
  if (outcome.kind === 'notes_full') return consoleError(409, 'notes_full');
  if (outcome.kind === 'rate_limited') return consoleError(429, 'rate_limited', { headers: { 'retry-after': String(outcome.retryAfterSeconds ?? 60) } });
  return undefined;
}

const actorOf = (user: ConsoleUser): Actor => ({ id: user.id, actor: user.actor, isAdmin: user.roles.includes('admin') });
const ownedByOther = (owner: string) =>
  consoleError(409, 'owned_by_other', { message: `这份申请由 ${owner} 跟进，只有跟进人或管理员可以操作`, fields: { owner } });

const detailRoute = onApplication(async (reference, _event, _user, deps) => {
  const detail = await applicationDetail(reference, deps);
  return detail ? jsonResponse(200, detail) : consoleError(404, 'not_found');
});

const revealRoute = onApplication(async (reference, _event, user, deps) => {
  const outcome = await revealPhone(reference, user.actor, deps);
  return outcome.kind === 'revealed' ? jsonResponse(200, { reference, phone: outcome.phone }) : unavailable(outcome)!;
});

/** JSON body validated by `schema`, or the 400/415 to answer. */
function jsonBody<T>(event: APIGatewayProxyEventV2, schema: z.ZodMiniType<T>): { ok: true; value: T } | { ok: false; response: ApiResponse } {
  const body = readBody(event);
  if (!body.ok)
    return { ok: false, response: consoleError(body.problem.status, body.problem.code === 'payload_too_large' ? 'payload_too_large' : 'malformed_body') };
  if (body.body.format !== 'json') return { ok: false, response: consoleError(415, 'malformed_body') };
  const parsed = schema.safeParse(body.body.value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, response: consoleError(400, 'invalid_input', { fields: fieldsOf(parsed.error.issues) }) };
}

const reasonField = z.optional(
  z.string().check(z.trim(), z.maxLength(MAX_NOTE_LENGTH, `说明最多 ${MAX_NOTE_LENGTH} 个字`), z.refine(isSafeStaffText, `说明${unsafeStaffTextMessage}`)),
);
const statusChangeSchema = z.object({ to: z.enum(applicationStatuses, { error: '目标状态不正确' }), reason: reasonField });

const statusRoute = onApplication(async (reference, event, user, deps) => {
  const body = jsonBody(event, statusChangeSchema);
  if (!body.ok) return body.response;
  const { to, reason } = body.value;
  if (to === 'rejected' && !reason) return consoleError(400, 'invalid_input', { fields: { reason: '拒绝时请写明原因' } });
  // Only the owner or an admin, when someone follows it up: checked by the change on the application it reads.
  const outcome = await changeStatusAsUser({ reference, to, by: user.actor, ...(reason && { reason }) }, actorOf(user), deps);
  if (outcome.kind === 'owned_by_other') return ownedByOther(outcome.owner);
  // A trapped spam submission is no application to the console (as in the detail, phone and note routes): 404, so
  // this route tells no more than the others about which references are spam.
  if (outcome.kind === 'not_found' || (outcome.kind === 'refused' && outcome.from === 'spam')) return consoleError(404, 'not_found');
  if (outcome.kind === 'refused') return consoleError(409, 'transition_refused', { message: transitionRefusalText(outcome.refusal) });
  return jsonResponse(200, { reference, from: outcome.from, to: outcome.to, reasonDropped: outcome.reasonDropped });
});

const noteSchema = z.object({
  text: z
    .string({ error: '请填写备注' })
    .check(
      z.trim(),
      z.minLength(1, '请填写备注'),
      z.maxLength(MAX_NOTE_LENGTH, `备注最多 ${MAX_NOTE_LENGTH} 个字`),
      z.refine(isSafeStaffText, `备注${unsafeStaffTextMessage}`),
    ),
});

const noteRoute = onApplication(async (reference, event, user, deps) => {
  const body = jsonBody(event, noteSchema);
  if (!body.ok) return body.response;
  const outcome = await addNote(reference, body.value.text, actorOf(user), deps);
  if (outcome.kind === 'owned_by_other') return ownedByOther(outcome.owner);
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

const claimRoute = onApplication(async (reference, _event, user, deps) => {
  const outcome = await claimLead(reference, actorOf(user), deps);
  if (outcome.kind === 'owned_by_other') return ownedByOther(outcome.owner);
  if (outcome.kind === 'not_found') return consoleError(404, 'not_found');
  if (outcome.kind === 'closed') return consoleError(409, 'closed');
  return jsonResponse(200, { reference, owner: user.id });
});

const userIdField = z.string({ error: '请填写同事的账号' }).check(z.trim(), z.regex(/^[\w.@-]{1,64}$/, '账号只能包含字母、数字和 . _ @ -（最多 64 个字符）'));
const ownerSchema = z.object({ to: userIdField });

const ownerRoute = onApplication(async (reference, event, user, deps) => {
  const body = jsonBody(event, ownerSchema);
  if (!body.ok) return body.response;
  const outcome = await reassignLead(reference, body.value.to, actorOf(user), deps);
  if (outcome.kind === 'not_found') return consoleError(404, 'not_found');
  if (outcome.kind === 'closed') return consoleError(409, 'closed');
  return jsonResponse(200, { reference, owner: body.value.to, ...(outcome.from !== undefined && { from: outcome.from }) });
});

const transferSchema = z.object({ from: userIdField, to: userIdField });

async function transferRoute(event: APIGatewayProxyEventV2, user: ConsoleUser, deps: ConsoleApiDeps): Promise<ApiResponse> {
  const body = jsonBody(event, transferSchema);
  if (!body.ok) return body.response;
  const { from, to } = body.value;
  if (from === to) return consoleError(400, 'invalid_input', { fields: { to: '接手的同事不能是原跟进人' } });
  const moved = await reassignAllLeads(from, to, actorOf(user), { ...deps, listing: deps.applications });
  return jsonResponse(200, { from, to, moved });
}

const callSchema = z.object({
  outcome: z.enum(callOutcomes, { error: '请选择通话结果' }),
  nextCallAt: z.optional(z.iso.datetime({ offset: true, error: '下次通话时间格式不正确' })),
  note: z.optional(z.string().check(z.trim(), z.maxLength(MAX_NOTE_LENGTH, `备注最多 ${MAX_NOTE_LENGTH} 个字`))),
});

const callRoute = onApplication(async (reference, event, user, deps) => {
  const body = jsonBody(event, callSchema);
  if (!body.ok) return body.response;
  const { outcome, nextCallAt, note } = body.value;
  const recorded = await recordCallAttempt({ reference, outcome, ...(nextCallAt && { nextCallAt }), ...(note && { note }) }, actorOf(user), deps);
  if (recorded.kind === 'invalid') return consoleError(400, 'invalid_input', { fields: { [recorded.field]: recorded.message } });
  if (recorded.kind === 'owned_by_other') return ownedByOther(recorded.owner);
  if (recorded.kind === 'not_found') return consoleError(404, 'not_found');
  if (recorded.kind === 'closed') return consoleError(409, 'closed');
  const { kind: _kind, ...result } = recorded;
  return jsonResponse(201, { reference, ...result });
});

const searchSchema = z.object({
  query: z
    .string({ error: '请输入申请编号或完整手机号' })
    .check(z.trim(), z.minLength(1, '请输入申请编号或完整手机号'), z.maxLength(40, '请输入申请编号或完整手机号')),
});

/** POST, not GET: a phone number must never be in a URL (access logs, browser history). */
async function searchRoute(event: APIGatewayProxyEventV2, user: ConsoleUser, deps: ConsoleApiDeps): Promise<ApiResponse> {
  const body = jsonBody(event, searchSchema);
  if (!body.ok) return body.response;
  const outcome = await findCaller(body.value.query, user.actor, deps);
  if (outcome.kind === 'rate_limited') return unavailable(outcome)!;
  if (outcome.kind !== 'found') return consoleError(400, 'invalid_input', { fields: { query: '请输入申请编号（如 PA-7K3F-9Q2M）或 11 位手机号' } });
  return jsonResponse(200, { by: outcome.by, items: outcome.items });
}

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
  // On record before any row leaves: if the audit write fails, the export fails (503) and nothing is sent.
  if (masked === '0') {
    const filters = Object.fromEntries(Object.entries({ status, brand, since }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    await deps.auditLog.record({ action: 'personal_data_exported', at: deps.clock.now().toISOString(), by: user.actor, rows: result.records.length, filters });
  }
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

/** Entries the audit route returns. */
const AUDIT_ENTRIES_SHOWN = 100;

async function auditRoute(_event: APIGatewayProxyEventV2, _user: ConsoleUser, deps: ConsoleApiDeps): Promise<ApiResponse> {
  return jsonResponse(200, { entries: await deps.auditLog.recent(AUDIT_ENTRIES_SHOWN) });
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
  'POST /api/console/applications/{reference}/claim': claimRoute,
  'POST /api/console/applications/{reference}/owner': ownerRoute,
  'POST /api/console/applications/{reference}/calls': callRoute,
  'POST /api/console/owners/transfer': transferRoute,
  'POST /api/console/search': searchRoute,
  'GET /api/console/stats': statsRoute,
  'GET /api/console/export': exportRoute,
  'GET /api/console/audit': auditRoute,
} as const satisfies Record<RouteKeyOf<'console'>, ConsoleRouteHandler>;
