import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { contextArguments, deployEnvironment, planDeployment } from '../../infra/deploy.ts';

const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const prodArgs = ['-c', 'stage=prod', '-c', 'domainName=pos.example.com', '-c', `certificateArn=${certificateArn}`, '-c', 'opsEmail=ops@example.com', '-c', 'privacyContact=privacy@example.com'];

describe('contextArguments', () => {
  it('reads -c, --context and --context= pairs, the later key winning, and skips other cdk options', () => {
    const context = contextArguments(['-c', 'stage=dev', '--profile', 'ops', '--context', 'opsEmail=ops@example.com', '--context=stage=prod', '--require-approval', 'never']);

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
  it('builds prod for its domain and privacy contact, and deploys every stack with the same arguments', () => {
    const plan = planDeployment([...prodArgs, '--profile', 'ops']);

    expect(plan.stage).toBe('prod');
    expect(plan.siteBuild).toEqual({ SITE_URL: 'https://pos.example.com', PRIVACY_CONTACT_EMAIL: 'privacy@example.com' });
    expect(plan.cdkArguments).toEqual(['deploy', '--all', ...prodArgs, '--profile', 'ops']);
  });

  it('refuses prod without a domain or a privacy contact, naming both', () => {
    const attempt = () => planDeployment(['-c', 'stage=prod']);

    expect(attempt).toThrow(/-c domainName=<host>.*required for stage=prod/);
    expect(attempt).toThrow(/-c privacyContact=<e-mail> is required for stage=prod/);
  });

  it('refuses prod with a domain but no privacy contact', () => {
    expect(() => planDeployment(prodArgs.slice(0, -2))).toThrow('-c privacyContact=<e-mail> is required');
  });

  it.each([
    [['-c', 'stage=prod', '-c', 'domainName=pos.example.com', '-c', 'privacyContact=privacy@example.com'], 'domainName and certificateArn go together'],
    [[...prodArgs.slice(0, -1), 'privacyContact=privacy'], '-c privacyContact: "privacy" is not an e-mail address'],
    [['-c', 'stage=production'], '-c stage'],
  ])('refuses %j before building anything', (args, message) => {
    expect(() => planDeployment(args)).toThrow(message);
  });

  it('reports every problem at once, CDK context and site settings alike', () => {
    const attempt = () => planDeployment(['-c', 'stage=prod', '-c', 'domainName=pos.example.com', '-c', 'privacyContact=privacy']);

    expect(attempt).toThrow(/-c domainName: domainName and certificateArn go together[\s\S]*-c privacyContact: "privacy" is not an e-mail address/);
  });

  it("builds dev with the site's defaults unless a domain or contact is given", () => {
    expect(planDeployment([]).siteBuild).toEqual({});
    expect(planDeployment(['-c', 'stage=dev']).siteBuild).toEqual({});
    expect(planDeployment(['-c', 'privacyContact=dev@example.com']).siteBuild).toEqual({ PRIVACY_CONTACT_EMAIL: 'dev@example.com' });
  });

  it('does not add a second --all', () => {
    expect(planDeployment(['--all']).cdkArguments).toEqual(['deploy', '--all']);
  });
});

describe('deployEnvironment', () => {
  it('takes the site settings from the command line only, never from the shell', () => {
    const inherited = { PATH: '/bin', SITE_URL: 'https://stale.example.com', PRIVACY_CONTACT_EMAIL: 'stale@example.com' };

    expect(deployEnvironment(planDeployment(['-c', 'stage=dev']), inherited)).toEqual({ PATH: '/bin' });
    expect(deployEnvironment(planDeployment(prodArgs), inherited)).toEqual({
      PATH: '/bin',
      SITE_URL: 'https://pos.example.com',
      PRIVACY_CONTACT_EMAIL: 'privacy@example.com',
    });
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
      writeFileSync(file, `#!/bin/sh\nprintf '%s|%s|%s\\n' "$*" "$SITE_URL" "$PRIVACY_CONTACT_EMAIL" >> "${bin}/calls"\nexit ${code}\n`);
      chmodSync(file, 0o755);
    }
    const result = spawnSync(process.execPath, [script, ...args], {
      env: { PATH: `${bin}${delimiter}${process.env.PATH}`, SITE_URL: 'https://stale.example.com' },
      encoding: 'utf8',
    });
    const calls = (() => {
      try {
        return readFileSync(join(bin, 'calls'), 'utf8').trim().split('\n');
      } catch {
        return [];
      }
    })();
    return { status: result.status, stderr: result.stderr, calls };
  }

  it('builds with the prod settings, then deploys with the same arguments and exits with cdk’s code', () => {
    const { status, calls } = deploy(prodArgs, { npm: 0, cdk: 3 });

    expect(calls).toEqual([
      'run build|https://pos.example.com|privacy@example.com',
      `deploy --all ${prodArgs.join(' ')}|https://pos.example.com|privacy@example.com`,
    ]);
    expect(status).toBe(3);
  });

  it('stops with the build’s exit code when the build fails, deploying nothing', () => {
    const { status, calls } = deploy(['-c', 'stage=dev'], { npm: 5, cdk: 0 });

    expect(calls).toEqual(['run build||']);
    expect(status).toBe(5);
  });

  it('runs nothing and exits 2 with the reason when prod settings are missing', () => {
    const { status, stderr, calls } = deploy(['-c', 'stage=prod'], { npm: 0, cdk: 0 });

    expect(calls).toEqual([]);
    expect(status).toBe(2);
    expect(stderr).toContain('-c privacyContact=<e-mail> is required for stage=prod');
  });
});
