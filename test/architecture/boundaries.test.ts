/**
 * The layer rules in .dependency-cruiser.cjs hold for the repository, and each of them fails on a planted wrong-way
 * import: a throwaway tree with one offending module per rule, checked with the same config and resolver settings.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const depcruise = path.join(repoRoot, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const config = path.join(repoRoot, '.dependency-cruiser.cjs');
const ruleNames: string[] = ((await import(config)) as { default: { forbidden: { name: string }[] } }).default.forbidden.map((rule) => rule.name);

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

async function violationsIn(cwd: string, targets: string[]): Promise<Violation[]> {
  const run = promisify(execFile);
  const args = [depcruise, '--config', config, '--output-type', 'json', ...targets];
  const { stdout } = await run(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({
    stdout: error.stdout ?? '',
  }));
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('layer rules (dependency-cruiser)', () => {
  it('hold for functions/, site/src/ and infra/', async () => {
    const violations = await violationsIn(repoRoot, ['functions', 'site/src', 'infra']);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  const plantDir = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
  afterAll(() => rmSync(plantDir, { recursive: true, force: true }));

  it('each rule fails on a planted wrong-way import', async () => {
    const plant = (file: string, source: string) => {
      mkdirSync(path.dirname(path.join(plantDir, file)), { recursive: true });
      writeFileSync(path.join(plantDir, file), source);
    };
    for (const file of ['package.json', 'tsconfig.json']) copyFileSync(path.join(repoRoot, file), path.join(plantDir, file));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(plantDir, 'node_modules'), 'dir');
    for (const target of [
      'functions/adapters/store.ts',
      'functions/http/request.ts',
      'functions/ops/format.ts',
      'infra/stack-outputs.ts',
      'site/src/consts.ts',
      'functions/domain/records.ts',
    ]) {
      plant(target, 'export const x = 1;\n');
    }
    plant('functions/domain/application.ts', "import { x } from '../adapters/store.ts';\nexport const y = x;\n");
    plant('functions/domain/cycle-a.ts', "import { b } from './cycle-b.ts';\nexport const a = b;\n");
    plant('functions/domain/cycle-b.ts', "import { a } from '#domain/cycle-a.ts';\nexport const b = () => a;\n");
    plant('functions/use-cases/submit.ts', "import { x } from '../http/request.ts';\nimport { r } from '#domain/records.ts';\nexport const y = [x, r];\n");
    plant('functions/handlers/status.ts', "import { SQSClient } from '@aws-sdk/client-sqs';\nexport const y = SQSClient;\n");
    plant('functions/http/console.ts', "import { x } from '../ops/format.ts';\nexport const y = x;\n");
    plant('functions/ops/target.ts', "import { x } from '../../infra/stack-outputs.ts';\nexport const y = x;\n");
    plant('functions/http/shell.ts', "import { x } from '../../site/src/consts.ts';\nexport const y = x;\n");
    plant('site/src/scripts/console.ts', "import { x } from '#functions/adapters/store.ts';\nexport const y = x;\n");
    plant('site/src/scripts/form.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n");

    const violations = await violationsIn(plantDir, ['functions', 'site/src', 'infra']);
    const broken = [...new Set(violations.map((v) => v.rule.name))].sort();
    expect(broken).toEqual([...ruleNames].sort());
    // The use case's import of the domain (through the alias) is allowed: only the wrong-way one is reported.
    expect(violations.filter((v) => v.from === 'functions/use-cases/submit.ts').map((v) => v.to)).toEqual(['functions/http/request.ts']);
  }, 60_000);
});
