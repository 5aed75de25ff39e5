import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export interface EdgeStackProps extends StackProps {
  /** Requests from one IP within 5 minutes before it is blocked for a while. */
  readonly requestsPer5Minutes: number;
}

/**
 * Optional (`-c waf=true`): a WAF web ACL in front of CloudFront with one rate-based rule. CloudFront only accepts
 * web ACLs created in us-east-1, hence a separate stack there. Monthly cost (published on-demand prices, 2026-11):
 * US$5 per web ACL + US$1 per rule + US$0.60 per million requests inspected.
 */
export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const metrics = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'pos-portal: per-IP rate limit in front of the site and API',
      defaultAction: { allow: {} },
      visibilityConfig: metrics('pos-portal-web-acl'),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          // 429 rather than WAF's default 403: the distribution maps 403 to the site's 404 page.
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: props.requestsPer5Minutes, evaluationWindowSec: 300 } },
          visibilityConfig: metrics('pos-portal-rate-limit-per-ip'),
        },
      ],
    });
    this.webAclArn = webAcl.attrArn;
  }
}
