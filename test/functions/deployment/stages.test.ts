import { describe, expect, it } from 'vitest';
import {
  contradictingSettings,
  missingProdSettings,
  parseStages,
  placeholderSettings,
  stages,
  stageSettingsProblems,
} from '../../../functions/deployment/stages.ts';
import { filledProd } from '../../support/stage-fixtures.ts';

describe('the committed stage file', () => {
  it('validates, with every setting the issue lists for each stage', () => {
    for (const settings of Object.values(stages)) {
      expect(Object.keys(settings)).toEqual(
        expect.arrayContaining(['region', 'waf', 'wafRequestsPer5Minutes', 'newApplicationNotices', 'consoleDomainPrefix', 'ci']),
      );
    }
    expect(stages.prod).toMatchObject({
      domainName: expect.any(String),
      certificateArn: expect.any(String),
      opsEmail: expect.any(String),
      privacyContact: expect.any(String),
    });
  });

  it('marks the prod values nobody has given us yet as placeholders, so the deploy refuses them', () => {
    expect(placeholderSettings(stages.prod)).toEqual(['domainName', 'certificateArn', 'opsEmail', 'privacyContact', 'ci.repository', 'operator']);
    expect(placeholderSettings(filledProd)).toEqual([]);
  });

  it('gives each stage its own Cognito domain prefix', () => {
    expect(stages.dev.consoleDomainPrefix).not.toBe(stages.prod.consoleDomainPrefix);
  });
});

describe('stage file validation', () => {
  it.each([
    [{ ...filledProd, opsEmail: 'not-an-address' }, 'prod.opsEmail: opsEmail must be an e-mail address'],
    [
      { ...filledProd, certificateArn: 'arn:aws:acm:ap-east-1:123456789012:certificate/abc' },
      'prod.certificateArn: certificateArn must be an ACM certificate in us-east-1',
    ],
    [{ ...filledProd, certificateArn: undefined }, 'prod.domainName: domainName and certificateArn go together'],
    [{ ...filledProd, opsEmail: undefined }, 'prod.opsEmail: required for prod'],
    [{ ...filledProd, consoleDomainPrefix: 'aws-console' }, 'prod.consoleDomainPrefix: consoleDomainPrefix may not contain aws'],
    [{ ...filledProd, wafRequestsPer5Minutes: 5 }, 'prod.wafRequestsPer5Minutes: wafRequestsPer5Minutes must be at least 10'],
    [
      { ...filledProd, operator: { legalName: '某某科技有限公司', email: 'kefu', phone: '400-000-0000' } },
      'prod.operator.email: operator.email must be an e-mail address',
    ],
  ])('names the setting of a bad value (%#)', (values, message) => {
    expect(stageSettingsProblems('prod', values).join('\n')).toContain(message);
    expect(() => parseStages({ dev: stages.dev, prod: values })).toThrow(message);
  });

  it('lets dev run without domain, mailbox or privacy contact', () => {
    expect(missingProdSettings(stages.dev)).toEqual(['domainName', 'opsEmail', 'privacyContact']);
    expect(stageSettingsProblems('dev', stages.dev)).toEqual([]);
  });
});

describe('contradictingSettings', () => {
  it('accepts a command line that repeats the file, strings included', () => {
    expect(contradictingSettings('prod', filledProd, { waf: 'true', wafRequestsPer5Minutes: '300', domainName: 'pos.shop-pos.cn' })).toEqual([]);
  });

  it('names each setting that differs and what the file says', () => {
    expect(contradictingSettings('prod', filledProd, { waf: 'false', opsEmail: 'x@example.org', stage: 'prod' })).toEqual([
      '-c opsEmail=x@example.org contradicts functions/deployment/stages.ts, where prod.opsEmail is ops@shop-pos.cn: change the file (and commit it) instead',
      '-c waf=false contradicts functions/deployment/stages.ts, where prod.waf is true: change the file (and commit it) instead',
    ]);
    expect(contradictingSettings('dev', stages.dev, { domainName: 'pos.shop-pos.cn' })[0]).toContain('dev.domainName is not set');
  });
});
