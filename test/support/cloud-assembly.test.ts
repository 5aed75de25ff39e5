import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stackTemplatesOf } from './cloud-assembly.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'assembly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stackTemplatesOf (what the cost bench and the template checks read)', () => {
  it('reads the stacks the manifest lists, never a stale template left in the folder by an earlier synth', () => {
    const template = (type: string) => JSON.stringify({ Resources: { Thing: { Type: type } } });
    writeFileSync(path.join(dir, 'PosPortal-dev-Stateless.template.json'), template('AWS::Lambda::Function'));
    writeFileSync(path.join(dir, 'PosPortal-prod-Stateless.template.json'), template('AWS::KMS::Key'));
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          'PosPortal-dev-Stateless': { type: 'aws:cloudformation:stack', properties: { templateFile: 'PosPortal-dev-Stateless.template.json' } },
          Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
        },
      }),
    );

    const stacks = stackTemplatesOf(dir);

    expect(stacks.map(({ stack, template }) => [stack, Object.values(template.Resources ?? {}).map((r) => r.Type)])).toEqual([
      ['PosPortal-dev-Stateless', ['AWS::Lambda::Function']],
    ]);
  });
});
