/**
 * Global setup for the `infra` project: synthesize the whole app ONCE per test run (esbuild bundling included; slow
 * on two cores) into a temporary cloud assembly, and hand its location to every test file through `inject`.
 * A failed synth (e.g. cdk-nag finding an unacknowledged error) is recorded rather than thrown, so the nag test
 * can report it while the other tests still read the templates that were written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesizeApp, testDeploymentContext } from './app-under-test.ts';

export default function setup(project: TestProject): () => void {
  const workDirectory = mkdtempSync(join(tmpdir(), 'pos-portal-infra-'));
  const outdir = join(workDirectory, 'cdk.out');
  const started = Date.now();
  const { error } = synthesizeApp({ outdir, context: { ...testDeploymentContext } });
  project.provide('infraAssembly', { outdir, synthError: error, synthMilliseconds: Date.now() - started });
  return () => rmSync(workDirectory, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    infraAssembly: { outdir: string; synthError: string | undefined; synthMilliseconds: number };
  }
}
