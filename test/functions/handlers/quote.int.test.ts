/**
 * The written quote end to end through the real HTTP stack and DynamoDB Local: a reviewer records it in the console,
 * the merchant sees the latest on the status lookup (JSON and the no-JavaScript page) behind reference + last 4
 * digits, changes keep their history, and erasure takes the quote with the personal data.
 */
import { describe, expect, it } from 'vitest';
import { AGREED_ON_PHONE } from '../../../functions/domain/quote.ts';
import { applyThroughApi } from '../../support/apply-through-api.ts';
import { postForm, postJson } from '../../support/http-client.ts';
import { signedInConsoleStack } from '../../support/signed-in-console.ts';
import { validQuote } from '../../support/quote-fixtures.ts';

const stack = signedInConsoleStack();

const recordQuote = (reference: string, body: unknown, token = stack.reviewerToken) =>
  stack.call('POST', `/api/console/applications/${reference}/quote`, token, body);
const lookUp = (reference: string, phoneLast4: string) => postJson(`${stack.intake.url}/api/applications/status`, { reference, phoneLast4 });

describe('written quote', () => {
  it('needs a signed-in reviewer: no token → 401 before anything is read', async () => {
    const { reference } = await applyThroughApi(stack.intake.url);

    expect((await recordQuote(reference, validQuote(), '')).status).toBe(401);
    expect((await stack.intake.personalData(reference))?.quotes).toBeUndefined();
  });

  it('a reviewer records it; the merchant sees it with the status, and nothing without the right digits', async () => {
    const { reference, phone } = await applyThroughApi(stack.intake.url);

    const recorded = await recordQuote(reference, validQuote());
    const found = await lookUp(reference, phone.slice(-4));
    const wrong = await lookUp(reference, phone.slice(-4) === '0000' ? '1111' : '0000');

    expect(recorded.status).toBe(201);
    expect(found.status).toBe(200);
    expect(found.json().quote).toMatchObject({
      modelName: '拉卡拉电签 POS',
      revision: 1,
      creditRatePercent: { value: 0.6, verifiedAt: '2026-12-04' },
      d0SurchargePercent: { value: null },
    });
    expect(found.text).not.toContain('console:reviewer');
    expect(wrong.status).toBe(404);
    expect(wrong.text).not.toContain('拉卡拉电签');
  });

  it('shows the quote on the result page without JavaScript, unknown figures as 未公开', async () => {
    const { reference, phone } = await applyThroughApi(stack.intake.url);
    await recordQuote(reference, validQuote());

    const page = await postForm(`${stack.intake.url}/api/applications/status`, { reference, phoneLast4: phone.slice(-4) });

    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2 id="quote-title">书面报价单</h2>');
    expect(page.text).toContain('<th scope="row">当天到账（D0）加收</th><td>未公开</td>');
  });

  it('keeps every change: the console lists all versions, the merchant sees the latest with its date', async () => {
    const { reference, phone } = await applyThroughApi(stack.intake.url);
    await recordQuote(reference, validQuote());
    const changed = await recordQuote(
      reference,
      validQuote({ simFeeYuanPerYear: { value: 0, source: AGREED_ON_PHONE, verifiedAt: '2026-12-07' }, note: '首年免流量费' }),
    );

    const detail = (await stack.call('GET', `/api/console/applications/${reference}`, stack.reviewerToken)).json();
    const merchant = (await lookUp(reference, phone.slice(-4))).json();

    expect(detail.quotes).toHaveLength(2);
    expect(detail.quotes[1]).toMatchObject({ recordedBy: 'console:reviewer', note: '首年免流量费' });
    expect(merchant.quote).toMatchObject({ revision: 2, recordedAt: changed.json().recordedAt, simFeeYuanPerYear: { value: 0, source: AGREED_ON_PHONE } });
  });

  it('400 naming the figure for bad input, nothing written', async () => {
    const { reference } = await applyThroughApi(stack.intake.url);

    const response = await recordQuote(reference, validQuote({ depositYuan: { value: -5, source: 'x', verifiedAt: '2026-12-04' } }));

    expect(response.status).toBe(400);
    expect(Object.keys(response.json().error.fields)).toEqual(['depositYuan']);
    expect((await stack.intake.personalData(reference))?.quotes).toBeUndefined();
  });

  it('404 for an unknown reference; after erasure the quote is gone with the personal data and cannot come back (410)', async () => {
    const { reference, phone } = await applyThroughApi(stack.intake.url);
    await recordQuote(reference, validQuote());

    await stack.call('POST', `/api/console/applications/${reference}/erasure`, stack.adminToken);

    expect((await recordQuote('PA-2222-2222', validQuote())).status).toBe(404);
    expect((await recordQuote(reference, validQuote())).status).toBe(410);
    expect(await stack.intake.personalData(reference)).toBeUndefined();
    expect((await lookUp(reference, phone.slice(-4))).status).toBe(404);
  });
});
