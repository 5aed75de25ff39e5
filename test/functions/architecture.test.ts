/**
 * The dependency rules the README states, checked on the source: only adapters import the AWS SDK, and the domain's
 * modules import each other without cycles (records.ts holds the records, ports.ts only interfaces over them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const functionsDir = fileURLToPath(new URL('../../functions/', import.meta.url));
const sourceFiles = (readdirSync(functionsDir, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).map((file) => join(functionsDir, file));
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'";]*?from '([^']+)'/gm)].map((match) => match[1]!);

describe('functions/', () => {
  it('imports @aws-sdk/* only in adapters', () => {
    const offenders = sourceFiles
      .filter((file) => !relative(functionsDir, file).startsWith('adapters/'))
      .filter((file) => importsOf(file).some((specifier) => specifier.startsWith('@aws-sdk/')))
      .map((file) => relative(functionsDir, file));
    expect(offenders).toEqual([]);
  });

  it('has no import cycles inside domain/, type-only imports included', () => {
    const domainDir = join(functionsDir, 'domain');
    const domainFiles = sourceFiles.filter((file) => dirname(file) === domainDir);
    const edges = new Map(
      domainFiles.map((file) => [
        file,
        importsOf(file)
          .map((specifier) => (specifier.startsWith('#domain/') ? join(domainDir, specifier.slice('#domain/'.length)) : specifier.startsWith('.') ? resolve(dirname(file), specifier) : undefined))
          .filter((target): target is string => target !== undefined && dirname(target) === domainDir),
      ]),
    );
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (path.includes(file)) {
        cycles.push([...path.slice(path.indexOf(file)), file].map((step) => relative(domainDir, step)).join(' → '));
        return;
      }
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
    };
    for (const file of domainFiles) visit(file, []);
    expect(cycles).toEqual([]);
    expect(edges.get(join(domainDir, 'ports.ts'))).toContain(join(domainDir, 'records.ts'));
  });
});
