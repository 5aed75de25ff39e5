/**
 * An editor field for a figure that may be unknown: a number, or "未公开" — stored as YAML `null`, never as 0.
 * Keystatic's own number field writes nothing at all for an empty value, which would drop the key (the schema then
 * rejects the file) and would make "unknown" and "forgot to fill in" look the same; here "未公开" is a checkbox
 * the editor has to tick on purpose.
 */
import { createElement as h } from 'react';
import type { BasicFormField, FormFieldStoredValue } from '@keystatic/core';
import { Checkbox } from '@keystar/ui/checkbox';
import { Flex } from '@keystar/ui/layout';
import { NumberField } from '@keystar/ui/number-field';
import { type Bounds, definedOnly } from './schema-bounds.ts';

/** What the form holds: a number, or unknown (`null` in the file); `amount` is undefined until someone types one. */
export type FigureValue = { unknown: true } | { unknown: false; amount: number | undefined };

export const UNKNOWN_LABEL = '未公开';

export function figure({ label, description, bounds }: { label: string; description?: string; bounds: Bounds }): BasicFormField<FigureValue> {
  const check = (value: FigureValue): FigureValue => {
    if (value.unknown) return value;
    if (value.amount === undefined) throw new Error(`请填写「${label}」，不知道就勾选「${UNKNOWN_LABEL}」`);
    if (bounds.min !== undefined && value.amount < bounds.min) throw new Error(`「${label}」不能小于 ${bounds.min}`);
    if (bounds.max !== undefined && value.amount > bounds.max) throw new Error(`「${label}」不能大于 ${bounds.max}`);
    return value;
  };
  const parse = (stored: unknown): FigureValue => {
    // Keystatic hands a field `undefined` for both a YAML null and a missing key. The schema requires the key, so in a
    // file that passes the content check both mean 未公开; a new figure starts from defaultValue (nothing chosen).
    if (stored === null || stored === undefined) return { unknown: true };
    if (typeof stored === 'number') return { unknown: false, amount: stored };
    throw new Error(`「${label}」必须是数字或 null（${UNKNOWN_LABEL}）`);
  };
  return {
    kind: 'form',
    label,
    Input({ value, onChange, autoFocus }) {
      return h(
        Flex,
        { gap: 'large', alignItems: 'end' },
        h(NumberField, {
          label,
          ...definedOnly({ description, minValue: bounds.min, maxValue: bounds.max }),
          autoFocus,
          isDisabled: value.unknown,
          formatOptions: { maximumFractionDigits: 4 },
          value: value.unknown || value.amount === undefined ? Number.NaN : value.amount,
          onChange: (amount: number) => onChange({ unknown: false, amount: Number.isNaN(amount) ? undefined : amount }),
        }),
        h(
          Checkbox,
          {
            isSelected: value.unknown,
            onChange: (unknown: boolean) => onChange(unknown ? { unknown: true } : { unknown: false, amount: undefined }),
          },
          UNKNOWN_LABEL,
        ),
      );
    },
    defaultValue: () => ({ unknown: false, amount: undefined }),
    parse,
    // Keystatic's type leaves out null, but its YAML writer keeps it (test/site/cms/round-trip.test.ts holds it to that).
    serialize: (value) => ({ value: (value.unknown ? null : value.amount) as FormFieldStoredValue }),
    validate: check,
    reader: { parse: (stored) => check(parse(stored)) },
  };
}
