import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config.ts';

describe('loadConfig', () => {
  it('applies production defaults to limits', () => {
    const config = loadConfig(['RATE_LIMIT_PER_IP_PER_MINUTE', 'RATE_LIMIT_PER_PHONE_PER_DAY', 'STATUS_MISSES_PER_IP_PER_HOUR', 'RETENTION_DAYS'], {});

    expect(config).toEqual({
      RATE_LIMIT_PER_IP_PER_MINUTE: 10,
      RATE_LIMIT_PER_PHONE_PER_DAY: 3,
      STATUS_MISSES_PER_IP_PER_HOUR: 10,
      RETENTION_DAYS: 180,
    });
  });

  it('reads and converts what is set', () => {
    expect(loadConfig(['RATE_LIMIT_PER_IP_PER_MINUTE'], { RATE_LIMIT_PER_IP_PER_MINUTE: '250' })).toEqual({ RATE_LIMIT_PER_IP_PER_MINUTE: 250 });
  });

  it('names every missing or malformed variable in one error', () => {
    const load = () =>
      loadConfig(['APPLICATIONS_TABLE_NAME', 'REVIEW_QUEUE_URL', 'RATE_LIMIT_PER_IP_PER_MINUTE'], {
        REVIEW_QUEUE_URL: 'not a url',
        RATE_LIMIT_PER_IP_PER_MINUTE: 'ten',
      });

    expect(load).toThrow(/APPLICATIONS_TABLE_NAME/);
    expect(load).toThrow(/REVIEW_QUEUE_URL/);
    expect(load).toThrow(/RATE_LIMIT_PER_IP_PER_MINUTE/);
  });

  it('refuses a zero or empty limit instead of silently disabling it', () => {
    expect(() => loadConfig(['RATE_LIMIT_PER_IP_PER_MINUTE'], { RATE_LIMIT_PER_IP_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_IP_PER_MINUTE/);
    expect(() => loadConfig(['RATE_LIMIT_PER_IP_PER_MINUTE'], { RATE_LIMIT_PER_IP_PER_MINUTE: '' })).toThrow(/RATE_LIMIT_PER_IP_PER_MINUTE/);
  });

  it('only demands the variables asked for', () => {
    expect(loadConfig(['POWERTOOLS_LOG_LEVEL'], {})).toEqual({ POWERTOOLS_LOG_LEVEL: 'INFO' });
  });

  it('takes the ops topic as an SNS topic ARN, or leaves it out (local stack: notices are logged)', () => {
    const arn = 'arn:aws:sns:ap-east-1:123456789012:PosPortal-prod-Stateless-OpsTopic1A2B3C';

    expect(loadConfig(['OPS_TOPIC_ARN'], { OPS_TOPIC_ARN: arn })).toEqual({ OPS_TOPIC_ARN: arn });
    expect(loadConfig(['OPS_TOPIC_ARN'], {})).toEqual({});
    expect(() => loadConfig(['OPS_TOPIC_ARN'], { OPS_TOPIC_ARN: 'arn:aws:sqs:ap-east-1:123456789012:queue' })).toThrow(/OPS_TOPIC_ARN: must be an SNS topic ARN/);
  });
});
