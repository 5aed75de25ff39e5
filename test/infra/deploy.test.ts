import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { stages } from '../../functions/deployment/stages.ts';
import { contextArguments, planDeployment } from '../../infra/deploy.ts';
import { filledProd } from '../support/stage-fixtures.ts';

/** The committed file with real-looking prod values (the committed prod still holds placeholders). */
const filledStages = { ...stages, prod: filledProd };

describe('contextArguments', () => {
  it('reads -c, --context and --context= pairs, the later key winning, and skips other cdk options', () => {
    const context = contextArguments([
      '-c',
      'stage=dev',
      '--profile',
      'ops',
      '--context',
      'opsEmail=ops@example.com',
      '--context=stage=prod',
      '--require-approval',
      'never',
    ]);

    expect(context).toEqual({ stage: 'prod', opsEmail: 'ops@example.com' });
  });

  it('keeps "=" inside values', () => {
    expect(contextArguments(['-c', 'note=a=b'])).toEqual({ note: 'a=b' });
  });

  it.each([
    [['-c'], '-c needs a key=value'],
    [['-c', '--all'], '-c needs a key=value'],
    [['-c', 'stage'], 'must be key=value'],
    [['--context==prod'], 'must be key=value'],
  ])('refuses %j', (args, message) => {
    expect(() => contextArguments(args)).toThrow(message);
  });
});

describe('planDeployment', () => {
  it("deploys the stage's stacks with -c stage only, keeps other cdk options, then publishes", () => {
    const plan = planDeployment(['--stage', 'prod', '--profile', 'ops'], filledStages);

    expect(plan.stage).toBe('prod');
    expect(plan.cdkArguments).toEqual([
      'deploy',
      'PosPortal-prod-Stateful',
      'PosPortal-prod-Edge',
      'PosPortal-prod-Stateless',
      '-c',
      'stage=prod',
      '--profile',
      'ops',
    ]);
    expect(plan.publishArguments).toEqual(['run', 'publish', '--', '--stage', 'prod']);
  });

  it('accepts the older -c stage=… spelling and a -c value that repeats the file', () => {
    const plan = planDeployment(['-c', 'stage=dev', '-c', 'waf=false'], filledStages);

    expect(plan.cdkArguments).toEqual(['deploy', 'PosPortal-dev-Stateful', 'PosPortal-dev-Stateless', '-c', 'stage=dev', '-c', 'waf=false']);
  });

  it.each([
    [['--stage', 'prod', '-c', 'waf=false'], '-c waf=false contradicts functions/deployment/stages.ts, where prod.waf is true'],
    [['--stage', 'prod', '-c', 'domainName=other.example.org'], 'prod.domainName is pos.shop-pos.cn'],
    [['--stage', 'dev', '-c', 'stage=prod'], '--stage dev and -c stage=prod disagree'],
    [['--stage', 'production'], '-c stage: must be one of dev, prod'],
    [[], '--stage dev|prod is required'],
    [['--stage'], '--stage needs dev or prod'],
  ])('refuses %j before anything runs, naming the setting', (args, message) => {
    expect(() => planDeployment(args, filledStages)).toThrow(message);
  });

  it('refuses the committed prod while it still holds placeholders, naming each', () => {
    const attempt = () => planDeployment(['--stage', 'prod']);

    expect(attempt).toThrow(/prod.domainName in functions\/deployment\/stages.ts is still a placeholder/);
    expect(attempt).toThrow(/prod.opsEmail .* placeholder/);
    expect(attempt).toThrow(/prod.privacyContact .* placeholder/);
  });

  it('deploys the committed dev as it is', () => {
    expect(planDeployment(['--stage', 'dev']).cdkArguments).toEqual(['deploy', 'PosPortal-dev-Stateful', 'PosPortal-dev-Stateless', '-c', 'stage=dev']);
  });
});

describe('npm run deploy (with stand-ins for npm and cdk)', () => {
  const script = fileURLToPath(new URL('../../infra/deploy.ts', import.meta.url));
  let bin: string | undefined;
  afterEach(() => bin && rmSync(bin, { recursive: true, force: true }));

  /** Stand-in `npm` and `cdk` on PATH that record how they were called and exit with the given codes. */
  function deploy(args: string[], exitCodes: { npm: number; cdk: number }) {
    bin = mkdtempSync(join(tmpdir(), 'pos-portal-deploy-'));
    for (const [name, code] of Object.entries(exitCodes)) {
      const file = join(bin, name);
      writeFileSync(file, `#!/bin/sh\nprintf '%s %s\\n' "${name}" "$*" >> "${bin}/calls"\nexit ${code}\n`);
      chmodSync(file, 0o755);
    }
    const result = spawnSync(process.execPath, [script, ...args], { env: { PATH: `${bin}${delimiter}${process.env.PATH}` }, encoding: 'utf8' });
    const calls = (() => {
      try {
        return readFileSync(join(bin, 'calls'), 'utf8').trim().split('\n');
      } catch {
        return [];
      }
    })();
    return { status: result.status, stderr: result.stderr, calls };
  }

  it('deploys the stacks, then publishes the site, in one pass', () => {
    const { status, calls } = deploy(['--stage', 'dev'], { npm: 0, cdk: 0 });

    expect(calls).toEqual(['cdk deploy PosPortal-dev-Stateful PosPortal-dev-Stateless -c stage=dev', 'npm run publish -- --stage dev']);
    expect(status).toBe(0);
  });

  it("stops with cdk's exit code when the deployment fails, publishing nothing", () => {
    const { status, calls } = deploy(['--stage', 'dev'], { npm: 0, cdk: 3 });

    expect(calls).toEqual(['cdk deploy PosPortal-dev-Stateful PosPortal-dev-Stateless -c stage=dev']);
    expect(status).toBe(3);
  });

  it('runs nothing and exits 2 with the reason when a flag contradicts the stage file', () => {
    const { status, stderr, calls } = deploy(['--stage', 'dev', '-c', 'waf=true'], { npm: 0, cdk: 0 });

    expect(calls).toEqual([]);
    expect(status).toBe(2);
    expect(stderr).toContain('-c waf=true contradicts functions/deployment/stages.ts, where dev.waf is false');
  });
});
