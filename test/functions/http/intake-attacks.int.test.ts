/**
 * Attacks an outsider ran against `npm start`, replayed through the real HTTP stack so that none can come
 * back. Each test is one attack: what the attacker sent, and what they must not get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationMessages } from '../../../functions/domain/application.ts';
import { logSubmission } from '../../../functions/http/submission.ts';
import { crossSitePostMessage } from '../../../functions/http/responses.ts';
import { formTokenIssued, newIdempotencyKey, validApplication, validApplicationForm } from '../../support/application-fixtures.ts';
import { postJson, send } from '../../support/http-client.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';

let intake: IntakeServer;
let applications: string;

beforeAll(async () => {
  intake = await startIntakeServer({ env: { STATUS_MISSES_PER_REFERENCE_PER_ADDRESS_PER_DAY: '3' } });
  applications = `${intake.url}/api/applications`;
});
afterAll(() => intake?.close());

const formPost = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}, localAddress?: string) =>
  send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    ...(localAddress && { localAddress }),
  });

describe("cross-site form posts (a page on another site posting through visitors' browsers)", () => {
  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ["an older browser's Origin of another site", { origin: 'https://evil.example' }],
    ['Origin: null (a sandboxed frame)', { origin: 'null' }],
  ])('%s: the application form comes back (400, which CloudFront passes through), nothing is stored', async (_, headers) => {
    const form = validApplicationForm({ name: '韩跨站' });

    const response = await formPost(applications, form, headers);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain(crossSitePostMessage);
    expect(response.text).toContain('value="韩跨站"');
    expect((await intake.items()).filter((item) => item.phone === form.phone)).toEqual([]);
  });

  it('a status-lookup form posted from another site is not looked up (no answer, no miss charged)', async () => {
    const response = await formPost(`${applications}/status`, { reference: 'PA-7K3F-9Q2M', phoneLast4: '0000' }, { 'sec-fetch-site': 'cross-site' });

    expect(response.status).toBe(400);
    expect(response.text).toContain(crossSitePostMessage);
    expect((await intake.items()).filter((item) => String(item.pk).includes('PA-7K3F-9Q2M'))).toEqual([]);
  });

  it("our own page's post goes through: same-origin by Sec-Fetch-Site, or by an Origin naming the host it was sent to", async () => {
    const byFetchSite = await formPost(applications, validApplicationForm(), { 'sec-fetch-site': 'same-origin', origin: intake.url });
    const byOrigin = await formPost(applications, validApplicationForm(), { origin: intake.url });

    expect([byFetchSite.status, byOrigin.status]).toEqual([303, 303]);
    await intake.drainReviewQueue();
  });
});

describe('status lookup: a stranger guessing the last four digits', () => {
  it("locks out only the stranger's address; the owner elsewhere still gets the answer the same day", async () => {
    const body = validApplication();
    const { reference } = (await postJson(applications, body, { 'idempotency-key': newIdempotencyKey() })).json();
    const guess = (digits: string) => postJson(`${applications}/status`, { reference, phoneLast4: digits }, {}, '127.0.0.41');

    const misses = [await guess('0001'), await guess('0002'), await guess('0003')];
    const strangerWithTheRightDigits = await guess(String(body.phone).slice(-4));
    const owner = await postJson(`${applications}/status`, { reference, phoneLast4: String(body.phone).slice(-4) }, {}, '127.0.0.42');

    expect(misses.map((miss) => miss.status)).toEqual([404, 404, 404]);
    expect(strangerWithTheRightDigits.status).toBe(429);
    expect(owner.status).toBe(200);
    await intake.drainReviewQueue();
  });
});

describe("IPv6: one subscriber's /64 is one address for every per-address limit", () => {
  /** What CloudFront hands API Gateway for a viewer at `ip` (the local server can only show loopback addresses). */
  const fromViewer = (ip: string, body: unknown) =>
    ({
      version: '2.0',
      routeKey: 'POST /api/applications/status',
      rawPath: '/api/applications/status',
      rawQueryString: '',
      headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `${ip}:443`, 'x-origin-verify': intake.env.ORIGIN_VERIFY_SECRET! },
      requestContext: {
        http: { method: 'POST', path: '/api/applications/status', protocol: 'HTTP/1.1', sourceIp: '198.51.100.1', userAgent: 'test' },
        requestId: 'r',
        routeKey: 'POST /api/applications/status',
        stage: '$default',
      },
      body: JSON.stringify(body),
      isBase64Encoded: false,
    }) as never;

  it('a guesser hopping between addresses of one /64 meets the same limit; the next /64 does not', async () => {
    // The handler the local server runs, as the intake server built it.
    const handler = intake.handlers.api['status-lookup'];
    const body = validApplication();
    const { reference } = (await postJson(applications, body, { 'idempotency-key': newIdempotencyKey() })).json();
    const guess = (ip: string, digits: string) => handler(fromViewer(ip, { reference, phoneLast4: digits }), {} as never) as Promise<{ statusCode: number }>;

    const misses = [await guess('2001:db8:5:6::1', '0001'), await guess('2001:db8:5:6::2', '0002'), await guess('2001:db8:5:6:ffff::3', '0003')];
    const hop = await guess('2001:db8:5:6:abcd::99', String(body.phone).slice(-4));
    const neighbour = await guess('2001:db8:5:7::1', String(body.phone).slice(-4));

    expect(misses.map((miss) => miss.statusCode)).toEqual([404, 404, 404]);
    expect(hop.statusCode).toBe(429);
    expect(neighbour.statusCode).toBe(200);
    await intake.drainReviewQueue();
  });
});

describe('malformed requests', () => {
  it('a form post whose body is not UTF-8 gets the form page (400), not JSON', async () => {
    const response = await send(applications, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.concat([Buffer.from('name='), Buffer.from([0xff, 0xfe])]),
    });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('<form class="application-form"');
  });

  it('JSON that is not UTF-8 is 400 malformed_body, as on Lambda (never decoded into something else)', async () => {
    const response = await send(applications, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() },
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });

    expect(response.status).toBe(400);
    expect(response.json().error.code).toBe('malformed_body');
  });

  it.each(['http://[', '*'])('a request target the URL parser rejects (%s) is 400, not 500', async (target) => {
    const response = await send(`${intake.url}/`, { path: target });

    expect(response.status).toBe(400);
  });

  it('form field names that are built-in property names are just unknown fields, never labels', async () => {
    const response = await formPost(applications, { ...validApplicationForm(), constructor: 'x', toString: 'y', __proto__x: 'z' } as Record<string, string>);

    expect(response.status).toBe(400);
    expect(response.text).not.toMatch(/function|native code|\[object/);
    expect(response.text).toContain(applicationMessages.unknownField);
  });
});

describe('logs', () => {
  it('name only our own fields: a field a client made up (it could be a phone number) never reaches the log', () => {
    const lines: unknown[] = [];
    const logger = { info: (...args: unknown[]) => lines.push(args), warn: (...args: unknown[]) => lines.push(args) };

    logSubmission(logger as never, { kind: 'invalid', fields: { phone: applicationMessages.phone, '13812345678': applicationMessages.unknownField } });

    expect(JSON.stringify(lines)).not.toContain('13812345678');
    expect(lines).toEqual([['application submission', { outcome: 'invalid', invalidFields: ['phone'], unknownFieldCount: 1 }]]);
  });
});

describe('attack review round three: no reference oracle, single-use form tokens', () => {
  /** The fields of one merchant's no-JS application, as a stranger who knows them would type them. */
  const merchantFields = (phone: string, overrides: Record<string, string> = {}) =>
    validApplicationForm({ name: '王小明', phone, city: '广东省 深圳市', merchantType: 'individual', brand: 'lakala', ...overrides });
  const sameOrigin = { 'sec-fetch-site': 'same-origin' };

  it("a stranger who knows a no-JS applicant's details learns no reference: the same form, with or without a token, is a new submission", async () => {
    const phone = '139' + String(Date.now()).slice(-8);
    const victim = await formPost(applications, merchantFields(phone), sameOrigin, '127.0.25.1');
    const victimReference = new URL(String(victim.headers.location), intake.url).searchParams.get('ref');
    const dashed = `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;

    const withoutToken = await formPost(applications, merchantFields(dashed, { formToken: '' }), sameOrigin, '127.0.25.2');
    const withOwnToken = await formPost(applications, merchantFields(dashed), sameOrigin, '127.0.25.3');

    expect(victim.status).toBe(303);
    expect(victimReference).toMatch(/^PA-/);
    expect(withoutToken.status).toBe(400);
    expect(withoutToken.text).not.toContain(victimReference);
    expect(withOwnToken.status).toBe(303);
    expect(String(withOwnToken.headers.location)).not.toContain(victimReference);
    await intake.drainReviewQueue();
  });

  it("the applicant's own double post (same token, same content) still gets the same reference", async () => {
    const form = merchantFields('136' + String(Date.now()).slice(-8));

    const first = await formPost(applications, form, sameOrigin, '127.0.25.4');
    const again = await formPost(applications, form, sameOrigin, '127.0.25.4');

    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe(first.headers.location);
    await intake.drainReviewQueue();
  });

  it.each([
    ['POST', '/api/console/applications/%ZZ'],
    ['GET', '/api/console/applications/%E0%A4%A'],
    ['POST', '/api/console/applications/%E0%A4%A/phone'],
  ])('malformed percent-encoding in an /api path: %s %s → 404, not a 5xx', async (method, path) => {
    const response = await send(`${intake.url}${path}`, { method });

    expect(response.status).toBe(404);
  });

  it('attribution: script-URL referrers and off-site or markup landing pages are accepted but not stored (staff never read them)', async () => {
    const attribution = { utm_source: 'wechat', referrer: 'javascript://%0aalert(document.domain)', landingPage: '//evil.example/x' };
    const markup = { referrer: 'vbscript://x/msgbox', landingPage: '/"><img src=x onerror=alert(1)>' };

    const responses = await Promise.all(
      [attribution, markup].map((given) => postJson(applications, validApplication({ attribution: given }), { 'idempotency-key': newIdempotencyKey() })),
    );

    expect(responses.map((response) => response.status)).toEqual([201, 201]);
    const [first, second] = await Promise.all(responses.map((response) => intake.application(response.json().reference)));
    expect(first?.attribution).toEqual({ utm_source: 'wechat' });
    expect(second).not.toHaveProperty('attribution');
    await intake.drainReviewQueue();
  });

  // Replays charged to the address: submit-application.rate-limits.int.test.ts (this server's limits are high).

  it('a token is used once: five applications from five addresses with one token, one goes through; concurrent reuse, exactly one wins', async () => {
    const token = formTokenIssued(11_000);
    const sequential = [];
    for (let i = 1; i <= 3; i++) {
      sequential.push(await postJson(applications, validApplication({ formToken: token }), { 'idempotency-key': newIdempotencyKey() }, `127.0.25.${10 + i}`));
    }
    const shared = formTokenIssued(11_000);
    const concurrent = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        postJson(applications, validApplication({ formToken: shared }), { 'idempotency-key': newIdempotencyKey() }, `127.0.25.${20 + i}`),
      ),
    );

    expect(sequential.map((response) => response.status)).toEqual([201, 400, 400]);
    expect(sequential[1]!.json().error.code).toBe('form_token_required');
    expect(sequential[1]!.headers['x-form-token']).toMatch(/^\w+\.c/);
    expect(concurrent.map((response) => response.status).sort()).toEqual([201, 400, 400, 400, 400]);
    const tokenUses = (await intake.items()).filter((item) => item.kind === 'form_token_use');
    expect(tokenUses.every((item) => typeof item.expiresAt === 'number')).toBe(true);
    await intake.drainReviewQueue();
  });

  it('a no-JS merchant confirming within 10 s, with a shop link in the note, is neither flagged 填写很快 nor rejected as spam', async () => {
    const form = validApplicationForm({ note: '我的美团店铺 www.meituan.com/abc 欢迎查看', formToken: '' });
    const confirmPage = await formPost(applications, form, sameOrigin, '127.0.25.30');
    const token = /name="formToken" value="([^"]+)"/.exec(confirmPage.text)?.[1] ?? '';
    await new Promise((resolve) => setTimeout(resolve, 3_200));

    const confirmed = await formPost(applications, { ...form, formToken: token }, sameOrigin, '127.0.25.30');
    const reference = new URL(String(confirmed.headers.location), intake.url).searchParams.get('ref')!;

    expect(confirmPage.status).toBe(400);
    expect(confirmed.status).toBe(303);
    const application = await intake.application(reference);
    expect(application?.kind).toBe('application');
    expect(application?.signals).toEqual(['note_has_link']);
    await intake.drainReviewQueue();
  });
});
