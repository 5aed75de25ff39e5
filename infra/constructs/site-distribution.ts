import { fileURLToPath } from 'node:url';
import { Duration, Fn, RemovalPolicy, type SecretValue, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  CachedMethods,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { apiTimeouts } from '../config.ts';
import { acknowledgeWildcardPermissions } from '../nag.ts';
import { statefulOutputKeys } from '../../functions/deployment/stack-outputs.ts';
import { originVerifyHeader } from '../../functions/domain/app-secrets.ts';
import { consoleSignInConfigPath, type ConsoleSignInConfig } from '../../functions/http/console-sign-in-config.ts';
import * as edge from '../../functions/http/cloudfront-behaviour.ts';

/**
 * Request headers that reach the API handlers through CloudFront: exactly the ones functions/http/request.ts reads.
 * An allow-list rather than the managed AllViewerExceptHostHeader policy because that policy forwards viewer headers
 * only, and the handlers need CloudFront-Viewer-Address (the real client IP for rate limiting; CloudFront overwrites
 * any value a client sends). Host is never forwarded: API Gateway routes on its own host name. Add a header here
 * when a handler starts reading one.
 */
export const apiForwardedHeaders = ['Content-Type', 'Idempotency-Key', 'CloudFront-Viewer-Address', 'Origin', 'Sec-Fetch-Site'] as const;

/**
 * Custom origin header CloudFront adds to every `/api/*` request, carrying the application secret's `originVerify`
 * value. The API's origin authorizer admits only requests carrying it, and the handlers trust CloudFront-Viewer-Address
 * only on such requests (functions/http/request.ts). Not in apiForwardedHeaders: CloudFront adds origin custom headers
 * itself and replaces a viewer's header of the same name.
 */
export { originVerifyHeader } from '../../functions/domain/app-secrets.ts';

import { immutableCacheControl, revalidateCacheControl } from '../../functions/deployment/cache-control.ts';
export { immutableCacheControl, revalidateCacheControl } from '../../functions/deployment/cache-control.ts';

/** Security headers CloudFront sets on every response, site and API alike (functions/http/cloudfront-behaviour.ts). */
const transportAndFramingHeaders = {
  strictTransportSecurity: {
    accessControlMaxAge: Duration.seconds(edge.transportAndFramingHeaders.strictTransportSecurity.maxAgeSeconds),
    includeSubdomains: edge.transportAndFramingHeaders.strictTransportSecurity.includeSubdomains,
    override: true,
  },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
} as const;
const permissionsPolicyHeader = { header: 'Permissions-Policy', value: edge.transportAndFramingHeaders.permissionsPolicy, override: true };

/** Where the deployment writes the console's sign-in settings: the bucket key of the path the console reads. */
export const consoleConfigKey = consoleSignInConfigPath.slice(1);

export interface SiteDistributionProps {
  /** Private bucket with the built site (from the stateful stack). */
  readonly siteBucket: IBucket;
  /** HTTP API serving every `/api/*` route. */
  readonly httpApi: IHttpApi;
  /** Value sent in the x-origin-verify header to the API (a reference into the application secret); see originVerifyHeader. */
  readonly originVerify: SecretValue;
  /**
   * The review console's OpenID Connect settings, written to `/console/config.json` by the deployment (tokens resolved
   * at deploy time); the console reads them at run time (site/src/scripts/console/session.ts), so no build carries them.
   */
  readonly consoleConfig: ConsoleSignInConfig;
  /** Retention of the deployment helper's logs. */
  readonly logRetention: RetentionDays;
  /**
   * Custom host name and its us-east-1 ACM certificate.
   * @default - the distribution's own *.cloudfront.net name
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /**
   * ARN of a CLOUDFRONT-scope WAF web ACL to attach.
   * @default - no WAF
   */
  readonly webAclArn?: string;
}

/**
 * The one public origin: CloudFront serving the static site from S3 through Origin Access Control, with `/api/*`
 * sent to the HTTP API on the same host (so no CORS), security headers on every response, directory URLs resolved
 * by a CloudFront Function, the site's own 404 page, and the console's sign-in settings written
 * at deploy time (the pages themselves are published by `npm run publish`).
 */
export class SiteDistribution extends Construct {
  readonly distribution: Distribution;
  /** https://… address of the site (custom domain when given). */
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Imported from the stateful stack's SiteBucketArn output rather than used as the Bucket object: Origin Access
    // Control then does not try to edit the stateful stack's bucket policy (that would make the two stacks depend on
    // each other), and the deployment role names the bucket by that stable output in its policy.
    const producer = Stack.of(props.siteBucket);
    // The name comes from its own output too: left to derive it, CDK would cut it out of the ARN with Fn::Split over
    // Fn::GetStackOutput, which CloudFormation cannot resolve at deploy time (cfn-lint E1017).
    const siteBucket = Bucket.fromBucketAttributes(this, 'SiteBucketReference', {
      bucketArn: Fn.getStackOutput(producer.stackName, statefulOutputKeys.siteBucketArn, producer.region),
      bucketName: Fn.getStackOutput(producer.stackName, statefulOutputKeys.siteBucketName, producer.region),
      bucketRegionalDomainName: props.siteBucket.bucketRegionalDomainName,
    });
    stack.addStackDependency(producer, 'imports the site bucket from its SiteBucketArn output');
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(siteBucket);

    const apiOrigin = new HttpOrigin(`${props.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      readTimeout: Duration.seconds(apiTimeouts.originReadSeconds),
      // A CloudFormation dynamic reference, resolved at deploy time: the value is in neither the template nor git
      // (it is readable in the distribution's configuration; the functions read it from Secrets Manager at run time).
      customHeaders: { [originVerifyHeader]: props.originVerify.unsafeUnwrap() },
    });

    const directoryIndex = new CloudFrontFunction(this, 'DirectoryIndexFunction', {
      comment: 'Directory URLs: /x/ serves /x/index.html, /x redirects to /x/',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromFile({ filePath: fileURLToPath(new URL('../edge/directory-index.js', import.meta.url)) }),
    });

    const siteSecurityHeaders = {
      ...transportAndFramingHeaders,
      // The review console signs in with Cognito: OIDC discovery on cognito-idp, the token endpoint on the pool's
      // Cognito domain (*.amazoncognito.com). Nothing else leaves the origin.
      contentSecurityPolicy: {
        contentSecurityPolicy: edge.contentSecurityPolicyConnectingTo([
          `https://cognito-idp.${Stack.of(this).region}.amazonaws.com`,
          `https://*.auth.${Stack.of(this).region}.amazoncognito.com`,
        ]),
        override: true,
      },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
    };
    // Pages, the Pagefind index, sitemap and feed keep their URLs from one build to the next: browsers revalidate them
    // every time (a 304 when unchanged), so a deployment reaches readers at once.
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'pos-portal: HSTS, CSP, nosniff, referrer policy, no framing; revalidate',
      securityHeadersBehavior: siteSecurityHeaders,
      customHeadersBehavior: { customHeaders: [permissionsPolicyHeader, { header: 'Cache-Control', value: revalidateCacheControl, override: true }] },
    });
    // Astro names every file under /_astro/ by its content hash: a changed file is a new URL, so browsers may keep
    // each one for a year without asking again.
    const immutableAssetHeaders = new ResponseHeadersPolicy(this, 'ImmutableAssetHeaders', {
      comment: 'pos-portal /_astro/*: security headers; content-hashed, cached for a year',
      securityHeadersBehavior: siteSecurityHeaders,
      customHeadersBehavior: { customHeaders: [permissionsPolicyHeader, { header: 'Cache-Control', value: immutableCacheControl, override: true }] },
    });
    // The API decides its own Content-Security-Policy (a strict one on its HTML pages) and referrer policy
    // (functions/http/responses.ts); CloudFront adds a referrer policy only where a response has none.
    const apiSecurityHeaders = new ResponseHeadersPolicy(this, 'ApiSecurityHeaders', {
      comment: "pos-portal /api/*: HSTS, nosniff, no framing; the API's own CSP",
      securityHeadersBehavior: {
        ...transportAndFramingHeaders,
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: false },
      },
      customHeadersBehavior: { customHeaders: [permissionsPolicyHeader] },
    });

    const apiRequests = new OriginRequestPolicy(this, 'ApiOriginRequests', {
      comment: 'pos-portal /api/*: the headers handlers read, the viewer IP, all query strings, no cookies',
      headerBehavior: OriginRequestHeaderBehavior.allowList(...apiForwardedHeaders),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });

    // The API's answers are not cached: the managed CachingDisabled policy cannot compress (compression needs a cache
    // policy with a TTL above 0), so these allow 1 s at most and default to 0: an answer without Cache-Control is never
    // kept. Every answer that could be kept says no-store or is a POST, which CloudFront never caches. CloudFront
    // compresses only what a cache policy lets vary by Accept-Encoding (the CSV export, the queue pages).
    const apiCachePolicy = (id: string, comment: string, headerBehavior: CacheHeaderBehavior) =>
      new CachePolicy(this, id, {
        comment,
        minTtl: Duration.seconds(0),
        defaultTtl: Duration.seconds(0),
        maxTtl: Duration.seconds(1),
        headerBehavior,
        queryStringBehavior: CacheQueryStringBehavior.all(),
        cookieBehavior: CacheCookieBehavior.none(),
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      });
    // The console API authenticates with `Authorization: Bearer …`, which CloudFront forwards only when it is part of
    // the cache key. Its responses are `no-store`, so nothing is cached: the key only makes the header travel (and
    // keeps one user's answer from ever being served to another).
    const consoleApiCache = apiCachePolicy(
      'ConsoleApiCache',
      'pos-portal /api/console/*: forward Authorization (answers are no-store, never cached); compressed',
      CacheHeaderBehavior.allowList('Authorization'),
    );
    const apiCache = apiCachePolicy(
      'ApiCache',
      'pos-portal /api/*: nothing cached (TTL 0 unless the answer says otherwise), compressed',
      CacheHeaderBehavior.none(),
    );

    const certificate = props.customDomain ? Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn) : undefined;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `pos-portal ${stack.stackName}`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Includes the Hong Kong, Taiwan, Japan, Korea and Singapore edges nearest to mainland readers, not the priciest.
      priceClass: PriceClass.PRICE_CLASS_200,
      domainNames: props.customDomain ? [props.customDomain.domainName] : undefined,
      certificate,
      minimumProtocolVersion: certificate ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      webAclId: props.webAclArn,
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: directoryIndex }],
      },
      additionalBehaviors: {
        // Hashed build assets: straight from S3 (no directory-index function on the way), cached for a year.
        '/_astro/*': {
          origin: siteOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          compress: true,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: immutableAssetHeaders,
        },
        // Before /api/*: CloudFront takes the first pattern that matches.
        '/api/console/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          compress: true,
          cachePolicy: consoleApiCache,
          originRequestPolicy: apiRequests,
          responseHeadersPolicy: apiSecurityHeaders,
        },
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          compress: true,
          cachePolicy: apiCache,
          originRequestPolicy: apiRequests,
          responseHeadersPolicy: apiSecurityHeaders,
        },
      },
      // S3 behind OAC answers 403 for a missing key: the site's own 404 page with a real 404 status. These apply to
      // every behaviour, the API's included: see errorResponses (functions/http/cloudfront-behaviour.ts), which the
      // local server applies too.
      errorResponses: edge.errorResponses.map(({ ttlSeconds, ...response }) => ({ ...response, ttl: Duration.seconds(ttlSeconds) })),
    });

    this.siteUrl = `https://${props.customDomain ? props.customDomain.domainName : this.distribution.distributionDomainName}`;

    this.deployConsoleConfig(siteBucket, props);
    this.acknowledgeFindings(props);
  }

  /**
   * Write `/console/config.json` (the console's sign-in settings, resolved at deploy time) and invalidate that one path.
   * The pages themselves are published by `npm run publish` (functions/deployment/publish-site.ts), which `npm run
   * deploy` runs after this; `prune: false` so this deployment never deletes them, and publishing never touches this
   * file (it only removes keys it published itself).
   */
  private deployConsoleConfig(siteBucket: IBucket, props: SiteDistributionProps): void {
    const deployment = new BucketDeployment(this, 'DeployConsoleConfig', {
      sources: [Source.jsonData(consoleConfigKey, { ...props.consoleConfig })],
      destinationBucket: siteBucket,
      distribution: this.distribution,
      distributionPaths: [`/${consoleConfigKey}`],
      prune: false,
      cacheControl: [CacheControl.fromString(revalidateCacheControl)],
      logGroup: new LogGroup(this, 'DeployConsoleConfigLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY }),
    });
    this.acknowledgeDeploymentFindings(deployment);
  }

  /**
   * BucketDeployment runs a CDK-provided Lambda (the AWS CLI doing `s3 sync`) as a CloudFormation custom resource;
   * we do not write its code, runtime or role. Its findings are acknowledged one by one with why they are acceptable.
   */
  private acknowledgeDeploymentFindings(deployment: BucketDeployment): void {
    const handler = Stack.of(this)
      .node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'))
      .at(0);
    if (!handler) throw new Error('BucketDeployment handler not found; aws-cdk-lib changed how it names it');
    const policy = deployment.handlerRole.node.tryFindChild('DefaultPolicy')?.node.defaultChild as CfnResource | undefined;
    if (!policy) throw new Error('BucketDeployment role policy not found; aws-cdk-lib changed how it builds it');
    const deployOnly = 'Used only while CloudFormation deploys the stack (it writes console/config.json); nothing calls it at run time.';
    acknowledgeWildcardPermissions(policy, [
      {
        finding: /^Action::s3:(GetBucket\*|GetObject\*|List\*)$/,
        reason: `CDK's grantRead on the asset bucket and the site bucket: read the uploaded config archive and list what is deployed. ${deployOnly}`,
      },
      {
        finding: /^Action::s3:(Abort\*|DeleteObject\*)$/,
        reason: `CDK's grantReadWrite on the site bucket (it grants delete even though this deployment never prunes). Limited to the site bucket. ${deployOnly}`,
      },
      {
        finding: /^Resource::arn:[^:]+:s3:::cdk-[a-z0-9]+-assets-[^/]+\/\*$/,
        reason: `Objects of the CDK bootstrap asset bucket, where the config archive is uploaded under a content hash. ${deployOnly}`,
      },
      {
        finding: new RegExp(`^Resource::.*"OutputName":"${statefulOutputKeys.siteBucketArn}".*/\\*$`),
        reason: `Objects of the site bucket: the deployment writes console/config.json. ${deployOnly}`,
      },
      {
        finding: /^Resource::\*$/,
        reason: `cloudfront:CreateInvalidation/GetInvalidation, which CDK grants on "*" for the invalidation after upload. ${deployOnly}`,
      },
    ]);
    acknowledgeCdkProvidedHandler(handler, 'CloudFormation custom resource that writes the console sign-in settings during deployment');
  }

  private acknowledgeFindings(props: SiteDistributionProps): void {
    const distribution = this.distribution;
    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction on purpose: the audience is merchants in mainland China who also read while travelling; the site holds only public marketing content and the API is rate-limited per IP and per phone.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'CloudFront standard logs cannot be delivered to a bucket in ap-east-1 (an opt-in region), and edge logs of anonymous page views would collect visitor IPs with no review value; API requests are logged as JSON by the HTTP API stage.',
      },
      {
        id: '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
        reason:
          'Intended: the site bucket policy is owned by the stateful stack, which grants s3:GetObject to cloudfront.amazonaws.com for distributions of this account only (SourceAccount + SourceArn conditions).',
      },
    );
    if (!props.customDomain) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose minimum TLS version CloudFront does not let us set; with -c domainName/certificateArn it is TLSv1.2_2021.',
      });
    }
    if (!props.webAclArn) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'WAF is optional (-c waf=true, about US$9/month plus US$0.60 per million requests): the handlers rate-limit per IP and per phone, and the API stage has explicit throttling.',
      });
    }
  }
}

/** Findings on a Lambda function that aws-cdk-lib provides and owns (code, runtime and managed policy included). */
function acknowledgeCdkProvidedHandler(handler: IConstruct, purpose: string): void {
  Validations.of(handler).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: `${purpose}: CDK attaches the AWS managed basic execution policy (CloudWatch Logs only) to its own handler role.`,
    },
    {
      id: 'AwsSolutions-L1',
      reason: `${purpose}: aws-cdk-lib pins this handler's runtime and moves it forward on upgrades; we keep aws-cdk-lib current.`,
    },
    {
      id: 'Serverless-LambdaLatestVersion',
      reason: `${purpose}: aws-cdk-lib pins this handler's runtime and moves it forward on upgrades; we keep aws-cdk-lib current.`,
    },
    {
      id: 'Serverless-LambdaDLQ',
      reason: `${purpose}: CloudFormation waits for its response; a failure fails and rolls back the deployment in plain sight, so there is nothing to dead-letter.`,
    },
    {
      id: 'Serverless-LambdaTracing',
      reason: `${purpose}: runs a few times per deployment; its logs are enough.`,
    },
  );
}
