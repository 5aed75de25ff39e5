/**
 * The review console's sign-in on AWS: the Cognito pool (stateful), its client and the JWT authorizer (stateless),
 * read from the synthesized assembly shared by the infra suite.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, inject, it } from 'vitest';
import { apiRoutes } from '../../../functions/http/routes.ts';
import { readTemplate, readTemplateJson, resourcesOfType } from '../support/app-under-test.ts';

const { outdir } = inject('infraAssembly');
const stateful = readTemplate(outdir, 'Stateful');
const stateless = readTemplate(outdir, 'Stateless');
const statelessJson = readTemplateJson(outdir, 'Stateless');

describe('console user pool (stateful stack)', () => {
  it('lets only admins create users, offers optional TOTP MFA, and is retained', () => {
    stateful.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        DeletionProtection: 'ACTIVE',
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('has exactly the groups reviewer and admin', () => {
    const groups = Object.values(stateful.findResources('AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName);

    expect(groups.sort()).toEqual(['admin', 'reviewer']);
  });

  it('serves the newer managed login on a Cognito domain', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
  });
});

describe('console app client and authorizer (stateless stack)', () => {
  it('is a public client for authorization code + PKCE with the console as callback', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [Match.anyValue()],
    });
    expect(JSON.stringify(Object.values(stateless.findResources('AWS::Cognito::UserPoolClient'))[0]?.Properties.CallbackURLs)).toContain('/console/');
  });

  it('allows only the flows the console uses: no SRP or custom auth through the public client id', () => {
    const clients = Object.values(stateless.findResources('AWS::Cognito::UserPoolClient'));

    expect(clients).toHaveLength(1);
    expect(clients[0]!.Properties.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(clients[0]!.Properties.AllowedOAuthScopes).toEqual(['openid', 'profile', 'email']);
  });

  it('leaves the user pool id to the stack that owns the pool (no bare cross-stack output)', () => {
    expect(Object.keys(statelessJson.Outputs ?? {}).filter((key) => key.includes('UserPoolId'))).toEqual([]);
  });

  const authorizers = resourcesOfType(statelessJson, 'AWS::ApiGatewayV2::Authorizer');
  const authorizerIdOf = (type: string) => ({ Ref: authorizers.find(([, authorizer]) => authorizer.Properties!.AuthorizerType === type)![0] });

  it('has one JWT authorizer, for the console client, reading the Authorization header, and one origin authorizer', () => {
    expect(authorizers.map(([, authorizer]) => authorizer.Properties!.AuthorizerType).sort()).toEqual(['JWT', 'REQUEST']);
    expect(authorizers.find(([, authorizer]) => authorizer.Properties!.AuthorizerType === 'JWT')![1].Properties).toMatchObject({
      IdentitySource: ['$request.header.Authorization'],
    });
  });

  it('checks on public routes only that the request came through CloudFront, cached per x-origin-verify value', () => {
    const [, origin] = authorizers.find(([, authorizer]) => authorizer.Properties!.AuthorizerType === 'REQUEST')!;

    expect(origin.Properties).toMatchObject({
      IdentitySource: ['$request.header.x-origin-verify'],
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 300,
    });
  });

  it('attaches the JWT authorizer to every console route and the origin authorizer to every public route', () => {
    const routes = resourcesOfType(statelessJson, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties!);
    const byKey = new Map(routes.map((route) => [route.RouteKey as string, route]));

    expect(routes).toHaveLength(apiRoutes.length);
    for (const route of apiRoutes) {
      const deployed = byKey.get(`${route.method} ${route.path}`);
      expect(deployed, `${route.method} ${route.path} is deployed`).toBeDefined();
      if (route.access === 'public') {
        expect(deployed!.AuthorizationType, `${route.path}: no user, but only through CloudFront`).toBe('CUSTOM');
        expect(deployed!.AuthorizerId).toEqual(authorizerIdOf('REQUEST'));
      } else {
        expect(deployed!.AuthorizationType, `${route.path} needs a token`).toBe('JWT');
        expect(deployed!.AuthorizerId).toEqual(authorizerIdOf('JWT'));
      }
    }
  });

  it('gives the console function the issuer, audience and key set it verifies tokens with', () => {
    stateless.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'pos-portal console',
      Environment: {
        Variables: Match.objectLike({
          CONSOLE_JWT_ISSUER: Match.anyValue(),
          CONSOLE_JWT_AUDIENCE: Match.anyValue(),
          CONSOLE_JWKS_URL: Match.anyValue(),
          APP_SECRET_ARN: Match.anyValue(),
        }),
      },
    });
  });
});

describe('site Content-Security-Policy', () => {
  it("lets the console's sign-in reach Cognito (discovery and token endpoint) and nothing else beyond the origin", () => {
    const policies = resourcesOfType(statelessJson, 'AWS::CloudFront::ResponseHeadersPolicy').map(
      ([, policy]) => policy.Properties!.ResponseHeadersPolicyConfig,
    );
    const sitePolicy = policies.find((config) => config.SecurityHeadersConfig?.ContentSecurityPolicy?.ContentSecurityPolicy?.includes?.("default-src 'self'"));
    const connectSrc = String(sitePolicy?.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy)
      .split('; ')
      .find((directive) => directive.startsWith('connect-src'));

    expect(connectSrc).toBe("connect-src 'self' https://cognito-idp.ap-east-1.amazonaws.com https://*.auth.ap-east-1.amazoncognito.com");
  });
});
