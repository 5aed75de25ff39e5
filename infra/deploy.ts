/**
 * `npm run deploy -- --stage prod [other cdk options]`
 *
 * One pass, every time the same: every setting comes from the stage file (functions/deployment/stages.ts), so no flag
 * can be forgotten. It deploys the stage's stacks (`cdk deploy`, which also writes the console's sign-in settings to
 * /console/config.json with the Cognito values resolved at deploy time), then publishes the site built for the
 * deployed address (`npm run publish`, which reads the stack outputs). A `-c key=value` that contradicts the stage
 * file, or a prod setting that is still a placeholder, stops it before anything runs.
 *
 * The CI stack (GitHub OIDC role, infra/stacks/ci-stack.ts) is not part of it: a person with admin rights deploys
 * that once per account (`npx cdk deploy PosPortal-<stage>-Ci -c stage=<stage>`), so CI can never widen its own trust.
 */
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { stackName } from '../functions/deployment/stack-outputs.ts';
import { placeholderSettings, stages, type StageName, type StageSettings } from '../functions/deployment/stages.ts';
import { InvalidDeploymentContextError, parseDeploymentContext } from './config.ts';

/** A command line that cannot be deployed; the message says what to add or fix. */
export class DeployUsageError extends Error {}

export interface DeployPlan {
  readonly stage: StageName;
  /** Arguments for the cdk CLI: `deploy`, the stage's stacks, `-c stage=…` and the operator's other options. */
  readonly cdkArguments: readonly string[];
  /** Arguments for npm after the stacks are deployed: build and publish the site. */
  readonly publishArguments: readonly string[];
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

/** `--stage prod` / `--stage=prod` taken out of the arguments; the rest goes to cdk unchanged. */
function takeStageOption(args: readonly string[]): { stage: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let stage: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--stage') {
      stage = args[++index];
      if (stage === undefined || stage.startsWith('-')) throw new DeployUsageError('--stage needs dev or prod after it');
    } else if (arg.startsWith('--stage=')) {
      stage = arg.slice('--stage='.length);
    } else {
      rest.push(arg);
    }
  }
  return { stage, rest };
}

/** The arguments without their `-c stage=…` pairs (the plan adds exactly one). */
function withoutStageContext(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (CONTEXT_FLAGS.has(arg) && args[index + 1]?.startsWith('stage=')) index++;
    else if (!arg.startsWith('--context=stage=')) kept.push(arg);
  }
  return kept;
}

/** Check the command line against the stage file; throws DeployUsageError listing every problem. */
export function planDeployment(args: readonly string[], stageFile: Record<StageName, StageSettings> = stages): DeployPlan {
  const { stage: stageOption, rest } = takeStageOption(args);
  const raw = contextArguments(rest);
  if (stageOption !== undefined && raw.stage !== undefined && stageOption !== raw.stage) {
    throw new DeployUsageError(`Cannot deploy:\n  --stage ${stageOption} and -c stage=${raw.stage} disagree`);
  }
  const stageName = stageOption ?? raw.stage;
  if (stageName === undefined) throw new DeployUsageError('Cannot deploy:\n  --stage dev|prod is required');
  const problems: string[] = [];
  let context;
  try {
    context = parseDeploymentContext({ ...raw, stage: stageName }, stageFile);
  } catch (error) {
    if (!(error instanceof InvalidDeploymentContextError)) throw error;
    problems.push(...error.problems);
  }
  if (context?.stage === 'prod') {
    problems.push(
      ...placeholderSettings(stageFile.prod).map(
        (key) => `prod.${key} in functions/deployment/stages.ts is still a placeholder: fill in the real value before deploying`,
      ),
    );
  }
  if (problems.length > 0 || context === undefined) {
    throw new DeployUsageError(`Cannot deploy:\n${[...new Set(problems)].map((problem) => `  ${problem}`).join('\n')}`);
  }
  const stacks = [stackName(context.stage, 'Stateful'), ...(context.waf ? [stackName(context.stage, 'Edge')] : []), stackName(context.stage, 'Stateless')];
  return {
    stage: context.stage,
    cdkArguments: ['deploy', ...stacks, '-c', `stage=${context.stage}`, ...withoutStageContext(rest)],
    publishArguments: ['run', 'publish', '--', '--stage', context.stage],
  };
}

/** Run a command with the terminal attached; its exit code (128 + signal number when it was killed). */
function run(command: string, args: readonly string[]): number {
  const result = spawnSync(command, args, { stdio: 'inherit' });
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
    console.error(
      `npm run deploy: ${error.message}\n\nUsage: npm run deploy -- --stage dev|prod [other cdk options] (settings: functions/deployment/stages.ts)`,
    );
    process.exit(2);
  }
  console.error(`Deploying ${plan.stage}: cdk ${plan.cdkArguments.join(' ')}, then npm ${plan.publishArguments.join(' ')}`);
  const deployed = run('cdk', plan.cdkArguments);
  if (deployed !== 0) process.exit(deployed);
  process.exit(run('npm', plan.publishArguments));
}
