/**
 * Sign-in for the review console on AWS, in two parts so each lives in the right stack:
 *
 * - ConsoleUserPool (stateful stack): the Cognito user pool of the people who work the queue — no self sign-up (ops
 *   invite people), optional TOTP MFA, the groups `reviewer` and `admin` (the roles in functions/http/routes.ts),
 *   and Cognito's managed login on a Cognito domain. Retained: it holds accounts, not rebuildable from git.
 * - ConsoleSignIn (stateless stack): the console's public app client (authorization code + PKCE, no secret, callback
 *   `<site>/console/`) and the HTTP API JWT authorizer that every console route uses and no public route does. The
 *   console function checks the token and the group claim again (functions/http/console-auth.ts).
 *
 * Inviting a reviewer: see docs/operations.md, "Review console" (`aws cognito-idp admin-create-user` and
 * `admin-add-user-to-group`).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClient,
  type UserPoolDomain,
  type CfnUserPoolClient,
  type IUserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { consoleRoles } from '../../functions/http/routes.ts';
import type { ConsoleSignInConfig } from '../../functions/http/console-sign-in-config.ts';

/** The scopes the console asks for (and the only ones its app client allows). */
const consoleScopes = ['openid', 'profile', 'email'] as const;

export interface ConsoleUserPoolProps {
  /**
   * Cognito managed-login domain prefix; unique per region across all AWS accounts, so it comes from the stage file
   * (functions/deployment/stages.ts consoleDomainPrefix) rather than from anything a second account would repeat.
   */
  readonly domainPrefix: string;
  /**
   * Removal policy of the pool.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

export class ConsoleUserPool extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: ConsoleUserPoolProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    for (const role of consoleRoles) {
      new CfnUserPoolGroup(this, `${role}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: role === 'admin' ? '审核控制台管理员：审核，外加导出与删除个人信息' : '审核控制台审核员：查看、联系、推进申请',
      });
    }
    this.domain = this.userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional-on by decision: staff may enrol TOTP; requiring it would lock out the sales team on shared phones. Accounts are invite-only with a 12-character password policy.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan (threat protection) costs per active user; the console has a handful of invited staff, invite-only sign-up, a strict password policy and optional TOTP. Revisit if the team grows.',
      },
      {
        id: 'AwsSolutions-COG3',
        reason:
          'Threat protection needs the Plus feature plan; a handful of invited staff accounts behind invite-only sign-up does not justify its per-user cost. Revisit if the team grows.',
      },
    );
  }
}

export interface ConsoleSignInProps {
  readonly userPool: IUserPool;
  /** The site's origin, e.g. `https://pos.example.cn`: the console lives at `<siteUrl>/console/`. */
  readonly siteUrl: string;
  /**
   * Lifetime of access and ID tokens: how long a console session lasts before the sign-in prompt comes back.
   * @default Duration.hours(1)
   */
  readonly tokenValidity?: Duration;
}

export class ConsoleSignIn extends Construct {
  readonly client: UserPoolClient;
  readonly authorizer: HttpUserPoolAuthorizer;
  /** The variables the console function verifies tokens with (functions/config.ts CONSOLE_*). */
  readonly functionEnvironment: Record<string, string>;
  /** `<site>/console/`: chat notices link here (CONSOLE_URL). */
  readonly consoleUrl: string;
  /** What the console's browser code signs in with; the site deployment writes it to /console/config.json. */
  readonly browserConfig: ConsoleSignInConfig;

  constructor(scope: Construct, id: string, props: ConsoleSignInProps) {
    super(scope, id);
    const consoleUrl = `${props.siteUrl}/console/`;
    // Created here (not with userPool.addClient, which would place it in the pool's stack): its callback names the site.
    this.client = new UserPoolClient(this, 'ConsoleClient', {
      userPool: props.userPool,
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: consoleScopes.map((scope) => OAuthScope.custom(scope)),
        callbackUrls: [consoleUrl],
        logoutUrls: [consoleUrl],
      },
      preventUserExistenceErrors: true,
      accessTokenValidity: props.tokenValidity ?? Duration.hours(1),
      idTokenValidity: props.tokenValidity ?? Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
    // The managed login pages need a style for the client; Cognito's defaults are fine for an internal tool.
    new CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    const cfnClient = this.client.node.defaultChild as CfnUserPoolClient;
    cfnClient.supportedIdentityProviders = ['COGNITO'];
    // Only what the console does: the managed login (authorization code + PKCE) and refreshing its tokens. Left empty,
    // Cognito enables SRP and custom auth too, and the client id is public in the site: anyone could then call
    // InitiateAuth directly and skip the managed login page.
    cfnClient.explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
    this.authorizer = new HttpUserPoolAuthorizer('ConsoleAuthorizer', props.userPool, {
      userPoolClients: [this.client],
      identitySource: ['$request.header.Authorization'],
    });
    const issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${props.userPool.userPoolId}`;
    this.functionEnvironment = {
      CONSOLE_JWT_ISSUER: issuer,
      CONSOLE_JWT_AUDIENCE: this.client.userPoolClientId,
      CONSOLE_JWKS_URL: `${issuer}/.well-known/jwks.json`,
    };
    this.consoleUrl = consoleUrl;
    this.browserConfig = { issuer, clientId: this.client.userPoolClientId, scope: consoleScopes.join(' ') };
    new CfnOutput(this, 'ConsoleIssuer', { value: issuer, description: 'Written to /console/config.json by the deployment' });
    new CfnOutput(this, 'ConsoleClientId', { value: this.client.userPoolClientId, description: 'Written to /console/config.json by the deployment' });
    new CfnOutput(this, 'ConsoleUrl', { value: consoleUrl });
  }
}
