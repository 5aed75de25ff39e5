/**
 * Helpers shared by the site tests: fixture paths, reading fixture YAML the way the content check does, and
 * turning fixture product files into collection-like entries for component tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { productSchema } from '../../site/src/content-schemas.ts';
import type { Brand, ModelWithBrand } from '../../site/src/lib/products.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixturesDir = path.join(repoRoot, 'test/site/fixtures');
export const goodContent = path.join(fixturesDir, 'good');
export const badContent = path.join(fixturesDir, 'bad');

/** A fixed "today" so the age of fixture figures never depends on the calendar. */
export const TODAY = new Date('2026-11-25T00:00:00Z');

export function readYaml(file: string): unknown {
  return parse(readFileSync(file, 'utf8'));
}

/** 1-based line of the first line in `file` containing `marker` (so tests survive fixture edits). */
export function lineOf(file: string, marker: string): number {
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(marker));
  if (index === -1) throw new Error(`${marker} not found in ${file}`);
  return index + 1;
}

/** A fixture brand parsed by the real schema, shaped like an entry of the `products` collection. */
export function fixtureBrand(id: string): Brand {
  const data = productSchema.parse(readYaml(path.join(goodContent, 'products', `${id}.yaml`)));
  return { id, collection: 'products', data } as Brand;
}

export function fixtureModels(...brandIds: string[]): ModelWithBrand[] {
  return brandIds.map(fixtureBrand).flatMap((brand) => brand.data.models.map((model) => ({ ref: `${brand.id}/${model.id}`, brand, model })));
}

/** Visible text of an HTML fragment, tags removed and whitespace collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
