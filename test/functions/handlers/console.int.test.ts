/**
 * The review console API through the real HTTP stack: tokens from the local OpenID Connect provider (the same
 * verification code as for Cognito's), DynamoDB Local behind it.
 */
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createDynamoDbConsoleActivityLog } from '../../../functions/adapters/dynamodb-console-activity.ts';
import { MAX_NOTE_LENGTH, MAX_NOTES_PER_APPLICATION } from '../../../functions/domain/console-activity.ts';
import { consoleUserLimits } from '../../../functions/domain/rate-limits.ts';
import { apiRoutes } from '../../../functions/http/routes.ts';
import { formTokenIssued, newIdempotencyKey, validApplication } from '../../support/application-fixtures.ts';
import { postJson } from '../../support/http-client.ts';
import { signedInConsoleStack } from '../../support/signed-in-console.ts';
import { applyThroughApi } from '../../support/apply-through-api.ts';

const stack = signedInConsoleStack();
const { call } = stack;

const apply = (overrides: Record<string, unknown> = {}) => applyThroughApi(stack.intake.url, overrides);

const consoleRoutes = apiRoutes.filter((route) => route.handler === 'console');
const concretePath = (path: string, reference: string) => path.replace('{reference}', reference);

describe('console API authentication', () => {
  it.each(consoleRoutes.map((route) => [route.method, route.path] as const))(
    '%s %s without a token → 401 in the standard error shape',
    async (method, path) => {
      const { reference } = await apply();

      const existing = await call(method, concretePath(path, reference));
      const unknown = await call(method, concretePath(path, 'PA-2222-2222'));

      expect(existing.status).toBe(401);
      expect(existing.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('登录'), fields: {} } });
      // Nothing tells an unauthenticated caller whether the reference exists.
      expect(existing.text).toBe(unknown.text);
    },
  );

  it('401 for a token signed by another issuer, and for one that claims our issuer with a key we do not trust', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forge = (issuer: string) =>
      new SignJWT({ username: 'mallory', 'cognito:groups': ['admin'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
        .setIssuer(issuer)
        .setAudience(stack.intake.oidc!.clientId)
        .setSubject('mallory')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);

    const otherIssuer = await call('GET', '/api/console/applications', await forge('https://evil.example/oidc'));
    const ourIssuer = await call('GET', '/api/console/applications', await forge(stack.intake.oidc!.issuer));

    expect(otherIssuer.status).toBe(401);
    expect(ourIssuer.status).toBe(401);
  });

  it('401 for a token that is not a JWT at all', async () => {
    expect((await call('GET', '/api/console/me', 'not-a-token')).status).toBe(401);
  });

  it.each(consoleRoutes.filter((route) => route.access === 'admin').map((route) => [route.method, route.path] as const))(
    'reviewer on admin route %s %s → 404 with code forbidden and its own message (a 403 would become the site 404 page on CloudFront)',
    async (method, path) => {
      const { reference } = await apply();

      const response = await call(method, concretePath(path, reference), stack.reviewerToken);

      expect(response.status).toBe(404);
      expect(response.json()).toEqual({ error: { code: 'forbidden', message: '您没有权限进行这个操作', fields: {} } });
    },
  );

  it("the local provider's access tokens are shaped like Cognito's: client_id, token_use, scope, groups, and no aud naming the client", async () => {
    const claims = JSON.parse(Buffer.from(stack.reviewerToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

    expect(claims).toMatchObject({
      client_id: stack.intake.oidc!.clientId,
      token_use: 'access',
      scope: expect.any(String),
      username: 'reviewer',
      'cognito:groups': ['reviewer'],
    });
    expect(claims.exp).toEqual(expect.any(Number));
    expect([claims.aud].flat()).not.toContain(stack.intake.oidc!.clientId);
  });

  it('tells the console who is signed in and with which roles', async () => {
    expect((await call('GET', '/api/console/me', stack.reviewerToken)).json()).toEqual({ id: 'reviewer', roles: ['reviewer'] });
    expect((await call('GET', '/api/console/me', stack.adminToken)).json()).toEqual({ id: 'admin', roles: ['admin'] });
  });

  it('keeps the key set out of reach of a forged token: an unsigned (alg none) token → 401', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: stack.intake.oidc!.issuer, aud: stack.intake.oidc!.clientId, sub: 'x', 'cognito:groups': ['admin'], exp: 4_000_000_000 }),
    ).toString('base64url');

    expect((await call('GET', '/api/console/me', `${header}.${payload}.x`)).status).toBe(401);
  });
});

describe('console queue and detail', () => {
  it('lists submitted applications newest first with masked phone and name, and counts per status', async () => {
    const first = await apply({ name: '张三丰', city: '浙江省 杭州市' });
    const second = await apply({ name: '李四', city: '浙江省 杭州市' });

    const response = await call('GET', '/api/console/applications?status=submitted&limit=100', stack.reviewerToken);

    expect(response.status).toBe(200);
    const page = response.json();
    const references = page.items.map((item: { reference: string }) => item.reference);
    expect(references.indexOf(second.reference)).toBeLessThan(references.indexOf(first.reference));
    const row = page.items.find((item: { reference: string }) => item.reference === first.reference);
    expect(row.maskedPhone).toBe(`${first.phone.slice(0, 3)}****${first.phone.slice(-4)}`);
    expect(row.maskedName).toBe('张**');
    expect(response.text).not.toContain(first.phone);
    expect(page.counts.submitted).toBeGreaterThanOrEqual(2);
    expect(page.countsAtLeast).toEqual([]);
  });

  it('filters by city', async () => {
    const { reference } = await apply({ city: '新疆维吾尔自治区 乌鲁木齐市' });
    await apply({ city: '西藏自治区 拉萨市' });

    const page = (await call('GET', `/api/console/applications?status=submitted&city=${encodeURIComponent('乌鲁木齐')}`, stack.reviewerToken)).json();

    expect(page.items.map((item: { reference: string }) => item.reference)).toEqual([reference]);
  });

  it('400 with a field message for an unknown status filter', async () => {
    const response = await call('GET', '/api/console/applications?status=nonsense', stack.reviewerToken);

    expect(response.status).toBe(400);
    expect(response.json().error.fields.status).toBeTruthy();
  });

  it('detail carries the application with a masked phone and the transitions the model allows', async () => {
    const { reference, phone } = await apply();

    const response = await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken);

    expect(response.status).toBe(200);
    expect(response.text).not.toContain(phone);
    expect(response.json()).toMatchObject({ reference, status: 'submitted', allowedTransitions: ['pending_review', 'rejected', 'withdrawn'] });
  });

  it('stores the preferred call window with the application and shows it in the queue and the detail', async () => {
    const { reference } = await apply({ callWindow: 'weekend', city: '青海省 西宁市' });

    const detail = (await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken)).json();
    const page = (await call('GET', `/api/console/applications?status=submitted&city=${encodeURIComponent('西宁')}`, stack.reviewerToken)).json();

    expect(detail.callWindow).toBe('weekend');
    expect(page.items).toEqual([expect.objectContaining({ reference, callWindow: 'weekend', callableNow: expect.any(Boolean) })]);
  });

  it('404 for an unknown reference once signed in', async () => {
    expect((await call('GET', '/api/console/applications/PA-2222-2222', stack.reviewerToken)).status).toBe(404);
  });
});

describe('console activity cannot freeze an application (attack review round three, finding 3)', () => {
  it('activity far past what filled the 400 KB item before: erasure, blocking (with its history entry) and the detail still work', async () => {
    const { reference, phone } = await apply();
    const activity = createDynamoDbConsoleActivityLog({ tableName: stack.intake.tableName, documentClient: stack.intake.documentClient });
    // 8,200 reveals filled the application item last time; a few more than that, written straight to the log.
    const entries = Array.from(
      { length: 8_500 },
      (_, i) => ({ action: 'phone_revealed', at: new Date(Date.UTC(2026, 11, 1) + i).toISOString(), by: 'console:reviewer' }) as const,
    );
    for (let i = 0; i < entries.length; i += 20) await Promise.all(entries.slice(i, i + 20).map((entry) => activity.append(reference, entry)));

    const detail = await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken);
    const blocked = await call('POST', `/api/console/applications/${reference}/blocking`, stack.adminToken, { blocked: true });
    const afterBlocking = (await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken)).json();
    const erased = await call('POST', `/api/console/applications/${reference}/erasure`, stack.adminToken);

    expect(detail.status).toBe(200);
    expect(detail.text.length).toBeLessThan(100_000);
    expect(blocked.status).toBe(200);
    expect(afterBlocking.history.at(-1)).toMatchObject({ action: 'phone_blocked', by: 'console:admin' });
    expect(erased.status).toBe(200);
    expect(await stack.intake.personalData(reference)).toBeUndefined();
    expect(JSON.stringify(await stack.intake.application(reference))).not.toContain(phone);
  }, 120_000);

  it('notes are bounded per application: the next one after the limit is refused with 409, and erasure still works', async () => {
    const { reference } = await apply();
    for (let i = 0; i < MAX_NOTES_PER_APPLICATION; i++) {
      expect((await call('POST', `/api/console/applications/${reference}/notes`, stack.adminToken, { text: '很'.repeat(MAX_NOTE_LENGTH) })).status).toBe(201);
    }

    const oneTooMany = await call('POST', `/api/console/applications/${reference}/notes`, stack.adminToken, { text: '再记一笔' });
    const erased = await call('POST', `/api/console/applications/${reference}/erasure`, stack.adminToken);

    expect(oneTooMany.status).toBe(409);
    expect(oneTooMany.json().error).toMatchObject({ code: 'notes_full', message: expect.stringContaining('上限') });
    expect(erased.status).toBe(200);
  }, 60_000);
});

describe("per-user limits in the console (own stack: the limit spends the user's hour)", () => {
  const limited = signedInConsoleStack();

  it("limits each user's reveals per hour (429 with Retry-After), and another user is unaffected", async () => {
    const { reference } = await applyThroughApi(limited.intake.url, {});
    const reveal = (token: string) => limited.call('POST', `/api/console/applications/${reference}/phone`, token);
    const statuses: number[] = [];
    for (let i = 0; i < consoleUserLimits.console_reveals_per_user_per_hour; i++) statuses.push((await reveal(limited.reviewerToken)).status);

    const overTheLimit = await reveal(limited.reviewerToken);
    const otherUser = await reveal(limited.adminToken);

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(overTheLimit.status).toBe(429);
    expect(overTheLimit.headers['retry-after']).toMatch(/^\d+$/);
    expect(overTheLimit.json().error).toMatchObject({ code: 'rate_limited' });
    expect(otherUser.status).toBe(200);
  }, 60_000);

  it("limits each user's searches by phone per hour, charged before the lookup; a search by reference is not charged", async () => {
    const { reference, phone } = await applyThroughApi(limited.intake.url, {});
    const search = (token: string, query: string) => limited.call('POST', '/api/console/search', token, { query });
    const statuses: number[] = [];
    // Half the allowance on a number that never applied: a search that finds nothing still counts.
    const unknownPhone = phone.startsWith('139') ? '13700000000' : '13900000000';
    for (let i = 0; i < consoleUserLimits.console_phone_searches_per_user_per_hour; i++) {
      statuses.push((await search(limited.reviewerToken, i % 2 === 0 ? phone : unknownPhone)).status);
    }

    const overTheLimit = await search(limited.reviewerToken, phone);
    const byReference = await search(limited.reviewerToken, reference);
    const otherUser = await search(limited.adminToken, phone);

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(overTheLimit.status).toBe(429);
    expect(overTheLimit.headers['retry-after']).toMatch(/^\d+$/);
    expect(overTheLimit.json().error).toMatchObject({ code: 'rate_limited' });
    expect(overTheLimit.text).not.toContain(reference);
    expect(byReference.status).toBe(200);
    expect(byReference.json().items.map((item: { reference: string }) => item.reference)).toEqual([reference]);
    expect(otherUser.status).toBe(200);
    expect(otherUser.json().items.map((item: { reference: string }) => item.reference)).toEqual([reference]);
  }, 90_000);
});

describe('console input, attack review round three', () => {
  it.each([
    ['a note with an escape sequence', 'notes', { text: '请回电\u001b[31mRED\u001b[0m' }, 'text'],
    ['a note with a bidi override', 'notes', { text: '备注\u202Egnp.exe' }, 'text'],
    ['a reason with a terminal title sequence', 'status', { to: 'contacted', reason: '\u001b]0;pwned\u0007' }, 'reason'],
    ['a reason with a tab', 'status', { to: 'contacted', reason: '已联系\t下午回电' }, 'reason'],
  ])("%s → 400 naming the field, in Chinese, nothing stored (the CLI's rule)", async (_, action, body, field) => {
    const { reference } = await apply();

    const response = await call('POST', `/api/console/applications/${reference}/${action}`, stack.reviewerToken, body);

    expect(response.status).toBe(400);
    expect(response.json().error.fields[field]).toContain('控制字符');
    expect((await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken)).json().status).toBe('submitted');
    expect(await stack.intake.personalData(reference)).not.toHaveProperty('consoleNotes');
  });

  it('a body over 8 KB → 413 payload_too_large (not malformed_body)', async () => {
    const { reference } = await apply();

    const response = await call('POST', `/api/console/applications/${reference}/notes`, stack.reviewerToken, { text: 'x'.repeat(9_000) });

    expect(response.status).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('the status route answers 404 for a trapped spam reference, like every other route', async () => {
    const spam = await postJson(`${stack.intake.url}/api/applications`, validApplication({ formToken: formTokenIssued(500) }), {
      'idempotency-key': newIdempotencyKey(),
    });
    const reference = spam.json().reference;

    const status = await call('POST', `/api/console/applications/${reference}/status`, stack.reviewerToken, { to: 'contacted' });
    const detail = await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken);

    expect((await stack.intake.application(reference))?.kind).toBe('spam');
    expect([status.status, detail.status]).toEqual([404, 404]);
    expect(status.text).toBe(detail.text);
  });
});

describe('console actions', () => {
  it('reveals the phone only through the reveal route, and records who and when in the history', async () => {
    const { reference, phone } = await apply();

    const reveal = await call('POST', `/api/console/applications/${reference}/phone`, stack.reviewerToken);
    const detail = (await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken)).json();

    expect(reveal.status).toBe(200);
    expect(reveal.json()).toEqual({ reference, phone });
    expect(detail.history).toContainEqual({ kind: 'activity', action: 'phone_revealed', by: 'console:reviewer', at: expect.stringMatching(/^\d{4}-/) });
    // One item per entry, beside the application item (which never grows with activity).
    const entries = (await stack.intake.items()).filter((item) => item.kind === 'console_activity' && item.reference === reference);
    expect(entries).toEqual([expect.objectContaining({ action: 'phone_revealed', by: 'console:reviewer' })]);
    expect(await stack.intake.application(reference)).not.toHaveProperty('consoleReveals');
  });

  it('advances along the status model with the signed-in user in the history, and refuses a skipped step', async () => {
    const { reference } = await apply();

    const advanced = await call('POST', `/api/console/applications/${reference}/status`, stack.reviewerToken, { to: 'pending_review' });
    const skipped = await call('POST', `/api/console/applications/${reference}/status`, stack.reviewerToken, { to: 'shipped' });
    const detail = (await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken)).json();

    expect(advanced.status).toBe(200);
    expect(skipped.status).toBe(409);
    expect(skipped.json().error.code).toBe('transition_refused');
    expect(detail.status).toBe('pending_review');
    expect(detail.history.at(-1)).toMatchObject({ kind: 'status', status: 'pending_review', by: 'console:reviewer' });
  });

  it('rejects only with a reason, and keeps the reason in the history', async () => {
    const { reference } = await apply();

    const withoutReason = await call('POST', `/api/console/applications/${reference}/status`, stack.reviewerToken, { to: 'rejected' });
    const withReason = await call('POST', `/api/console/applications/${reference}/status`, stack.reviewerToken, { to: 'rejected', reason: '商户表示不需要' });
    const detail = (await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken)).json();

    expect(withoutReason.status).toBe(400);
    expect(withReason.status).toBe(200);
    expect(detail.history.at(-1)).toMatchObject({ status: 'rejected', reason: '商户表示不需要', by: 'console:reviewer' });
    expect(detail.allowedTransitions).toEqual([]);
  });

  it('adds a note kept with the personal data', async () => {
    const { reference } = await apply();

    const noted = await call('POST', `/api/console/applications/${reference}/notes`, stack.reviewerToken, { text: '下午三点后再打' });
    const detail = (await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken)).json();

    expect(noted.status).toBe(201);
    expect(detail.history).toContainEqual(expect.objectContaining({ action: 'note', text: '下午三点后再打', by: 'console:reviewer' }));
    expect((await stack.intake.personalData(reference))?.consoleNotes).toHaveLength(1);
  });

  it('lets an admin erase: personal data and notes go, the reveal audit stays, the application is withdrawn', async () => {
    const { reference, phone } = await apply();
    await call('POST', `/api/console/applications/${reference}/phone`, stack.reviewerToken);
    await call('POST', `/api/console/applications/${reference}/notes`, stack.reviewerToken, { text: '记一笔' });

    const erased = await call('POST', `/api/console/applications/${reference}/erasure`, stack.adminToken);
    const detail = (await call('GET', `/api/console/applications/${reference}`, stack.adminToken)).json();
    const reveal = await call('POST', `/api/console/applications/${reference}/phone`, stack.reviewerToken);

    expect(erased.status).toBe(200);
    expect(detail).toMatchObject({ status: 'withdrawn', personalData: { state: 'erased' } });
    expect(JSON.stringify(detail)).not.toContain(phone);
    expect(detail.history.filter((entry: { action?: string }) => entry.action === 'note')).toEqual([]);
    expect(detail.history).toContainEqual(expect.objectContaining({ action: 'phone_revealed' }));
    expect(reveal.status).toBe(410);
    expect(await stack.intake.personalData(reference)).toBeUndefined();
  });

  it("erasing one application removes it from the same person's other applications (attack review round three, finding 4)", async () => {
    const phone = `13${String(Date.now()).slice(-9)}`;
    const erasedOne = await apply({ phone, name: '甄宓' });
    const other = await apply({ phone, name: '甄宓' });
    await stack.intake.screenQueued();
    const linkedBefore = (await call('GET', `/api/console/applications/${other.reference}`, stack.reviewerToken)).json();

    const erased = await call('POST', `/api/console/applications/${erasedOne.reference}/erasure`, stack.adminToken);
    const linkedAfter = (await call('GET', `/api/console/applications/${other.reference}`, stack.reviewerToken)).json();

    expect(linkedBefore.samePhoneAs).toEqual([erasedOne.reference]);
    expect(erased.status).toBe(200);
    expect(linkedAfter.samePhoneAs).toEqual([]);
    expect(await stack.intake.application(other.reference)).not.toHaveProperty('samePhoneAs');
  });

  it("lets an admin block the phone of an application (the CLI's blocked list) and unblock it, both in the history", async () => {
    const { reference } = await apply();
    const blockedItems = async () => (await stack.intake.items()).filter((item) => item.kind === 'blocked_phone');
    const before = (await blockedItems()).length;

    const blocked = await call('POST', `/api/console/applications/${reference}/blocking`, stack.adminToken, { blocked: true, reason: '反复提交广告' });
    const whileBlocked = (await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken)).json();
    const listWhileBlocked = await blockedItems();
    const unblocked = await call('POST', `/api/console/applications/${reference}/blocking`, stack.adminToken, { blocked: false });
    const after = (await call('GET', `/api/console/applications/${reference}`, stack.reviewerToken)).json();

    expect(blocked.status).toBe(200);
    expect(whileBlocked.phoneBlocked).toBe(true);
    expect(listWhileBlocked).toHaveLength(before + 1);
    expect(listWhileBlocked.at(-1)).toMatchObject({ blockedBy: 'console:admin', reason: '反复提交广告' });
    expect(JSON.stringify(listWhileBlocked)).not.toMatch(/1[3-9]\d{9}/);
    expect(unblocked.status).toBe(200);
    expect(after.phoneBlocked).toBe(false);
    expect(after.history.filter((entry: { action?: string }) => entry.action?.startsWith('phone_'))).toEqual([
      expect.objectContaining({ action: 'phone_blocked', by: 'console:admin' }),
      expect.objectContaining({ action: 'phone_unblocked', by: 'console:admin' }),
    ]);
  });

  it('400 naming the field when blocking is asked without a yes or no', async () => {
    const { reference } = await apply();

    const response = await call('POST', `/api/console/applications/${reference}/blocking`, stack.adminToken, { reason: 'x' });

    expect(response.status).toBe(400);
    expect(response.json().error.fields).toHaveProperty('blocked');
  });

  it('exports masked CSV by default: no full phone, name or note leaves without asking', async () => {
    const { reference, phone } = await apply({ note: '请下午来电' });

    const response = await call('GET', '/api/console/export?status=submitted', stack.adminToken);

    expect(response.status).toBe(200);
    const row = response.text.split('\r\n').find((line) => line.startsWith(reference))!;
    expect(row).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(row).not.toContain(phone);
    expect(row).not.toContain('张三');
    expect(row).not.toContain('请下午来电');
  });

  it('exports full CSV for an admin who asks (masked=0) with the CLI columns and the formula guard', async () => {
    const { reference } = await apply({ note: '=HYPERLINK("http://x")' });

    const response = await call('GET', '/api/console/export?status=submitted&masked=0', stack.adminToken);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.text.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF申请编号,提交时间,状态/);
    const row = lines.find((line) => line.startsWith(reference));
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('keeps a durable audit record of every unmasked export, listed to admins only; a masked export leaves none', async () => {
    await apply();
    const auditItems = async () => (await stack.intake.items()).filter((item) => item.kind === 'audit');
    const before = (await auditItems()).length;

    await call('GET', '/api/console/export?status=submitted', stack.adminToken);
    const afterMasked = (await auditItems()).length;
    const unmasked = await call('GET', '/api/console/export?status=submitted&brand=lakala&masked=0', stack.adminToken);
    const listed = await call('GET', '/api/console/audit', stack.adminToken);
    const asReviewer = await call('GET', '/api/console/audit', stack.reviewerToken);

    expect(afterMasked).toBe(before);
    expect(await auditItems()).toHaveLength(before + 1);
    expect(listed.status).toBe(200);
    expect(listed.json().entries[0]).toEqual({
      action: 'personal_data_exported',
      at: expect.stringMatching(/^\d{4}-/),
      by: 'console:admin',
      rows: Number(unmasked.headers['x-export-rows']),
      filters: { status: 'submitted', brand: 'lakala' },
    });
    expect(JSON.stringify(listed.json())).not.toMatch(/1[3-9]\d{9}/);
    expect(asReviewer.status).toBe(404);
    expect(asReviewer.json().error.code).toBe('forbidden');
  });

  it('serves statistics for 7, 30 or 90 days and nothing else', async () => {
    await apply();

    const week = await call('GET', '/api/console/stats?days=7', stack.reviewerToken);
    const odd = await call('GET', '/api/console/stats?days=12', stack.reviewerToken);

    expect(week.status).toBe(200);
    expect(week.json().perDay).toHaveLength(7);
    expect(week.json().applications).toBeGreaterThan(0);
    expect(odd.status).toBe(400);
  });
});
