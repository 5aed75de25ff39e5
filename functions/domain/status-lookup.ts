/**
 * What a merchant gives to see their application's status: the reference and the last four digits of the phone
 * they applied with. Shared with the /status/ page like application.ts.
 */
import * as z from 'zod/mini';
import { fieldErrorsFrom, type ValidationResult } from './application.ts';
import { isReference, normaliseReference } from './reference.ts';

export const statusLookupMessages = {
  reference: '请输入正确的申请编号，例如 PA-7K3F-9Q2M',
  phoneLast4: '请输入申请时所填手机号的后 4 位数字',
  unknownField: '不支持这个字段',
  body: '提交的内容格式不正确',
} as const;

const m = statusLookupMessages;

export const statusLookupSchema = z.strictObject(
  {
    /** Accepts lower case, spaces and missing dashes; normalised to `PA-XXXX-XXXX`. */
    reference: z.string({ error: m.reference }).check(
      z.overwrite((raw) => normaliseReference(raw) ?? raw),
      z.refine(isReference, m.reference),
    ),
    phoneLast4: z.string({ error: m.phoneLast4 }).check(
      z.overwrite((raw) => raw.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim()),
      z.regex(/^\d{4}$/, m.phoneLast4),
    ),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? m.unknownField : m.body) },
);

export type StatusLookupInput = z.infer<typeof statusLookupSchema>;

export function validateStatusLookup(input: unknown): ValidationResult<StatusLookupInput> {
  const result = statusLookupSchema.safeParse(input);
  return result.success ? { success: true, data: result.data } : { success: false, fields: fieldErrorsFrom(result.error.issues) };
}
