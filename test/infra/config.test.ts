import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handlerLimits, parseDeploymentContext, stageSettings } from '../../infra/config.ts';

describe('deployment context', () => {
  it('defaults to a dev stage in Hong Kong without WAF or custom domain', () => {
    const context = parseDeploymentContext({});

    expect(context).toMatchObject({ stage: 'dev', region: 'ap-east-1', waf: false });
    expect(context.siteDist).toBe(fileURLToPath(new URL('../../site/dist', import.meta.url)));
    expect(context.domainName).toBeUndefined();
  });

  it('reads -c strings as typed values', () => {
    const context = parseDeploymentContext({ stage: 'prod', opsEmail: 'ops@example.com', waf: 'true', wafRequestsPer5Minutes: '500' });

    expect(context).toMatchObject({ stage: 'prod', waf: true, wafRequestsPer5Minutes: 500 });
  });

  it.each([
    [{ stage: 'production' }, '-c stage'],
    [{ opsEmail: 'not-an-address' }, '-c opsEmail'],
    [{ account: '1234' }, '-c account'],
    [{ domainName: 'pos.example.com' }, 'domainName and certificateArn go together'],
    [{ domainName: 'pos.example.com', certificateArn: 'arn:aws:acm:ap-east-1:123456789012:certificate/abc' }, 'us-east-1'],
    [{ stage: 'prod' }, '-c opsEmail: opsEmail is required for stage=prod'],
    [{ originVerifyVersion: 'latest}}' }, '-c originVerifyVersion'],
    [{ newApplicationNotices: 'sms' }, '-c newApplicationNotices: newApplicationNotices must be email or chat'],
  ])('refuses %j with a message naming the problem', (raw, expected) => {
    expect(() => parseDeploymentContext(raw)).toThrow(expected);
  });
});

describe('API stage throttling', () => {
  it.each(Object.entries(stageSettings))('in %s admits at least 100 visitors each at their own per-IP limit', (_stage, settings) => {
    const requestsPerMinute = settings.apiThrottle.rateLimit * 60;

    expect(requestsPerMinute).toBeGreaterThanOrEqual(100 * handlerLimits.RATE_LIMIT_PER_IP_PER_MINUTE);
    expect(settings.apiThrottle.burstLimit).toBeGreaterThanOrEqual(settings.apiThrottle.rateLimit);
  });
});
