import { describe, expect, it } from 'vitest';
import { stages } from '../../functions/deployment/stages.ts';
import { handlerLimits, parseDeploymentContext, stageProfiles } from '../../infra/config.ts';

describe('deployment context', () => {
  it('defaults to the dev stage of the stage file: Hong Kong, no WAF, no custom domain', () => {
    const context = parseDeploymentContext({});

    expect(context).toMatchObject({ stage: 'dev', region: 'ap-east-1', waf: false, consoleDomainPrefix: stages.dev.consoleDomainPrefix });
    expect(context.domainName).toBeUndefined();
  });

  it('takes prod entirely from the file', () => {
    expect(parseDeploymentContext({ stage: 'prod' })).toEqual({ ...stages.prod, stage: 'prod' });
  });

  it('accepts -c strings that repeat the file as written', () => {
    expect(() => parseDeploymentContext({ stage: 'prod', waf: 'true', wafRequestsPer5Minutes: '300' })).not.toThrow();
  });

  it.each([
    [{ stage: 'production' }, '-c stage: must be one of dev, prod'],
    [{ account: '1234' }, '-c account'],
    [{ stage: 'prod', waf: 'false' }, '-c waf=false contradicts functions/deployment/stages.ts, where prod.waf is true'],
    [{ stage: 'prod', opsEmail: 'other@example.org' }, 'prod.opsEmail is ops@example.com'],
    [{ domainName: 'pos.example.org' }, 'dev.domainName is not set'],
    [{ stage: 'prod', account: '123456789012' }, 'prod.opsEmail in functions/deployment/stages.ts is still a placeholder'],
  ])('refuses %j with a message naming the setting', (raw, expected) => {
    expect(() => parseDeploymentContext(raw)).toThrow(expected);
  });
});

describe('API stage throttling', () => {
  it.each(Object.entries(stageProfiles))('in %s admits at least 100 visitors each at their own per-IP limit', (_stage, settings) => {
    const requestsPerMinute = settings.apiThrottle.rateLimit * 60;

    expect(requestsPerMinute).toBeGreaterThanOrEqual(100 * handlerLimits.RATE_LIMIT_PER_IP_PER_MINUTE);
    expect(settings.apiThrottle.burstLimit).toBeGreaterThanOrEqual(settings.apiThrottle.rateLimit);
  });
});
