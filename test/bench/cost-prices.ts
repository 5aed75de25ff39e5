/**
 * On-demand list prices for the cost model: AWS Asia Pacific (Hong Kong), ap-east-1, in US dollars, without tax.
 *
 * Recorded on PRICES_RECORDED_ON. The machine the benchmarks run on has no internet access, so these figures could
 * not be re-read from the pages at run time: each says where it comes from and how far it was checked. Before
 * quoting a cost to anyone, open the source pages with the region set to Hong Kong and update the figures here
 * (one place; the report prints them).
 */

export const PRICES_RECORDED_ON = '2026-11-25';
export const PRICE_REGION = 'ap-east-1 (Asia Pacific, Hong Kong)';

export interface Price {
  /** The figure as the pricing page quotes it: `quoted` US dollars per `per` `unit`. */
  quoted: number;
  per: number;
  unit: string;
  source: string;
  /** How far the figure was verified when recorded. */
  check: 'same in all commercial regions' | 'matches a published regional price table' | 'not re-checked: verify';
}

export const prices = {
  lambdaRequest: {
    quoted: 0.2,
    per: 1_000_000,
    unit: 'requests',
    source: 'https://aws.amazon.com/lambda/pricing/',
    check: 'not re-checked: verify',
  },
  lambdaArmGbSecond: {
    // First tier (the first 7.5 billion GB-s a month). Init duration is billed too (since 1 August 2025).
    quoted: 0.0000183,
    per: 1,
    unit: 'GB-second, arm64',
    source: 'https://aws.amazon.com/lambda/pricing/',
    check: 'matches a published regional price table',
  },
  httpApiRequest: {
    quoted: 1.3,
    per: 1_000_000,
    unit: 'HTTP API requests (first 300M a month)',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    check: 'not re-checked: verify',
  },
  dynamoDbWriteRequestUnit: {
    // On-demand prices were halved on 1 November 2024.
    quoted: 0.78125,
    per: 1_000_000,
    unit: 'write request units (on-demand, Standard class)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    check: 'not re-checked: verify',
  },
  dynamoDbReadRequestUnit: {
    quoted: 0.15625,
    per: 1_000_000,
    unit: 'read request units (on-demand, Standard class)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    check: 'not re-checked: verify',
  },
  dynamoDbStorageGbMonth: {
    quoted: 0.3125,
    per: 1,
    unit: 'GB-month of table + index storage',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    check: 'not re-checked: verify',
  },
  sqsRequest: {
    quoted: 0.4,
    per: 1_000_000,
    unit: 'SQS standard requests',
    source: 'https://aws.amazon.com/sqs/pricing/',
    check: 'not re-checked: verify',
  },
  snsPublish: {
    quoted: 0.5,
    per: 1_000_000,
    unit: 'SNS publishes',
    source: 'https://aws.amazon.com/sns/pricing/',
    check: 'not re-checked: verify',
  },
  snsEmail: {
    quoted: 2,
    per: 100_000,
    unit: 'SNS e-mail notifications',
    source: 'https://aws.amazon.com/sns/pricing/',
    check: 'same in all commercial regions',
  },
  cloudWatchAlarm: {
    quoted: 0.1,
    per: 1,
    unit: 'standard alarm-month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    check: 'not re-checked: verify',
  },
  cloudWatchLogsIngestionGb: {
    quoted: 0.57,
    per: 1,
    unit: 'GB of logs ingested (standard class)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    check: 'not re-checked: verify',
  },
  secretMonth: {
    quoted: 0.4,
    per: 1,
    unit: 'secret-month',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
    check: 'same in all commercial regions',
  },
  kmsKeyMonth: {
    // Each yearly rotation adds $1/month for the first two rotations, then stays flat.
    quoted: 1,
    per: 1,
    unit: 'customer-managed key-month',
    source: 'https://aws.amazon.com/kms/pricing/',
    check: 'same in all commercial regions',
  },
  kmsRequest: {
    quoted: 0.03,
    per: 10_000,
    unit: 'KMS requests',
    source: 'https://aws.amazon.com/kms/pricing/',
    check: 'same in all commercial regions',
  },
  cloudFrontDataTransferGb: {
    quoted: 0.12,
    per: 1,
    unit: 'GB to viewers in Asia (first 10 TB)',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    check: 'not re-checked: verify',
  },
  cloudFrontHttpsRequest: {
    quoted: 0.012,
    per: 10_000,
    unit: 'HTTPS requests (Asia)',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    check: 'not re-checked: verify',
  },
  cloudFrontFunctionInvocation: {
    quoted: 0.1,
    per: 1_000_000,
    unit: 'CloudFront Functions invocations',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    check: 'same in all commercial regions',
  },
  eventBridgeScheduledRuleEvent: {
    quoted: 0,
    per: 1,
    unit: 'scheduled-rule event (default bus)',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    check: 'same in all commercial regions',
  },
  eventBridgeSchedulerInvocation: {
    quoted: 1,
    per: 1_000_000,
    unit: 'Scheduler invocations (after 14M free a month)',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    check: 'not re-checked: verify',
  },
  wafWebAclMonth: {
    quoted: 5,
    per: 1,
    unit: 'web ACL-month',
    source: 'https://aws.amazon.com/waf/pricing/',
    check: 'same in all commercial regions',
  },
  wafRuleMonth: {
    quoted: 1,
    per: 1,
    unit: 'rule-month',
    source: 'https://aws.amazon.com/waf/pricing/',
    check: 'same in all commercial regions',
  },
} as const satisfies Record<string, Price>;

export type PriceName = keyof typeof prices;

/** US dollars for one unit. */
export const usdPerUnit = (price: Price): number => price.quoted / price.per;

/** As the pricing page puts it: `$0.2 / 1M requests`, `$0.0000183 / GB-second, arm64`. */
export function quote(price: Price): string {
  const per = price.per === 1 ? '' : price.per >= 1_000_000 ? `${price.per / 1_000_000}M ` : `${price.per.toLocaleString('en-US')} `;
  return `$${price.quoted} / ${per}${price.unit}`;
}

/**
 * The always-free allowances per month that apply to this stack (no 12-month trials). The report shows list
 * prices; these say how much of a line the free tier would absorb for a small account.
 */
export const monthlyFreeTier: Partial<Record<PriceName, number>> = {
  lambdaRequest: 1_000_000,
  lambdaArmGbSecond: 400_000,
  sqsRequest: 1_000_000,
  snsPublish: 1_000_000,
  snsEmail: 1_000,
  cloudWatchAlarm: 10,
  cloudWatchLogsIngestionGb: 5,
  kmsRequest: 20_000,
  cloudFrontDataTransferGb: 1_024,
  cloudFrontHttpsRequest: 10_000_000,
  cloudFrontFunctionInvocation: 2_000_000,
  dynamoDbStorageGbMonth: 25,
};
