import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../functions/config.ts';
import { EXAMPLE_OPERATOR, siteOperatorFor, siteOperatorSchema, type SiteOperator } from '../../../functions/deployment/site-operator.ts';
import { stages, stageSettingsProblems } from '../../../functions/deployment/stages.ts';

const operator: SiteOperator = { legalName: '深圳市某某信息咨询有限公司', email: 'service@pos.example.com', phone: '400-123-4567' };

describe('site operator settings', () => {
  test('the example operator is valid; dev names it, prod has none until ops fill it in', () => {
    expect(siteOperatorSchema.safeParse(EXAMPLE_OPERATOR).success).toBe(true);
    expect(stages.dev.operator).toEqual(EXAMPLE_OPERATOR);
    expect(stages.prod.operator).toBeUndefined();
  });

  test("a build names the stage's operator; a local build the example; prod without one throws, saying what to fill in", () => {
    expect(siteOperatorFor('prod', operator)).toBe(operator);
    expect(siteOperatorFor(undefined, undefined)).toBe(EXAMPLE_OPERATOR);
    expect(siteOperatorFor('dev', undefined)).toBe(EXAMPLE_OPERATOR);
    expect(() => siteOperatorFor('prod', undefined)).toThrow(/No site operator for stage "prod": fill in prod\.operator/);
  });

  test('the stage file checks the operator with the same schema, naming the field', () => {
    expect(stageSettingsProblems('dev', { ...stages.dev, operator: { ...operator, phone: 'call us' } })).toEqual([
      'dev.operator.phone: operator.phone must be a phone number',
    ]);
    expect(stageSettingsProblems('dev', { ...stages.dev, operator: { ...operator, wechatId: '1x' } })).toEqual([
      'dev.operator.wechatId: operator.wechatId must be 6–20 letters, digits, _ or -, starting with a letter',
    ]);
  });

  test('the functions read it from SITE_OPERATOR (JSON), and fall back to the marked example when unset', () => {
    expect(loadConfig(['SITE_OPERATOR'], { SITE_OPERATOR: JSON.stringify(operator) }).SITE_OPERATOR).toEqual(operator);
    expect(loadConfig(['SITE_OPERATOR'], {}).SITE_OPERATOR).toEqual(EXAMPLE_OPERATOR);
    expect(() => loadConfig(['SITE_OPERATOR'], { SITE_OPERATOR: '{not json' })).toThrow(/SITE_OPERATOR: must be the operator as JSON/);
    expect(() => loadConfig(['SITE_OPERATOR'], { SITE_OPERATOR: JSON.stringify({ ...operator, email: 'nope' }) })).toThrow(
      /SITE_OPERATOR\.email: operator\.email must be an e-mail address/,
    );
  });
});
