/**
 * The synthesized CDK app that the cold-start and cost sections read: infra/cdk.out when it is newer than every
 * source it is built from, otherwise a fresh `cdk synth` into a temporary folder (once per run; infra/cdk.out is
 * never written, other people synthesize into it too).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { stackTemplatesOf } from '../support/cloud-assembly.ts';
import { createWorkspace, linkRepositoryPackages, repoPath, runMeasured, type Workspace } from './processes.ts';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface Assembly {
  dir: string;
  /** Where it came from, for the report. */
  origin: string;
  templates: { stack: string; resources: Record<string, CfnResource> }[];
}

const SOURCES = ['functions', 'infra', 'package-lock.json', 'cdk.json'];
const DEFAULT_ASSEMBLY = repoPath('infra/cdk.out');

let assembly: Promise<Assembly> | undefined;
let synthWorkspace: Workspace | undefined;

export function synthesizedAssembly(): Promise<Assembly> {
  assembly ??= locateOrSynthesize();
  return assembly;
}

/** Remove the temporary synth output, if this run made one. */
export async function disposeAssembly(): Promise<void> {
  await synthWorkspace?.remove();
  synthWorkspace = undefined;
  assembly = undefined;
}

async function locateOrSynthesize(): Promise<Assembly> {
  const manifest = path.join(DEFAULT_ASSEMBLY, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestSourceChange()) {
    return read(DEFAULT_ASSEMBLY, 'infra/cdk.out, newer than every source file');
  }
  synthWorkspace = await createWorkspace('synth');
  const dir = path.join(synthWorkspace.dir, 'cdk.out');
  await runMeasured('npx', ['cdk', 'synth', '--quiet', '--output', dir], { label: 'cdk synth' });
  // Bundles keep the AWS SDK external (the Lambda runtime provides it); here the repository's copy stands in.
  await linkRepositoryPackages(synthWorkspace.dir);
  return read(dir, 'a `cdk synth` made for this run, because infra/cdk.out was missing or older than the sources');
}

/** Only the stacks the manifest lists (see test/support/cloud-assembly.ts). */
function read(dir: string, origin: string): Assembly {
  const templates = stackTemplatesOf(dir).map(({ stack, template }) => ({ stack, resources: template.Resources ?? {} }));
  return { dir, origin, templates };
}

function newestSourceChange(): number {
  let newest = 0;
  const visit = (file: string) => {
    if (file === DEFAULT_ASSEMBLY) return;
    const stats = statSync(file);
    newest = Math.max(newest, stats.mtimeMs);
    if (stats.isDirectory()) for (const entry of readdirSync(file)) visit(path.join(file, entry));
  };
  for (const source of SOURCES) if (existsSync(repoPath(source))) visit(repoPath(source));
  return newest;
}

/** Every resource of `type` over all stacks. */
export function resourcesOfType(assembly: Assembly, type: string): (CfnResource & { logicalId: string; stack: string })[] {
  return assembly.templates.flatMap(({ stack, resources }) =>
    Object.entries(resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ ...resource, logicalId, stack })),
  );
}
