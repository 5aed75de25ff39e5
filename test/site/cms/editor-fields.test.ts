/**
 * One set of rules. Every editor field is probed against the content schema field at the same path,
 * value by value around each limit, so a limit changed in one place and not the other fails here. The probe reads
 * neither side's configuration: it asks the editor field's own validate() and the schema's safeParse().
 */
import { describe, expect, test, vi } from 'vitest';
import type { z } from 'astro/zod';
import { fieldAt, isOptional, unwrap } from '../../../site/cms/schema-bounds.ts';
import { articleFrontmatterSchema, productSchema } from '../../../site/src/content-schemas.ts';

// The editor runs Keystatic's browser build (the Node build's slug field cannot validate outside React).
vi.mock('@keystatic/core', async () => import((await import('./keystatic-files.ts')).keystaticBrowserBuild('keystatic-core.js')));
vi.mock(
  '@keystatic/core/content-components',
  async () => import((await import('./keystatic-files.ts')).keystaticBrowserBuild('keystatic-core-content-components.js')),
);
const { default: editorConfig } = await import('../../../site/keystatic.config.ts');

type EditorField = Record<string, any>;

/** Every leaf form field and every list of the editor schema, with its path in the file (`[]` = each list item). */
function leaves(fields: Record<string, EditorField>, prefix: string[] = []): { path: string[]; field: EditorField }[] {
  return Object.entries(fields).flatMap(([key, field]) => walk(field, [...prefix, key]));
}
function walk(field: EditorField, path: string[]): { path: string[]; field: EditorField }[] {
  if (field.kind === 'object') return leaves(field.fields, path);
  if (field.kind === 'array') return [{ path, field }, ...walk(field.element, [...path, '[]'])];
  return [{ path, field }];
}

/** Keystatic's slug field (title + file name); its plain text fields share `formKind: 'slug'` but hold a string. */
const isSlugField = (field: EditorField) => field.formKind === 'slug' && typeof field.defaultValue() === 'object';

/** Whether the editor accepts `value` for this field (slug fields validate `{ name, slug }`; lists check their length). */
function editorAccepts(field: EditorField, value: unknown): boolean {
  try {
    if (field.kind === 'array') {
      const { min = 0, max = Infinity } = field.validation?.length ?? {};
      return (value as unknown[]).length >= min && (value as unknown[]).length <= max;
    }
    if (isSlugField(field)) field.validate({ name: value, slug: 'a-slug' });
    else field.validate(value);
    return true;
  } catch {
    return false;
  }
}

const TEXT_LENGTHS = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 19, 20, 21, 29, 30, 31, 39, 40, 41, 59, 60, 61, 79, 80, 81, 119, 120, 121, 199, 200, 201, 299, 300, 301, 599,
  600, 601,
];
const NUMBERS = [-1, 0, 0.01, 0.5, 1, 4.99, 5, 5.01, 20, 1899, 1900, 2100, 2101, 100000];
const LIST_LENGTHS = [0, 1, 2, 3, 4, 5, 6, 7];

/** Probe values for a schema field, as the file holds them and as the editor field holds them. */
function probes(schema: z.ZodType, field: EditorField): { inFile: unknown; inEditor: unknown; label: string }[] {
  const type = unwrap(schema)._zod.def.type;
  if (field.kind === 'array') {
    const element = (unwrap(schema)._zod.def as unknown as { element: z.ZodType }).element;
    const sample = unwrap(element)._zod.def.type === 'string' ? '一条示例文字' : undefined;
    return sample === undefined
      ? []
      : LIST_LENGTHS.map((length) => ({ inFile: Array(length).fill(sample), inEditor: Array(length).fill(sample), label: `${length} items` }));
  }
  if (type === 'array' && Array.isArray(field.options)) {
    const values = (field.options as { value: string }[]).map((option) => option.value);
    return LIST_LENGTHS.filter((length) => length <= values.length).map((length) => ({
      inFile: values.slice(0, length),
      inEditor: values.slice(0, length),
      label: `${length} chosen`,
    }));
  }
  if (type === 'string' && (isSlugField(field) || typeof field.defaultValue?.() === 'string') && !field.options) {
    return TEXT_LENGTHS.map((length) => ({ inFile: '字'.repeat(length), inEditor: '字'.repeat(length), label: `${length} characters` }));
  }
  if (type === 'number') {
    const figure = typeof field.defaultValue?.() === 'object' && field.defaultValue() !== null;
    return NUMBERS.map((value) => ({ inFile: value, inEditor: figure ? { unknown: false, amount: value } : value, label: String(value) }));
  }
  return [];
}

const cases = [
  { name: 'articles', schema: articleFrontmatterSchema, fields: editorConfig.collections!.articles!.schema },
  { name: 'products', schema: productSchema, fields: editorConfig.collections!.products!.schema },
];

describe.each(cases)('$name: editor fields follow the content schema', ({ schema, fields }) => {
  const compared = leaves(fields as Record<string, EditorField>)
    .filter(({ path }) => path.at(-1) !== 'body')
    .map(({ path, field }) => ({ path, field, schemaField: fieldAt(schema, ...path) }));

  test('every editor field has a schema field (same path in the file)', () => {
    expect(compared.length).toBeGreaterThan(10);
  });

  test.each(compared.map((entry) => [entry.path.join('.'), entry] as const))('%s', (_, { field, schemaField }) => {
    const disagreements = probes(schemaField, field)
      .filter(({ inFile, inEditor }) => editorAccepts(field, inEditor) !== unwrap(schemaField).safeParse(inFile).success)
      .map(
        ({ label, inFile, inEditor }) =>
          `${label}: editor ${editorAccepts(field, inEditor) ? 'accepts' : 'refuses'}, schema ${unwrap(schemaField).safeParse(inFile).success ? 'accepts' : 'refuses'}`,
      );
    expect(disagreements).toEqual([]);
  });

  test('a required schema field is required in the editor (an empty text is refused)', () => {
    const requiredTexts = compared.filter(
      ({ field, schemaField }) =>
        !isOptional(schemaField) && unwrap(schemaField)._zod.def.type === 'string' && field.kind !== 'array' && !field.options && field.formKind !== 'asset',
    );
    expect(requiredTexts.length).toBeGreaterThan(3);
    expect(requiredTexts.filter(({ field }) => editorAccepts(field, '')).map(({ path }) => path.join('.'))).toEqual([]);
  });
});
