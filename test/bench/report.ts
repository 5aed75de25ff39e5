/**
 * Result tables, printed to the terminal and written to docs/benchmarks.md from the same data, plus the number
 * formats every section uses (so "1.8×" and "12.3 KiB" mean the same thing everywhere).
 */
import { renderTable, type Alignment } from '../../functions/ops/text-table.ts';

export interface Table {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
  /** Leading columns that are labels (left-aligned); the rest are figures. @default 1 */
  labelColumns?: number;
  /** Reference material too wide for a terminal: written to docs/benchmarks.md only. */
  detail?: boolean;
}

/** What one section hands back: how it measured, its tables, and findings that need a reader's attention. */
export interface SectionReport {
  title: string;
  /** Method and assumptions, one sentence each (markdown allowed). */
  method: readonly string[];
  tables: readonly Table[];
  /** Problems the run found (e.g. JavaScript on an article page, a lost application). */
  warnings: readonly string[];
}

/** Label columns left-aligned, figures right-aligned. */
export function textTable(table: Table): string {
  const labelColumns = table.labelColumns ?? 1;
  const align = table.columns.map((_, column): Alignment => (column < labelColumns ? 'left' : 'right'));
  return `${table.title}\n${renderTable(table.columns, table.rows, align).trimEnd()}`;
}

export function markdownTable(table: Table): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');
  const align = table.columns.map((_, column) => (column < (table.labelColumns ?? 1) ? ':--' : '--:'));
  return [
    `**${table.title}**`,
    '',
    `| ${table.columns.map(escapeCell).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

export function textSection(section: SectionReport): string {
  const warnings = section.warnings.map((warning) => `! ${warning}`);
  const tables = section.tables.map((table) => (table.detail ? `${table.title}: see the written report` : textTable(table)));
  return [`== ${section.title} ==`, ...tables, ...warnings].join('\n\n');
}

export function markdownSection(section: SectionReport): string {
  const method = section.method.map((sentence) => `- ${sentence}`).join('\n');
  const warnings = section.warnings.map((warning) => `> **Warning:** ${warning}`);
  return [`## ${section.title}`, method, ...section.tables.map(markdownTable), ...warnings].join('\n\n');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

export function formatMs(milliseconds: number): string {
  return milliseconds >= 10_000 ? `${(milliseconds / 1000).toFixed(1)} s` : `${Math.round(milliseconds)} ms`;
}

/** A ratio against a baseline: 1.00× means equal. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '-';
}

export function formatCount(count: number, fractionDigits = 0): string {
  return count.toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}

/** A measured or modelled amount: small ones keep three significant digits, large ones are whole. */
export function formatQuantity(value: number): string {
  if (Number.isInteger(value)) return formatCount(value);
  if (Math.abs(value) < 1) return value.toPrecision(3);
  if (Math.abs(value) < 100) return formatCount(value, 2);
  return formatCount(value);
}

/** US dollars with enough digits that sub-cent amounts are still visible. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (Math.abs(usd) < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(2)}`;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
