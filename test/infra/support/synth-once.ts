/**
 * Global setup for the `infra` project: synthesize the whole app ONCE per test run (esbuild bundling included; slow
 * on two cores) into a temporary cloud assembly, and hand its location to every test file through `inject`.
 * A failed synth (e.g. cdk-nag finding an unacknowledged error) is recorded rather than thrown, so the nag test
 * can report it while the other tests still read the templates that were written.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesizeApp, testDeploymentContext } from './app-under-test.ts';

export default function setup(project: TestProject): () => void {
  const workDirectory = mkdtempSync(join(tmpdir(), 'pos-portal-infra-'));
  const outdir = join(workDirectory, 'cdk.out');
  // A tiny stand-in for site/dist, so the test never depends on whether someone has built the site.
  const siteDist = join(workDirectory, 'site-dist');
  mkdirSync(join(siteDist, 'articles', 'example'), { recursive: true });
  writeFileSync(join(siteDist, 'index.html'), '<!doctype html><title>pos-portal</title>');
  writeFileSync(join(siteDist, '404.html'), '<!doctype html><title>404</title>');
  writeFileSync(join(siteDist, 'articles', 'example', 'index.html'), '<!doctype html><title>article</title>');

  const started = Date.now();
  const { error } = synthesizeApp({ outdir, context: { ...testDeploymentContext, siteDist } });
  project.provide('infraAssembly', { outdir, synthError: error, synthMilliseconds: Date.now() - started });
  return () => rmSync(workDirectory, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    infraAssembly: { outdir: string; synthError: string | undefined; synthMilliseconds: number };
  }
}
