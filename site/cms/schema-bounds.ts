/**
 * Reads the limits the editor needs (text length, list length, number range) out of the content schemas, so the
 * editor's forms and `npm run check:content` share one set of rules: change a limit in src/content-schemas.ts and
 * the editor follows. Only zod's own check definitions are read; refinements (dates in order, unique tags…) stay
 * with the content check, which marketers see in the preview banner.
 */
import type { z } from 'astro/zod';

export interface Bounds {
  min?: number;
  max?: number;
  /** A number must be greater than this (zod's `positive()`: greater than 0). */
  above?: number;
}

type AnySchema = z.ZodType;

interface CheckDefinition {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

/** Wrappers that change whether a value may be absent, not what it must look like. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'pipe', 'readonly']);

/** The schema under optional/nullable/default wrappers (for a pipe, its input side: what the file holds). */
export function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  while (WRAPPERS.has(current._zod.def.type)) {
    const def = current._zod.def as unknown as { innerType?: AnySchema; in?: AnySchema };
    current = def.innerType ?? def.in ?? current;
  }
  return current;
}

/** The field at `path` in an object schema: keys walk into objects, `[]` walks into a list's elements. */
export function fieldAt(schema: AnySchema, ...path: string[]): AnySchema {
  return path.reduce<AnySchema>((current, key) => {
    const inner = unwrap(current);
    const def = inner._zod.def as unknown as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema };
    const next = key === '[]' ? def.element : def.shape?.[key];
    if (next === undefined) throw new Error(`content schema has no field ${path.join('.')}`);
    return next;
  }, schema);
}

/** Minimum and maximum (inclusive) of a string's or list's length or of a number; `above` for an exclusive minimum. */
export function boundsOf(schema: AnySchema): Bounds {
  const checks = (unwrap(schema)._zod.def as unknown as { checks?: { _zod: { def: CheckDefinition } }[] }).checks ?? [];
  const bounds: Bounds = {};
  for (const {
    _zod: { def },
  } of checks) {
    if (def.check === 'min_length' && def.minimum !== undefined) bounds.min = def.minimum;
    if (def.check === 'max_length' && def.maximum !== undefined) bounds.max = def.maximum;
    if (def.check === 'greater_than' && def.value !== undefined) {
      if (def.inclusive) bounds.min = def.value;
      else bounds.above = def.value;
    }
    if (def.check === 'less_than' && def.inclusive && def.value !== undefined) bounds.max = def.value;
  }
  return bounds;
}

/** Whether the value may be left out of the file (optional or with a default). */
export function isOptional(schema: AnySchema): boolean {
  let current = schema;
  while (WRAPPERS.has(current._zod.def.type)) {
    if (current._zod.def.type === 'optional' || current._zod.def.type === 'default') return true;
    const def = current._zod.def as unknown as { innerType?: AnySchema; in?: AnySchema };
    current = def.innerType ?? def.in ?? current;
  }
  return false;
}

/** The object without its undefined values: Keystatic's options are exact optional properties (absent, not undefined). */
export function definedOnly<T extends Record<string, unknown>>(object: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
