import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { localSettingKeys, localSettingsFrom, REPOSITORY_ROOT } from '../../../functions/local/local-environment.ts';

describe('localSettingsFrom (the variables npm start passes to the handlers)', () => {
  it('keeps the documented configuration variables that are set, and nothing else', () => {
    const settings = localSettingsFrom({
      RATE_LIMIT_PER_IP_PER_MINUTE: '1000',
      SITE_ORIGIN: 'http://127.0.0.1:4321',
      PATH: '/usr/bin',
      APPLICATIONS_TABLE_NAME: 'x',
    });

    expect(settings).toEqual({ RATE_LIMIT_PER_IP_PER_MINUTE: '1000', SITE_ORIGIN: 'http://127.0.0.1:4321' });
    expect(localSettingKeys).toContain('STATUS_MISSES_PER_REFERENCE_PER_DAY');
  });

  it('refuses a bad value with an error naming the variable', () => {
    expect(() => localSettingsFrom({ RATE_LIMIT_PER_IP_PER_MINUTE: 'lots', RETENTION_DAYS: '0' })).toThrow(
      /RATE_LIMIT_PER_IP_PER_MINUTE: must be a whole number of at least 1; RETENTION_DAYS: must be a whole number/,
    );
  });

  it('npm start stops at once on a bad value, before starting anything, and says which variable', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, RATE_LIMIT_PER_IP_PER_MINUTE: 'lots', PORT: '0', DYNAMODB_PORT: '0', SQS_PORT: '0' };
    const failure = await run(process.execPath, ['functions/local/start.ts', '--no-build', '--in-memory'], { cwd: REPOSITORY_ROOT, env, timeout: 20_000 }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );

    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/npm start failed: Invalid configuration: RATE_LIMIT_PER_IP_PER_MINUTE: must be a whole number of at least 1/);
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
