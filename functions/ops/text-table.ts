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

/** Header, a rule, rows; columns separated by two spaces, each aligned as `align` says (left by default). */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Alignment[] = []): string {
  const widths = headers.map((header, column) => Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[column] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column]!, align[column] ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
