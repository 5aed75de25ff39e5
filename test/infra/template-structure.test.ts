/**
 * Checks cfn-lint would make, cheaply, over every template of the cloud assembly: things CloudFormation only rejects
 * (or mis-resolves) at deploy time, which synth, cdk-nag and resource assertions do not notice.
 */
import { describe, expect, inject, it } from 'vitest';
import { stackTemplatesOf } from '../support/cloud-assembly.ts';

const { outdir } = inject('infraAssembly');
const templates = stackTemplatesOf(outdir).map(({ stack, template }) => [stack, template as Record<string, any>] as const);

/** Every value under `node` (depth first) with the path to it. */
function* walk(node: unknown, path: string): Generator<[unknown, string]> {
  yield [node, path];
  if (Array.isArray(node)) for (const [index, child] of node.entries()) yield* walk(child, `${path}[${index}]`);
  else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) yield* walk(child, `${path}.${key}`);
}

const intrinsicNames = (node: unknown) =>
  [...walk(node, '')].flatMap(([value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).filter((key) => key.startsWith('Fn::') || key === 'Ref') : [],
  );

describe('template structure (cfn-lint equivalents)', () => {
  it('reads every stack of the assembly', () => {
    expect(templates.map(([name]) => name).sort()).toEqual(expect.arrayContaining(['PosPortal-dev-Stateful', 'PosPortal-dev-Stateless']));
  });

  it.each(templates.map(([name, template]) => [name, template]))(
    '%s: no Fn::Split over a value only known at deploy time from another stack (E1017)',
    (_, template) => {
      const splits = [...walk(template, '')].filter(([value]) => value !== null && typeof value === 'object' && 'Fn::Split' in (value as object));
      const overStackOutputs = splits.filter(([value]) => intrinsicNames((value as { 'Fn::Split': unknown })['Fn::Split']).includes('Fn::GetStackOutput'));

      expect(overStackOutputs.map(([, path]) => path)).toEqual([]);
    },
  );

  it.each(templates.map(([name, template]) => [name, template]))(
    '%s: every Ref and Fn::GetAtt names a resource or parameter of the same template',
    (_, template) => {
      const known = new Set([...Object.keys(template.Resources ?? {}), ...Object.keys(template.Parameters ?? {})]);
      const dangling = [...walk(template, '')].flatMap(([value, path]) => {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
        const ref = (value as { Ref?: unknown }).Ref;
        const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
        const target = typeof ref === 'string' ? ref : Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
        return typeof target === 'string' && !target.startsWith('AWS::') && !known.has(target) ? [`${path} → ${target}`] : [];
      });

      expect(dangling).toEqual([]);
    },
  );
});
