import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { errorResponseFor } from '../../functions/http/cloudfront-behaviour.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PosPortalApp } from '../../infra/pos-portal-app.ts';
import { stages, type StageSettings } from '../../functions/deployment/stages.ts';
import { buildApp, readAcknowledgements, readViolations } from './support/app-under-test.ts';

const { outdir, synthError, synthMilliseconds } = inject('infraAssembly');

describe('cdk-nag AwsSolutions and Serverless packs on the whole app', () => {
  it('finds nothing unacknowledged, errors or warnings', () => {
    // Arrange: the shared synth ran both packs as validation plugins (see infra/pos-portal-app.ts).
    // Act
    const violations = readViolations(outdir);

    // Assert
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(synthError).toBeUndefined();
  });

  it('gives every acknowledgement a rule id and a reason a security reviewer can weigh', () => {
    const acknowledgements = readAcknowledgements(outdir);

    console.info(
      `synth took ${(synthMilliseconds / 1000).toFixed(1)} s; ${acknowledgements.length} acknowledgements:\n` +
        acknowledgements.map((ack) => `- ${ack.ruleId} @ ${ack.constructPath}\n    ${ack.reason}`).join('\n'),
    );
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.ruleId).toMatch(/^(AwsSolutions-[A-Z0-9]+\d(\[.+\])?|Serverless-[A-Za-z]+|@aws-cdk\/[\w-]+:\w+)$/);
      expect(ack.reason.length, `${ack.ruleId} at ${ack.constructPath}`).toBeGreaterThanOrEqual(60);
      expect(ack.reason).not.toMatch(/placeholder|todo|tbd|fixme/i);
    }
  });
});

describe('production stage with WAF, a custom domain and a known account', () => {
  let workDirectory: string;
  let prod: PosPortalApp;

  beforeAll(() => {
    workDirectory = mkdtempSync(join(tmpdir(), 'pos-portal-prod-'));
    // Real-looking values where the committed file holds placeholders (a known account refuses placeholders).
    const prodSettings: StageSettings = {
      ...stages.prod,
      domainName: 'pos.shop-pos.cn',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
      opsEmail: 'ops@shop-pos.cn',
      privacyContact: 'privacy@shop-pos.cn',
      waf: true,
      originVerifyVersion: 'f3c1a5e0-6b2d-4c8e-9a7f-0123456789ab',
      newApplicationNotices: 'chat',
      ci: { repository: 'shop-pos/pos-portal', createOidcProvider: true },
      operator: { legalName: '深圳市某某信息咨询有限公司', email: 'kefu@shop-pos.cn', phone: '400-123-4567', callerNumber: '0755-8888-0000' },
    };
    prod = buildApp({
      outdir: join(workDirectory, 'cdk.out'),
      bundling: false,
      context: { stage: 'prod', account: '123456789012' },
      stageFile: { ...stages, prod: prodSettings },
    });
    // Synthesizing runs cdk-nag: it throws on any unacknowledged error in this configuration too.
    prod.app.synth();
  });
  afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

  it('protects every stack from deletion', () => {
    expect([prod.stateful, prod.stateless, prod.edge!].map((stack) => [stack.stackName, stack.terminationProtection])).toEqual([
      ['PosPortal-prod-Stateful', true],
      ['PosPortal-prod-Stateless', true],
      ['PosPortal-prod-Edge', true],
    ]);
  });

  it('keeps data and compute in Hong Kong and the web ACL in us-east-1, in the given account', () => {
    expect([prod.stateful.region, prod.stateless.region, prod.edge!.region]).toEqual(['ap-east-1', 'ap-east-1', 'us-east-1']);
    expect(prod.stateful.account).toBe('123456789012');
  });

  it('puts a WAF in front of the distribution: a per-IP rate rule that counts API requests only, and AWS managed rule groups', () => {
    const edge = Template.fromStack(prod.edge!);
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: [
        Match.objectLike({
          Statement: {
            RateBasedStatement: Match.objectLike({
              AggregateKeyType: 'IP',
              // Readers behind one carrier NAT address must never be blocked for loading pages.
              ScopeDownStatement: {
                ByteMatchStatement: Match.objectLike({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', SearchString: '/api/' }),
              },
            }),
          },
        }),
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' }) } }),
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } } }),
        Match.objectLike({ Name: 'BlockManagedRuleMatches' }),
      ],
    });
  });

  it("never blocks with WAF's default 403 (CloudFront would show the site's 404 page): every block has its own code and message", () => {
    const [acl] = Object.values(Template.fromStack(prod.edge!).findResources('AWS::WAFv2::WebACL')) as { Properties: Record<string, any> }[];
    const rules = acl!.Properties.Rules as Record<string, any>[];
    const blocks = rules.filter((rule) => rule.Action?.Block).map((rule) => rule.Action.Block.CustomResponse);
    const bodies = acl!.Properties.CustomResponseBodies as Record<string, { ContentType: string; Content: string }>;

    // The managed groups only label (count); a rule of ours blocks what they label.
    expect(rules.filter((rule) => rule.Statement.ManagedRuleGroupStatement).map((rule) => rule.OverrideAction)).toEqual([{ Count: {} }, { Count: {} }]);
    expect(blocks).toEqual([
      { ResponseCode: 429, CustomResponseBodyKey: 'rate_limited' },
      { ResponseCode: 400, CustomResponseBodyKey: 'request_blocked' },
    ]);
    for (const block of blocks) {
      expect(errorResponseFor(block.ResponseCode)).toBeUndefined();
      const body = bodies[block.CustomResponseBodyKey]!;
      expect(body.ContentType).toBe('APPLICATION_JSON');
      expect(JSON.parse(body.Content)).toEqual({ error: { code: block.CustomResponseBodyKey, message: expect.stringMatching(/[\u4e00-\u9fff]/), fields: {} } });
    }
    // The body-size rule stays counted only: our API answers oversize bodies itself (413, in Chinese).
    expect(JSON.stringify(rules.find((rule) => rule.Name === 'BlockManagedRuleMatches'))).toContain('SizeRestrictions_Body');
    Template.fromStack(prod.stateless).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: { 'Fn::GetStackOutput': Match.objectLike({ StackName: 'PosPortal-prod-Edge', Region: 'us-east-1' }) },
      }),
    });
  });

  it('serves the custom domain with its certificate and TLS 1.2 or newer only', () => {
    Template.fromStack(prod.stateless).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['pos.shop-pos.cn'],
        ViewerCertificate: {
          AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
  });

  it("tells both API functions the site's origin, and CloudFront forwards Origin and Sec-Fetch-Site to them", () => {
    const stateless = Template.fromStack(prod.stateless);
    const withSiteOrigin = stateless.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: Match.objectLike({ SITE_ORIGIN: 'https://pos.shop-pos.cn' }) } },
    });
    expect(Object.keys(withSiteOrigin)).toHaveLength(2);
    stateless.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: Match.arrayWith(['Origin', 'Sec-Fetch-Site']) },
      }),
    });
  });

  it('after an origin-verify rotation, has CloudFront send the named version of the value (so the template changes)', () => {
    const [distribution] = Object.values(Template.fromStack(prod.stateless).findResources('AWS::CloudFront::Distribution'));
    const apiOrigin = (distribution!.Properties.DistributionConfig.Origins as { OriginCustomHeaders?: { HeaderValue: unknown }[] }[]).find(
      (origin) => origin.OriginCustomHeaders,
    )!;

    expect(JSON.stringify(apiOrigin.OriginCustomHeaders![0]!.HeaderValue)).toContain(':SecretString:originVerify::f3c1a5e0-6b2d-4c8e-9a7f-0123456789ab}}');
  });

  it("gives the page-rendering functions the stage's operator (SITE_OPERATOR), and no other function", () => {
    const functions = Object.values(Template.fromStack(prod.stateless).findResources('AWS::Lambda::Function'));
    const operatorOf = (handler: string) =>
      functions.find((fn) => fn.Properties.Description === `pos-portal ${handler}`)?.Properties.Environment?.Variables?.SITE_OPERATOR as string | undefined;

    expect(JSON.parse(operatorOf('submit-application')!)).toMatchObject({ legalName: '深圳市某某信息咨询有限公司', callerNumber: '0755-8888-0000' });
    expect(JSON.parse(operatorOf('status-lookup')!)).toMatchObject({ legalName: '深圳市某某信息咨询有限公司' });
    expect(operatorOf('review-worker')).toBeUndefined();
  });

  it('with chat notices, has the worker read the robot from the application secret and link to the console; no e-mail notices', () => {
    const worker = Object.values(Template.fromStack(prod.stateless).findResources('AWS::Lambda::Function')).find(
      (fn) => fn.Properties.Description === 'pos-portal review-worker',
    )!;
    const variables = worker.Properties.Environment.Variables as Record<string, unknown>;

    expect(variables).toMatchObject({ OPS_NOTIFIER: 'chat', APP_SECRET_ARN: expect.anything(), CONSOLE_URL: 'https://pos.shop-pos.cn/console/' });
    expect(variables.OPS_TOPIC_ARN).toBeUndefined();
    expect(JSON.stringify(variables)).not.toMatch(/resolve:secretsmanager|webhook/i);
  });

  it('uses production log level and throttling', () => {
    const stateless = Template.fromStack(prod.stateless);
    stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_LOG_LEVEL: 'INFO' }) },
    });
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });
});

describe('stage settings from the repository', () => {
  it('synthesizes every committed stage offline, as `npx cdk diff -c stage=<stage>` does, with no other flag', () => {
    for (const stage of ['dev', 'prod'] as const) {
      const app = buildApp({ bundling: false, context: { stage }, stageFile: stages });
      expect(() => app.app.synth(), stage).not.toThrow();
    }
  });

  it('refuses a -c value that contradicts the stage file, naming the setting, and applies nothing', () => {
    expect(() => buildApp({ bundling: false, context: { stage: 'prod', waf: 'false' }, stageFile: stages })).toThrow(
      /-c waf=false contradicts functions\/deployment\/stages.ts, where prod.waf is true/,
    );
    expect(() => buildApp({ bundling: false, context: { stage: 'dev', opsEmail: 'someone@example.org' }, stageFile: stages })).toThrow(
      /dev.opsEmail is not set/,
    );
  });

  it('accepts a -c value that only repeats the file', () => {
    expect(() => buildApp({ bundling: false, context: { stage: 'prod', waf: 'true', domainName: stages.prod.domainName }, stageFile: stages })).not.toThrow();
  });

  it('refuses the committed prod placeholders once a real account is the target (a real diff or deploy)', () => {
    expect(() => buildApp({ bundling: false, context: { stage: 'prod', account: '123456789012' }, stageFile: stages })).toThrow(
      /prod.domainName .* still a placeholder/,
    );
  });
});
