import { describe, expect, test } from 'vitest';
import { apiErrorOf, retryAfterText } from '../../../../site/src/scripts/api-request.ts';

describe('retryAfterText', () => {
  test.each([
    [undefined, '请稍后再试。'],
    [5, '请约 5 秒后再试。'],
    [59, '请约 59 秒后再试。'],
    [60, '请约 1 分钟后再试。'],
    [61, '请约 2 分钟后再试。'],
    [3_600, '请约 1 小时后再试。'],
    [30_000, '请约 9 小时后再试。'],
  ])('%s s → %s', (seconds, text) => {
    expect(retryAfterText(seconds)).toBe(text);
  });
});

describe('apiErrorOf', () => {
  test("reads the API's error shape and tolerates anything else", () => {
    expect(apiErrorOf({ error: { code: 'rate_limited', message: '稍后', fields: {} } })).toEqual({ code: 'rate_limited', message: '稍后', fields: {} });
    expect(apiErrorOf(undefined)).toEqual({});
    expect(apiErrorOf('<html>')).toEqual({});
    expect(apiErrorOf({ error: null })).toEqual({});
  });
});
