import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { describe, expect, inject, it } from 'vitest';
import { immutableCacheControl, originVerifyHeader, revalidateCacheControl } from '../../../infra/constructs/site-distribution.ts';
import { errorResponses } from '../../../functions/http/cloudfront-behaviour.ts';
import { readTemplateJson, resourcesOfType } from '../support/app-under-test.ts';

const { outdir } = inject('infraAssembly');
const json = readTemplateJson(outdir, 'Stateless');
const [, distribution] = resourcesOfType(json, 'AWS::CloudFront::Distribution')[0]!;
const config = distribution.Properties!.DistributionConfig as Record<string, any>;
const originById = (id: string) => (config.Origins as Record<string, any>[]).find((origin) => origin.Id === id)!;
const apiBehaviour = (config.CacheBehaviors as Record<string, any>[]).find((behaviour) => behaviour.PathPattern === '/api/*')!;
const resourceOf = (reference: { Ref: string }) => json.Resources[reference.Ref]!;

describe('static site origin', () => {
  it('reads the bucket through Origin Access Control, not an origin access identity or public website', () => {
    const origin = originById(config.DefaultCacheBehavior.TargetOriginId);
    const oac = json.Resources[origin.OriginAccessControlId['Fn::GetAtt'][0]]!;

    expect(oac).toMatchObject({
      Type: 'AWS::CloudFront::OriginAccessControl',
      Properties: { OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' } },
    });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(JSON.stringify(origin.DomainName)).toMatch(/RegionalDomainName/);
  });

  it('never sends the origin-verify value to S3', () => {
    expect(originById(config.DefaultCacheBehavior.TargetOriginId).OriginCustomHeaders).toBeUndefined();
  });

  it('redirects HTTP to HTTPS, compresses and caches with the managed CachingOptimized policy', () => {
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
      CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
      AllowedMethods: ['GET', 'HEAD'],
    });
  });

  it('resolves directory URLs with a viewer-request CloudFront Function', () => {
    const [association] = config.DefaultCacheBehavior.FunctionAssociations as Record<string, any>[];
    const fn = json.Resources[association!.FunctionARN['Fn::GetAtt'][0]]!;

    expect(association!.EventType).toBe('viewer-request');
    expect(fn.Properties!.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.Properties!.FunctionCode).toContain("'index.html'");
  });

  it('answers missing pages with the site 404 page and a 404 status, exactly as the local server does', () => {
    expect(config.CustomErrorResponses).toEqual([{ ErrorCode: 403, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 }]);
    expect(config.CustomErrorResponses).toEqual(
      errorResponses.map((response) => ({
        ErrorCode: response.httpStatus,
        ResponseCode: response.responseHttpStatus,
        ResponsePagePath: response.responsePagePath,
        ErrorCachingMinTTL: response.ttlSeconds,
      })),
    );
  });

  it('writes /console/config.json at deploy time (Cognito values resolved then), invalidates only it, and never prunes the published pages', () => {
    const deployments = resourcesOfType(json, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(1);
    const [, deployment] = deployments[0]!;

    expect(deployment.Properties).toMatchObject({ DistributionPaths: ['/console/config.json'], Prune: false, DistributionId: { Ref: expect.any(String) } });
    expect(deployment.Properties!.SystemMetadata).toMatchObject({ 'cache-control': revalidateCacheControl });
    // Source.jsonData: the issuer's pool id and the client id are markers the deployment replaces with deployed values.
    const markers = Object.values(deployment.Properties!.SourceMarkers[0] as Record<string, unknown>).map((marker) => JSON.stringify(marker));
    expect(markers).toEqual([expect.stringMatching(/"Fn::GetStackOutput".*ConsoleUsersUserPool/), expect.stringMatching(/"Ref":"ConsoleSignInConsoleClient/)]);
    expect(deployment.Properties!.SourceMarkersConfig).toEqual([{ jsonEscape: true }]);
  });
});

describe('caching', () => {
  const assetBehaviour = (config.CacheBehaviors as Record<string, any>[]).find((behaviour) => behaviour.PathPattern === '/_astro/*')!;
  const cacheControlOf = (policyReference: { Ref: string }) =>
    (resourceOf(policyReference).Properties!.ResponseHeadersPolicyConfig.CustomHeadersConfig.Items as Record<string, any>[]).find(
      (header) => header.Header === 'Cache-Control',
    );

  it('serves hashed /_astro/* assets from S3 without the directory-index function, immutable for a year', () => {
    expect(assetBehaviour).toMatchObject({
      TargetOriginId: config.DefaultCacheBehavior.TargetOriginId,
      CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
    });
    expect(assetBehaviour.FunctionAssociations).toBeUndefined();
    expect(cacheControlOf(assetBehaviour.ResponseHeadersPolicyId)).toEqual({ Header: 'Cache-Control', Value: immutableCacheControl, Override: true });
    expect(immutableCacheControl).toBe('public, max-age=31536000, immutable');
  });

  it('makes browsers revalidate pages and the search index, which keep their URLs across builds', () => {
    expect(cacheControlOf(config.DefaultCacheBehavior.ResponseHeadersPolicyId)).toEqual({
      Header: 'Cache-Control',
      Value: revalidateCacheControl,
      Override: true,
    });
    expect(revalidateCacheControl).toMatch(/max-age=0, must-revalidate/);
    // Baidu's no-transform protocol: pages must not be transcoded into a Baidu mobile copy.
    expect(revalidateCacheControl.split(', ')).toContain('no-transform');
  });

  it('gives the asset behaviour the same security headers as pages', () => {
    const security = (reference: { Ref: string }) => resourceOf(reference).Properties!.ResponseHeadersPolicyConfig.SecurityHeadersConfig;

    expect(security(assetBehaviour.ResponseHeadersPolicyId)).toEqual(security(config.DefaultCacheBehavior.ResponseHeadersPolicyId));
  });
});

describe('/api/* behaviour', () => {
  it('sends every method to the HTTP API over TLS 1.2, uncached', () => {
    const origin = originById(apiBehaviour.TargetOriginId);
    const cache = resourceOf(apiBehaviour.CachePolicyId).Properties!.CachePolicyConfig;

    expect(apiBehaviour).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      ViewerProtocolPolicy: 'redirect-to-https',
    });
    expect(cache).toMatchObject({ DefaultTTL: 0, MinTTL: 0 });
    expect(cache.MaxTTL).toBeLessThanOrEqual(1);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(origin.DomainName)).toMatch(/HttpApi.*execute-api/);
  });

  it('forwards what the handlers read, including the viewer address, but never Host or cookies', () => {
    const policy = resourceOf(apiBehaviour.OriginRequestPolicyId).Properties!.OriginRequestPolicyConfig;
    const headers = (policy.HeadersConfig.Headers as string[]).map((header) => header.toLowerCase());

    expect(policy.HeadersConfig.HeaderBehavior).toBe('whitelist');
    expect(headers).toEqual(expect.arrayContaining(['cloudfront-viewer-address', 'idempotency-key', 'content-type']));
    expect(headers).not.toContain('host');
    expect(policy.QueryStringsConfig.QueryStringBehavior).toBe('all');
    expect(policy.CookiesConfig.CookieBehavior).toBe('none');
  });

  it('adds x-origin-verify itself, from Secrets Manager, rather than forwarding a viewer header of that name', () => {
    const origin = originById(apiBehaviour.TargetOriginId);
    const policy = resourceOf(apiBehaviour.OriginRequestPolicyId).Properties!.OriginRequestPolicyConfig;

    expect(origin.OriginCustomHeaders).toEqual([{ HeaderName: originVerifyHeader, HeaderValue: expect.anything() }]);
    expect(JSON.stringify(origin.OriginCustomHeaders[0].HeaderValue)).toMatch(/\{\{resolve:secretsmanager:.*:SecretString:originVerify::\}\}/);
    expect((policy.HeadersConfig.Headers as string[]).map((header) => header.toLowerCase())).not.toContain(originVerifyHeader);
  });
});

describe('/api/console/* behaviour', () => {
  const behaviours = config.CacheBehaviors as Record<string, any>[];
  const consoleBehaviour = behaviours.find((behaviour) => behaviour.PathPattern === '/api/console/*')!;

  it('comes before /api/* (CloudFront takes the first match) and goes to the same API origin with the same headers', () => {
    const index = (pattern: string) => behaviours.findIndex((behaviour) => behaviour.PathPattern === pattern);

    expect(index('/api/console/*')).toBeGreaterThanOrEqual(0);
    expect(index('/api/console/*')).toBeLessThan(index('/api/*'));
    expect(consoleBehaviour).toMatchObject({
      TargetOriginId: apiBehaviour.TargetOriginId,
      OriginRequestPolicyId: apiBehaviour.OriginRequestPolicyId,
      ResponseHeadersPolicyId: apiBehaviour.ResponseHeadersPolicyId,
      AllowedMethods: apiBehaviour.AllowedMethods,
    });
  });

  it('forwards Authorization (only a cache key header reaches the origin) and caches nothing the API marks no-store', () => {
    const policy = resourceOf(consoleBehaviour.CachePolicyId).Properties!.CachePolicyConfig;

    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: ['Authorization'] });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig.CookieBehavior).toBe('none');
    expect([policy.MinTTL, policy.DefaultTTL]).toEqual([0, 0]);
    expect(policy.MaxTTL).toBeLessThanOrEqual(1);
  });
});

describe('security headers of the site', () => {
  const policy = resourceOf(config.DefaultCacheBehavior.ResponseHeadersPolicyId).Properties!.ResponseHeadersPolicyConfig;
  const security = policy.SecurityHeadersConfig;

  it('send HSTS for at least a year, including subdomains', () => {
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(security.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Override: true });
  });

  it('send a CSP that blocks plugins, base-tag hijacking, framing and foreign scripts', () => {
    const directives = (security.ContentSecurityPolicy.ContentSecurityPolicy as string).split(';').map((directive) => directive.trim());

    expect(directives).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "img-src 'self' data:",
        "style-src 'self'",
      ]),
    );
    expect(directives.filter((directive) => directive.includes("'unsafe-inline'"))).toEqual([]);
    // No inline script may run: the build has none (test/site/build.test.ts), so an injected one must not either.
    expect(directives.find((directive) => directive.startsWith('script-src'))).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(security.ContentSecurityPolicy.Override).toBe(true);
  });

  it('send nosniff, strict-origin-when-cross-origin and DENY framing', () => {
    expect(security).toMatchObject({
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
  });
});

describe('security headers of /api/*', () => {
  const policy = resourceOf(apiBehaviour.ResponseHeadersPolicyId).Properties!.ResponseHeadersPolicyConfig;
  const security = policy.SecurityHeadersConfig;

  it("come from the API's own policy, not the site's", () => {
    expect(apiBehaviour.ResponseHeadersPolicyId).not.toEqual(config.DefaultCacheBehavior.ResponseHeadersPolicyId);
  });

  it("leave the API's own Content-Security-Policy and referrer policy in place", () => {
    expect(security.ContentSecurityPolicy).toBeUndefined();
    expect(security.ReferrerPolicy.Override).toBe(false);
  });

  it('still force HSTS, nosniff and DENY framing', () => {
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(security).toMatchObject({
      StrictTransportSecurity: { IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
  });
});

describe('compression of API answers', () => {
  const behaviours = config.CacheBehaviors as Record<string, any>[];

  it.each(['/api/*', '/api/console/*'])('%s: compressed, since its cache policy lets answers vary by Accept-Encoding', (pattern) => {
    const behaviour = behaviours.find((candidate) => candidate.PathPattern === pattern)!;
    const cache = resourceOf(behaviour.CachePolicyId)!.Properties!.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin;

    expect(behaviour.Compress).toBe(true);
    expect(cache).toMatchObject({ EnableAcceptEncodingGzip: true, EnableAcceptEncodingBrotli: true });
  });
});
