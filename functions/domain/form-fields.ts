/**
 * What a ticked checkbox of the merchant's forms posts, declared once: the form markup (functions/http/html-pages.ts)
 * writes it and the form parser (application.ts) reads it. What each field is called is in presentation/labels-zh.ts.
 *
 * No imports: the /status/ page's script loads this without the application schema.
 */

/** What a ticked checkbox posts: the `value` of every checkbox on the forms. */
export const CHECKBOX_VALUE = 'on';

/** Values read as ticked: the form's own, and the spellings of "true" that other clients send. */
const CHECKBOX_TICKED_VALUES: ReadonlySet<string> = new Set([CHECKBOX_VALUE, 'true', '1', 'yes']);

/** Whether a posted checkbox value means ticked (case-insensitive). */
export function isCheckboxTicked(raw: string): boolean {
  return CHECKBOX_TICKED_VALUES.has(raw.toLowerCase());
}
