/**
 * POST /api/applications through the real HTTP stack: local server → API Gateway adapter → Lambda handler → DynamoDB
 * Local and the SQS emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusKeyOf } from '../../../functions/adapters/dynamodb-items.ts';
import { applicationMessages } from '../../../functions/domain/application.ts';
import { errorMessages } from '../../../functions/http/responses.ts';
import { REFERENCE_PATTERN } from '../../../functions/domain/reference.ts';
import { formTokenIssued, newIdempotencyKey, testFormTokens, validApplication, validApplicationForm } from '../../support/application-fixtures.ts';
import { postForm, postJson, send } from '../../support/http-client.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';
import { captureProcessOutput, type CapturedProcessOutput } from '../../support/captured-process-output.ts';

let intake: IntakeServer;
let endpoint: string;
/** Every log line the handlers write while this file runs (no name or phone may reach them). */
let output: CapturedProcessOutput;

beforeAll(async () => {
  output = captureProcessOutput();
  intake = await startIntakeServer({ env: { POWERTOOLS_LOG_LEVEL: 'DEBUG' } });
  endpoint = `${intake.url}/api/applications`;
});

afterAll(async () => {
  output?.restore();
  await intake?.close();
});

describe('JSON submissions', () => {
  it('201: stores the application once and queues a message carrying only the reference', async () => {
    const body = validApplication({ phone: '+86 139-0000-1111', name: '赵一' });

    const response = await postJson(endpoint, body, { 'idempotency-key': newIdempotencyKey() });

    expect(response.status).toBe(201);
    const { reference, status } = response.json();
    expect(status).toBe('submitted');
    expect(reference).toMatch(REFERENCE_PATTERN);
    const item = await intake.application(reference);
    expect(item).toMatchObject({
      status: 'submitted',
      consent: { privacy: true, crossBorder: true, providerSharing: true, version: '2026-11-25' },
      statusHistory: [{ status: 'submitted', by: 'intake' }],
      gsi2pk: statusKeyOf(reference, 'submitted'), // STATUS#submitted#<shard>
    });
    expect(item).not.toHaveProperty('gsi3pk'); // sent, so out of the outbox
    // Personal data lives in its own item (it expires on its own; see the store's header), with the byPhone keys.
    for (const field of ['name', 'phone', 'phoneHash', 'note', 'gsi1pk']) expect(item).not.toHaveProperty(field);
    const personal = await intake.personalData(reference);
    expect(personal).toMatchObject({
      kind: 'personal_data',
      name: '赵一',
      phone: '13900001111',
      gsi1pk: expect.stringMatching(/^PHONE#[\w-]{43}$/),
    });
    // An application nobody ever closes must not keep its personal data forever: a year after submission at most.
    const createdAt = Date.parse(String(item?.createdAt));
    expect(personal?.expiresAt).toBe(Math.floor((createdAt + 365 * 86_400_000) / 1000));
    expect(item?.personalDataExpiresAt).toBe(new Date(createdAt + 365 * 86_400_000).toISOString());
    expect(item?.consent).toMatchObject({ providerSharing: true });
    expect(await intake.drainReviewQueue()).toEqual([JSON.stringify({ reference })]);
  });

  it('replays sequentially: same key and body → same reference, one item, one message', async () => {
    const body = validApplication();
    const key = newIdempotencyKey();

    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await postJson(endpoint, body, { 'idempotency-key': key }));

    expect(responses.map((r) => r.status)).toEqual([201, 200, 200]);
    const references = new Set(responses.map((r) => r.json().reference));
    expect(references.size).toBe(1);
    const items = (await intake.items()).filter((item) => item.phone === (body.phone as string));
    expect(items).toHaveLength(1);
    expect(await intake.drainReviewQueue()).toEqual([JSON.stringify({ reference: [...references][0] })]);
  });

  it('replays concurrently: 20 identical requests at once → one application, the same reference for all', async () => {
    const body = validApplication();
    const key = newIdempotencyKey();

    const responses = await Promise.all(Array.from({ length: 20 }, () => postJson(endpoint, body, { 'idempotency-key': key })));

    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(responses.map((r) => r.json().reference)).size).toBe(1);
    const items = (await intake.items()).filter((item) => item.phone === body.phone);
    expect(items).toHaveLength(1);
    expect(await intake.drainReviewQueue()).toHaveLength(1);
  });

  it('422 when the same key comes with a different application, and nothing more is stored', async () => {
    const key = newIdempotencyKey();
    const first = validApplication();
    await postJson(endpoint, first, { 'idempotency-key': key });

    const response = await postJson(endpoint, { ...first, name: '王五' }, { 'idempotency-key': key });

    expect(response.status).toBe(422);
    expect(response.json()).toEqual({ error: { code: 'idempotency_key_reused', message: errorMessages.idempotency_key_reused, fields: {} } });
    // Merchants may read it: no header names in it.
    expect(errorMessages.idempotency_key_reused).not.toMatch(/[A-Za-z]/);
    expect((await intake.items()).filter((item) => item.name === '王五')).toHaveLength(0);
    await intake.drainReviewQueue();
  });

  it('400 naming the header when Idempotency-Key is missing or not a UUID', async () => {
    for (const headers of [{}, { 'idempotency-key': '12345' }] as Record<string, string>[]) {
      const response = await postJson(endpoint, validApplication(), headers);

      expect(response.status).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'idempotency_key_required', fields: { 'Idempotency-Key': expect.any(String) } });
    }
  });

  it('400 with a Chinese message per field', async () => {
    const response = await postJson(endpoint, validApplication({ phone: '12345', city: '火星', extra: 1 } as never), {
      'idempotency-key': newIdempotencyKey(),
    });

    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'invalid_input',
        message: expect.any(String),
        fields: { phone: '请输入有效的11位手机号', city: applicationMessages.city, extra: applicationMessages.unknownField },
      },
    });
  });

  it('400 for a __proto__ payload, with the key reported as data', async () => {
    const hostile = `{"__proto__":{"isAdmin":true},${JSON.stringify(validApplication()).slice(1)}`;

    const response = await postJson(endpoint, hostile, { 'idempotency-key': newIdempotencyKey() });

    expect(response.status).toBe(400);
    expect(response.text).toContain(`"fields":{"__proto__":"${applicationMessages.unknownField}"}`);
  });

  it('400 for malformed JSON, 413 over 8 KB, 415 for other content types — all in the error shape', async () => {
    const key = { 'idempotency-key': newIdempotencyKey() };
    const malformed = await postJson(endpoint, '{"name":', key);
    const tooLarge = await postJson(endpoint, validApplication({ note: 'x'.repeat(9_000) }), key);
    const wrongType = await send(endpoint, { method: 'POST', headers: { 'content-type': 'text/plain', ...key }, body: 'hello' });

    expect([malformed.status, tooLarge.status, wrongType.status]).toEqual([400, 413, 415]);
    expect(malformed.json().error.code).toBe('malformed_body');
    expect(tooLarge.json().error.code).toBe('payload_too_large');
    expect(wrongType.json().error.code).toBe('unsupported_media_type');
  });

  it('404 and 405 under /api/ in our error shape', async () => {
    const unknown = await send(`${intake.url}/api/nothing-here`);
    const wrongMethod = await send(endpoint, { method: 'GET' });

    expect(unknown.status).toBe(404);
    expect(unknown.json().error.code).toBe('route_not_found');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    expect(wrongMethod.json().error.code).toBe('method_not_allowed');
  });
});

describe('what is kept', () => {
  it('a referrer is stored as its origin only', async () => {
    const body = validApplication({ attribution: { landingPage: '/apply/', referrer: 'https://www.baidu.com/s?wd=pos%E6%9C%BA&uid=42' } });

    const response = await postJson(endpoint, body, { 'idempotency-key': newIdempotencyKey() });

    expect((await intake.application(response.json().reference))?.attribution).toEqual({ landingPage: '/apply/', referrer: 'https://www.baidu.com' });
    await intake.drainReviewQueue();
  });

  it('a missing, forged or expired form token stores nothing and gets a fresh token in the answer', async () => {
    const tokens = [undefined, 'lmn0p.AAAAAAAAAAAA.' + 'A'.repeat(43), formTokenIssued(13 * 3_600_000)];

    const answers = await Promise.all(
      tokens.map((formToken) => postJson(endpoint, validApplication({ name: '郑无', formToken }), { 'idempotency-key': newIdempotencyKey() })),
    );

    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ error: { code: 'form_token_required', fields: { formToken: applicationMessages.formToken } } });
      expect(testFormTokens.check(String(answer.headers['x-form-token']), new Date(Date.now() + 4_000)).kind).toBe('valid');
    }
    expect((await intake.items()).filter((item) => item.name === '郑无')).toEqual([]);
  });

  it('GET /api/applications/form-token issues a token the API accepts once it is three seconds old, never cached', async () => {
    const issued = await send(`${endpoint}/form-token`);

    expect(issued.status).toBe(200);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(testFormTokens.check(issued.json().formToken, new Date(Date.now() + 3_500)).kind).toBe('valid');
  });
});

describe('spam', () => {
  it.each([
    // Traps are built when the test runs: a token made while the file loads is older than 3 s on a busy machine.
    ['honeypot', () => ({ website: 'https://seo.example' })],
    ['too fast (a form token fetched and used at once)', () => ({ formToken: formTokenIssued(500) })],
  ])('%s: answers like a success, stores no personal data, queues nothing', async (_, trap) => {
    const body = validApplication({ name: '钱二', ...trap() });

    const response = await postJson(endpoint, body, { 'idempotency-key': newIdempotencyKey() });

    expect(response.status).toBe(201);
    const { reference } = response.json();
    expect(reference).toMatch(REFERENCE_PATTERN);
    const item = await intake.application(reference);
    expect(item).toMatchObject({ status: 'spam', kind: 'spam', gsi2pk: statusKeyOf(reference, 'spam'), attribution: { utm_source: 'wechat' } });
    expect(item).not.toHaveProperty('name');
    expect(item).not.toHaveProperty('phone');
    expect(item).not.toHaveProperty('note');
    expect(JSON.stringify(item)).not.toContain(body.phone as string);
    expect(item?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 170 * 86_400);
    expect(await intake.drainReviewQueue()).toEqual([]);
  });
});

describe('forms posted without JavaScript', () => {
  it('303 to the thank-you page with the reference; the page renders it', async () => {
    const form = validApplicationForm();

    const response = await postForm(endpoint, form);

    expect(response.status).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/api\/applications\/thanks\?ref=PA-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const reference = location.split('=')[1]!;
    expect(await intake.application(reference)).toMatchObject({ channel: 'form' });
    expect(await intake.personalData(reference)).toMatchObject({ phone: form.phone });
    const page = await send(`${intake.url}${location}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain(reference);
    expect(page.text).toContain('href="/status/"');
    await intake.drainReviewQueue();
  });

  it('a double-posted form is one application (key derived from the content)', async () => {
    const form = validApplicationForm();

    const [first, second] = [await postForm(endpoint, form), await postForm(endpoint, form)];

    expect(second.headers.location).toBe(first.headers.location);
    expect((await intake.items()).filter((item) => item.phone === form.phone)).toHaveLength(1);
    expect(await intake.drainReviewQueue()).toHaveLength(1);
  });

  it('errors come back as the form page (400) with the input kept and messages next to the fields', async () => {
    const form = validApplicationForm({ name: '孙三', phone: '12345', 'consent.crossBorder': '' });

    const response = await postForm(endpoint, form);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('value="孙三"');
    expect(response.text).toContain('value="12345"');
    expect(response.text).toContain(`<p class="field-error" id="application-phone-error">${applicationMessages.phone}</p>`);
    expect(response.text).toContain(`id="application-consent-crossBorder-error">${applicationMessages['consent.crossBorder']}`);
    expect(response.text).toContain(`name="formToken" value="${form.formToken}"`);
  });

  it('a form from the static page (no token) comes back once with a token and the input kept; confirmed, it goes through', async () => {
    const form = validApplicationForm({ formToken: '', name: '冯五' });

    const first = await postForm(endpoint, form);
    const token = /name="formToken" value="([^"]+)"/.exec(first.text)?.[1] ?? '';
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    const confirmed = await postForm(endpoint, { ...form, formToken: token });

    expect(first.status).toBe(400);
    expect(first.text).toContain('value="冯五"');
    expect(first.text).toContain(applicationMessages.formToken);
    expect(confirmed.status).toBe(303);
    expect((await intake.items()).filter((item) => item.phone === form.phone)).toHaveLength(1);
    await intake.drainReviewQueue();
  });

  it('a form confirmed too quickly comes back again with the same token instead of being trapped as a bot', async () => {
    const young = formTokenIssued(500);
    const form = validApplicationForm({ formToken: young, name: '陈六' });

    const response = await postForm(endpoint, form);

    expect(response.status).toBe(400);
    expect(response.text).toContain(`name="formToken" value="${young}"`);
    // A trapped bot would have been answered 303 like a success.
    expect((await intake.items()).filter((item) => item.name === '陈六')).toHaveLength(0);
  });

  it('a form sent with a malformed Idempotency-Key header comes back with a message free of header names', async () => {
    const response = await send(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'not-a-uuid' },
      body: new URLSearchParams(validApplicationForm({ name: '卫十二' })).toString(),
    });

    expect(response.status).toBe(400);
    expect(response.text).toContain('value="卫十二"');
    expect(response.text).not.toContain('Idempotency-Key');
    expect(response.text).toMatch(/<p class="form-message" role="alert">[^<]*刷新页面[^<]*<\/p>/);
  });

  it('the thank-you page refuses a malformed reference with 404', async () => {
    const response = await send(`${intake.url}/api/applications/thanks?ref=<script>`);

    expect(response.status).toBe(404);
    expect(response.text).not.toContain('<script>');
  });
});

describe('logs', () => {
  it('contain outcomes and references but never a name or a full phone number', async () => {
    const json = validApplication({ name: '周八', phone: '13711112222' });
    const form = validApplicationForm({ name: '吴九', phone: '13733334444' });
    const invalid = validApplication({ name: '郑十', phone: '1371111' });

    const accepted = await postJson(endpoint, json, { 'idempotency-key': newIdempotencyKey() });
    await postForm(endpoint, form);
    await postJson(endpoint, invalid, { 'idempotency-key': newIdempotencyKey() });
    await intake.drainReviewQueue();

    const logs = output.lines.join('');
    expect(logs).toContain(accepted.json().reference); // the capture works
    for (const personal of ['周八', '吴九', '郑十', '13711112222', '13733334444', '1371111', '早上十点后']) {
      expect(logs).not.toContain(personal);
    }
  });
});
