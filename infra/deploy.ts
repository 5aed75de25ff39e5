/**
 * `npm run deploy -- -c stage=prod -c domainName=pos.example.com -c certificateArn=arn:aws:acm:us-east-1:… -c privacyContact=privacy@example.com`
 *
 * Builds the site for the address it will be served from, then runs `cdk deploy --all` with the same arguments.
 * The site bakes its public origin (canonical URLs, sitemap, RSS, JSON-LD) and the privacy contact into static HTML
 * at build time, so they must be known before the build: for `stage=prod` both are required, and the whole command
 * line is checked against the CDK context rules (infra/config.ts) before minutes go into building.
 * In `dev` without them the site keeps its build defaults (site/src/site-settings.ts): canonical URLs point at the
 * local origin rather than the CloudFront address, and the privacy page names a placeholder mailbox; fine for trying
 * changes, never for merchants.
 */
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import * as z from 'zod';
import { InvalidDeploymentContextError, parseDeploymentContext, type DeploymentContext, type Stage } from './config.ts';

/** A command line that cannot be deployed; the message says what to add or fix. */
export class DeployUsageError extends Error {}

export interface DeployPlan {
  readonly stage: Stage;
  /** Variables the site build reads; an absent one means the site's own default. */
  readonly siteBuild: { readonly SITE_URL?: string; readonly PRIVACY_CONTACT_EMAIL?: string };
  /** Arguments for the cdk CLI: `deploy --all` and everything the operator gave, unchanged. */
  readonly cdkArguments: readonly string[];
}

const CONTEXT_FLAGS = new Set(['-c', '--context']);

/** The `-c key=value` (also `--context key=value`, `--context=key=value`) pairs among CLI arguments; a later key wins, as in cdk. */
export function contextArguments(args: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    let pair: string | undefined;
    if (CONTEXT_FLAGS.has(arg)) {
      pair = args[++index];
      if (pair === undefined || pair.startsWith('-')) throw new DeployUsageError(`${arg} needs a key=value after it`);
    } else if (arg.startsWith('--context=')) {
      pair = arg.slice('--context='.length);
    } else {
      continue;
    }
    const separator = pair.indexOf('=');
    if (separator <= 0) throw new DeployUsageError(`context "${pair}" must be key=value, e.g. -c stage=prod`);
    context[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return context;
}

const privacyContactSchema = z.email();

/** Check the command line and work out the site build's settings; throws DeployUsageError listing every problem. */
export function planDeployment(args: readonly string[]): DeployPlan {
  const raw = contextArguments(args);
  const problems: string[] = [];
  let context: DeploymentContext | undefined;
  try {
    context = parseDeploymentContext(raw);
  } catch (error) {
    if (!(error instanceof InvalidDeploymentContextError)) throw error;
    problems.push(...error.problems);
  }

  const privacyContact = raw.privacyContact;
  if (privacyContact !== undefined && !privacyContactSchema.safeParse(privacyContact).success) {
    problems.push(`-c privacyContact: "${privacyContact}" is not an e-mail address`);
  }
  if ((context?.stage ?? raw.stage) === 'prod') {
    if (raw.domainName === undefined) {
      problems.push('-c domainName=<host> (with -c certificateArn=<us-east-1 ACM ARN>) is required for stage=prod: canonical URLs, sitemap and RSS must name the public address');
    }
    if (privacyContact === undefined) {
      problems.push('-c privacyContact=<e-mail> is required for stage=prod: the privacy page must name the mailbox that answers data requests');
    }
  }
  if (problems.length > 0 || context === undefined) {
    throw new DeployUsageError(`Cannot deploy:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }

  return {
    stage: context.stage,
    siteBuild: {
      ...(context.domainName !== undefined && { SITE_URL: `https://${context.domainName}` }),
      ...(privacyContact !== undefined && { PRIVACY_CONTACT_EMAIL: privacyContact }),
    },
    cdkArguments: ['deploy', ...(args.includes('--all') ? [] : ['--all']), ...args],
  };
}

/**
 * Environment for the build and the deployment: the caller's, with SITE_URL and PRIVACY_CONTACT_EMAIL taken only from
 * the command line, so a value left in the operator's shell cannot end up in the published pages.
 */
export function deployEnvironment(plan: DeployPlan, inherited: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { SITE_URL: _siteUrl, PRIVACY_CONTACT_EMAIL: _privacyContact, ...rest } = inherited;
  return { ...rest, ...plan.siteBuild };
}

/** Run a command with the terminal attached; its exit code (128 + signal number when it was killed). */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.error) throw result.error;
  if (result.status !== null) return result.status;
  return 128 + (result.signal ? constants.signals[result.signal] : 0);
}

if (import.meta.main) {
  let plan: DeployPlan;
  try {
    plan = planDeployment(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof DeployUsageError)) throw error;
    console.error(`npm run deploy: ${error.message}\n\nUsage: npm run deploy -- -c stage=prod -c domainName=<host> -c certificateArn=<arn> -c opsEmail=<e-mail> -c privacyContact=<e-mail> [other cdk options]`);
    process.exit(2);
  }
  console.error(
    `Building the site for ${plan.stage}: SITE_URL=${plan.siteBuild.SITE_URL ?? '(site default)'}, ` +
      `PRIVACY_CONTACT_EMAIL=${plan.siteBuild.PRIVACY_CONTACT_EMAIL ?? '(site default)'}`,
  );
  const env = deployEnvironment(plan, process.env);
  const built = run('npm', ['run', 'build'], env);
  if (built !== 0) process.exit(built);
  process.exit(run('cdk', plan.cdkArguments, env));
}
