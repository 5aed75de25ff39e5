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
 * US$1 per rule or managed rule group + US$0.60 per million requests inspected, so about US$9 with these four.
 *
 * - The per-IP rate rule counts **API requests only** (`/api/*`). Pages, styles, scripts and the search index are
 *   static, cached and cheap; counting them would block readers who share one address, which in mainland China is
 *   the normal case behind carrier-grade NAT (a whole block of flats, an office, a mobile network's exit).
 * - AWS's managed Common and Known-Bad-Inputs rule groups block well-known exploit payloads (path traversal, Log4j,
 *   oversize or malformed requests) before they reach a function. SizeRestrictions_BODY (8 KB) is left to count only:
 *   our API answers oversize bodies itself, in Chinese, with 413.
 * - No block answers 403 (WAF's default): the distribution turns every 403 into the site's 404 page
 *   (functions/http/cloudfront-behaviour.ts), and the visitor would never learn what happened. The rate rule answers
 *   429, and the managed groups only label what they match (count); one rule of ours then blocks those requests
 *   with 400 and a message in the API's error shape.
 */
/** WAF's answer bodies, in the API's error shape. */
export const wafResponseBodies = {
  rate_limited: { code: 'rate_limited', message: '请求太频繁，请稍等几分钟后再试' },
  request_blocked: { code: 'request_blocked', message: '这次请求被安全规则拦截。如果您是正常操作，请刷新页面后重试' },
} as const;
/** The managed groups' label namespaces, and the one label that is only counted (see above). */
const managedLabelNamespaces = ['awswaf:managed:aws:core-rule-set:', 'awswaf:managed:aws:known-bad-inputs:'];
const countedOnlyLabel = 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body';

export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const metrics = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const managedRuleGroup = (name: string, priority: number): CfnWebACL.RuleProperty => ({
      name: `Aws${name}`,
      priority,
      // Labels only; BlockManagedRuleMatches blocks what they label, with our own answer.
      overrideAction: { count: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: metrics(`pos-portal-${name}`),
    });
    const webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'pos-portal: per-IP rate limit on the API, AWS managed common and known-bad-input rules',
      defaultAction: { allow: {} },
      visibilityConfig: metrics('pos-portal-web-acl'),
      customResponseBodies: Object.fromEntries(
        Object.entries(wafResponseBodies).map(([key, error]) => [
          key,
          { contentType: 'APPLICATION_JSON', content: JSON.stringify({ error: { ...error, fields: {} } }) },
        ]),
      ),
      rules: [
        {
          name: 'ApiRateLimitPerIp',
          priority: 0,
          // 429 rather than WAF's default 403: the distribution maps 403 to the site's 404 page.
          action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'rate_limited' } } },
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
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 1),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'BlockManagedRuleMatches',
          priority: 3,
          action: { block: { customResponse: { responseCode: 400, customResponseBodyKey: 'request_blocked' } } },
          statement: {
            andStatement: {
              statements: [
                { orStatement: { statements: managedLabelNamespaces.map((key) => ({ labelMatchStatement: { scope: 'NAMESPACE', key } })) } },
                { notStatement: { statement: { labelMatchStatement: { scope: 'LABEL', key: countedOnlyLabel } } } },
              ],
            },
          },
          visibilityConfig: metrics('pos-portal-managed-rule-blocks'),
        },
      ],
    });
    this.webAclArn = webAcl.attrArn;
  }
}
