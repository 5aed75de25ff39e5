/**
 * CSV as Excel (including Chinese Excel and WPS) opens it correctly: UTF-8 with a byte-order mark, CRLF line ends,
 * RFC 4180 quoting (fields with commas, quotes or line breaks in double quotes, quotes doubled).
 *
 * Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR, also after leading spaces) get a
 * leading apostrophe: a merchant's note is untrusted text, and `=HYPERLINK(…)` in it must stay text (OWASP "CSV
 * injection"). Cells containing `;` or a tab are quoted as well: Excel set up for a locale whose list separator is
 * `;` (or a paste into a sheet, which splits on tabs) would otherwise cut `备注;=HYPERLINK(…)` into a second cell
 * that starts with `=`.
 */

/** Excel reads a file as UTF-8 only when it starts with this. */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[ \u3000]*[=+\-@]|^[\t\r]/;
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;

export function csvField(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvRow(values: readonly (string | number | boolean | undefined | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
