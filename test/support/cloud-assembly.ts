/**
 * The stacks of a synthesized cloud assembly, as its manifest lists them. Never the folder's `*.template.json`
 * files: a folder synthesized into more than once keeps templates of stacks that no longer exist (another stage, a
 * renamed stack), and counting those would, for one, double the cost estimate.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface StackTemplate {
  /** The stack's artifact id (its name, e.g. `PosPortal-dev-Stateless`). */
  stack: string;
  template: { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>; [section: string]: unknown };
}

export function stackTemplatesOf(assemblyDir: string): StackTemplate[] {
  const manifest = JSON.parse(readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  return Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile)
    .map(([stack, artifact]) => ({
      stack,
      template: JSON.parse(readFileSync(path.join(assemblyDir, artifact.properties!.templateFile!), 'utf8')) as StackTemplate['template'],
    }));
}
