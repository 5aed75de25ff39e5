import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { contextKeys, parseDeploymentContext, stageProfiles, type DeploymentContext } from './config.ts';
import { stages, type StageName, type StageSettings } from '../functions/deployment/stages.ts';
import { stackName } from '../functions/deployment/stack-outputs.ts';
import { CiStack } from './stacks/ci-stack.ts';
import { EdgeStack } from './stacks/edge-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';

export interface PosPortalApp {
  readonly app: App;
  readonly context: DeploymentContext;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly edge?: EdgeStack;
  readonly ci: CiStack;
}

/**
 * Build the whole CDK app for one stage. Used by infra/app.ts (the CLI entry point) and by the infra tests, so both
 * synthesize exactly the same thing (tests may hand it other stage settings than the committed ones). cdk-nag's AwsSolutions and Serverless packs run on every synth: an
 * unacknowledged error stops it.
 */
export function createPosPortalApp(props: AppProps = {}, stageFile: Record<StageName, StageSettings> = stages): PosPortalApp {
  const app = new App(props);
  const raw: Record<string, unknown> = {};
  for (const key of contextKeys) raw[key] = app.node.tryGetContext(key);
  // Offline synth has no credentials and therefore no account: the templates are then account-agnostic.
  raw.account ??= process.env.CDK_DEFAULT_ACCOUNT;
  const context = parseDeploymentContext(raw, stageFile);
  const settings = stageProfiles[context.stage];
  const env = { account: context.account, region: context.region };

  const stateful = new StatefulStack(app, stackName(context.stage, 'Stateful'), {
    env,
    stage: context.stage,
    consoleDomainPrefix: context.consoleDomainPrefix,
    terminationProtection: settings.terminationProtection,
    description: `pos-portal ${context.stage}: applications table, review queues, site bucket, phone-hash key (data; retained)`,
  });

  const edge = context.waf
    ? new EdgeStack(app, stackName(context.stage, 'Edge'), {
        env: { account: context.account, region: 'us-east-1' },
        requestsPer5Minutes: context.wafRequestsPer5Minutes,
        terminationProtection: settings.terminationProtection,
        description: `pos-portal ${context.stage}: WAF web ACL for CloudFront (us-east-1)`,
      })
    : undefined;

  const stateless = new StatelessStack(app, stackName(context.stage, 'Stateless'), {
    env,
    context,
    settings,
    terminationProtection: settings.terminationProtection,
    description: `pos-portal ${context.stage}: functions, HTTP API, CloudFront, alarms (rebuildable from git)`,
    applicationsTable: stateful.applicationsTable,
    reviewQueue: stateful.reviewQueue,
    reviewDeadLetterQueue: stateful.reviewDeadLetterQueue,
    expiryDeadLetterQueue: stateful.expiryDeadLetterQueue,
    siteBucket: stateful.siteBucket,
    appSecret: stateful.appSecret,
    consoleUserPool: stateful.consoleUserPool,
    webAclArn: edge?.webAclArn,
  });

  const ci = new CiStack(app, stackName(context.stage, 'Ci'), {
    env,
    stage: context.stage,
    repository: context.ci.repository,
    createOidcProvider: context.ci.createOidcProvider,
    stateful,
    stateless,
    terminationProtection: settings.terminationProtection,
    description: `pos-portal ${context.stage}: the role GitHub Actions assumes through OIDC (deployed by an admin, not by CI)`,
  });

  Tags.of(app).add('project', 'pos-portal');
  Tags.of(app).add('stage', context.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, context, stateful, stateless, edge, ci };
}
