/**
 * Dependencies run one way: site/ imports functions/ (the page shell, the forms, the domain), never the reverse.
 * Every module under functions/ is scanned for its imports (static, dynamic, re-exports), resolved through relative
 * paths and package.json's `imports` aliases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const functionsDir = path.join(repoRoot, 'functions');
const siteDir = path.join(repoRoot, 'site');
const aliases = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { imports: Record<string, string> }).imports;

/** Every TypeScript or JavaScript module under `dir`. */
function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(?:[cm]?ts|[cm]?js)$/.test(file) && !file.endsWith('.d.ts') && !file.split(path.sep).includes('node_modules'))
    .map((file) => path.join(dir, file));
}

/** Where a specifier points on disk, or undefined for a package (`zod/mini`, `node:fs`, `@aws-sdk/…`). */
function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) return path.resolve(path.dirname(fromFile), specifier);
  if (specifier.startsWith('/')) return specifier;
  if (specifier.startsWith('#')) {
    for (const [pattern, target] of Object.entries(aliases)) {
      const prefix = pattern.replace(/\*$/, '');
      if (pattern.endsWith('*') ? specifier.startsWith(prefix) : specifier === pattern) {
        return path.resolve(repoRoot, target.replace(/\*$/, specifier.slice(prefix.length)));
      }
    }
  }
  return undefined;
}

/** The modules `source` (the text of `file`) imports from site/. */
function importsIntoSite(file: string, source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => {
      const resolved = resolveSpecifier(file, specifier);
      return resolved !== undefined && (resolved === siteDir || resolved.startsWith(siteDir + path.sep));
    });
}

describe('dependency direction', () => {
  it('finds imports into site/ however they are written', () => {
    const file = path.join(functionsDir, 'http', 'example.ts');
    const source = [
      "import { SITE_NAME } from '../../site/src/consts.ts';",
      "export { NAV_LINKS } from '../../site/src/consts.ts';",
      "const lazy = await import('../../site/src/lib/format.ts');",
      "import type { Brand } from '../../site/src/lib/products.ts';",
      "import { brands } from '#domain/application.ts';",
      "import { renderSiteHeader } from './page-shell.ts';",
      "import * as z from 'zod/mini';",
    ].join('\n');

    expect(importsIntoSite(file, source)).toEqual([
      '../../site/src/consts.ts',
      '../../site/src/consts.ts',
      '../../site/src/lib/format.ts',
      '../../site/src/lib/products.ts',
    ]);
  });

  it('nothing under functions/ imports from site/', () => {
    const modules = modulesUnder(functionsDir);
    const offenders = modules.flatMap((file) =>
      importsIntoSite(file, readFileSync(file, 'utf8')).map((specifier) => `${path.relative(repoRoot, file)} → ${specifier}`),
    );

    expect(modules.length).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });
});
