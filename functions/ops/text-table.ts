/**
 * Plain-text tables for terminals, shared by the ops CLI and the benchmark report. Widths come from `string-width`
 * (East Asian Wide characters take two columns, combining marks and ANSI colours none), so Chinese labels line up.
 */
import stringWidth from 'string-width';

export type Alignment = 'left' | 'right';

/** Terminal columns `text` takes. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** `text` padded with spaces to `width` columns. */
export function pad(text: string, width: number, align: Alignment = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * Control characters that would let stored text (a merchant's note, an ops reason) move the terminal's cursor or
 * reorder what follows — a carriage return printing a fake line over a real one, a right-to-left override — except
 * the line feed, which multi-line fields keep.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job.
const CONTROL_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` with every control character but the line feed shown as its code (`\u000d`), so it prints as written. */
export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Header, a rule, rows; columns separated by two spaces, each aligned as `align` says (left by default). Cells are
 * made printable and single-line (a line feed inside a cell would break the columns).
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Alignment[] = []): string {
  const printableRows = rows.map((cells) => cells.map((cell) => printable(cell).replaceAll('\n', ' ')));
  const widths = headers.map((header, column) => Math.max(displayWidth(header), ...printableRows.map((row) => displayWidth(row[column] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column]!, align[column] ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '─'.repeat(width)).join('  '), ...printableRows.map(line)].join('\n') + '\n';
}

/** `█████` scaled so that `max` fills `width` columns; any non-zero value shows at least one block. */
export function bar(value: number, max: number, width = 30): string {
  if (value <= 0 || max <= 0) return '';
  return '█'.repeat(Math.max(1, Math.round((value / max) * width)));
}
