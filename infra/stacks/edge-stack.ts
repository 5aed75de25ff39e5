import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export interface EdgeStackProps extends StackProps {
  /** Requests from one IP within 5 minutes before it is blocked for a while. */
  readonly requestsPer5Minutes: number;
}

/**
 * Optional (`-c waf=true`): a WAF web ACL in front of CloudFront. CloudFront only accepts web ACLs created in
 * us-east-1, hence a separate stack there. Monthly cost (published on-demand prices, 2026-11): US$5 per web ACL +
 * US$1 per rule or managed rule group + US$0.60 per million requests inspected, so about US$8 with these three.
 *
 * - The per-IP rate rule counts **API requests only** (`/api/*`). Pages, styles, scripts and the search index are
 *   static, cached and cheap; counting them would block readers who share one address, which in mainland China is
 *   the normal case behind carrier-grade NAT (a whole block of flats, an office, a mobile network's exit).
 * - AWS's managed Common and Known-Bad-Inputs rule groups block well-known exploit payloads (path traversal, Log4j,
 *   oversize or malformed requests) before they reach a function. SizeRestrictions_BODY (8 KB) is left to count only:
 *   our API answers oversize bodies itself, in Chinese, with 413.
 */
export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const metrics = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const managedRuleGroup = (name: string, priority: number, excluded: readonly string[] = []): CfnWebACL.RuleProperty => ({
      name: `Aws${name}`,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(excluded.length > 0 && { ruleActionOverrides: excluded.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }),
        },
      },
      visibilityConfig: metrics(`pos-portal-${name}`),
    });
    const webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'pos-portal: per-IP rate limit on the API, AWS managed common and known-bad-input rules',
      defaultAction: { allow: {} },
      visibilityConfig: metrics('pos-portal-web-acl'),
      rules: [
        {
          name: 'ApiRateLimitPerIp',
          priority: 0,
          // 429 rather than WAF's default 403: the distribution maps 403 to the site's 404 page.
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.requestsPer5Minutes,
              evaluationWindowSec: 300,
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: '/api/',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: metrics('pos-portal-api-rate-limit-per-ip'),
        },
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2),
      ],
    });
    this.webAclArn = webAcl.attrArn;
  }
}
