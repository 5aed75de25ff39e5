/**
 * The table every resilience suite prints when it ends (also when it fails, so a red run still says how far it got):
 * the same seven counts for every suite, then whatever else that suite measures.
 */

export interface ResilienceCounts {
  /** HTTP requests sent (or messages, for the worker suite). */
  sent: number;
  /** Answered 2xx or 303: the application was taken (including replays and trapped spam). */
  accepted: number;
  /** Answered anything else (4xx, 503). */
  rejected: number;
  /** Applications (and spam records) in the table. */
  stored: number;
  /** Applications the review worker moved past `submitted`. */
  screened: number;
  /** Accepted but not stored, or stored but never screened. */
  lost: number;
  /** Stored more than once for one request, answered with two references, or screened more than once. */
  duplicated: number;
}

export type ExtraRow = readonly [label: string, value: string | number];

export function emptyCounts(): ResilienceCounts {
  return { sent: 0, accepted: 0, rejected: 0, stored: 0, screened: 0, lost: 0, duplicated: 0 };
}

const LABELS: Readonly<Record<keyof ResilienceCounts, string>> = {
  sent: 'requests sent',
  accepted: 'accepted (2xx/303)',
  rejected: 'rejected (4xx/5xx)',
  stored: 'stored',
  screened: 'screened',
  lost: 'lost',
  duplicated: 'duplicated',
};

const formatValue = (value: string | number) => (typeof value === 'number' ? value.toLocaleString('en-US') : value);

/** A boxed two-column table, e.g. for `load without loss`. */
export function formatCountsTable(title: string, counts: ResilienceCounts, extra: readonly ExtraRow[] = []): string {
  const rows: ExtraRow[] = [...(Object.keys(LABELS) as (keyof ResilienceCounts)[]).map((key) => [LABELS[key], counts[key]] as const), ...extra];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => formatValue(value).length));
  const width = Math.max(labelWidth + valueWidth + 3, title.length + 2);
  const line = (left: string, right: string) => `│ ${left.padEnd(width - right.length)}${right} │`;
  return [
    `┌${'─'.repeat(width + 2)}┐`,
    `│ ${title.padEnd(width)} │`,
    `├${'─'.repeat(width + 2)}┤`,
    ...rows.slice(0, 7).map(([label, value]) => line(label, formatValue(value))),
    ...(rows.length > 7 ? [`├${'─'.repeat(width + 2)}┤`, ...rows.slice(7).map(([label, value]) => line(label, formatValue(value)))] : []),
    `└${'─'.repeat(width + 2)}┘`,
  ].join('\n');
}

export function printCountsTable(title: string, counts: ResilienceCounts, extra: readonly ExtraRow[] = []): void {
  console.log(`\n${formatCountsTable(title, counts, extra)}\n`);
}

/** `{201: 950, 503: 12}` → `201×950 · 503×12`. */
export function formatStatusTally(tally: ReadonlyMap<number | string, number>): string {
  return (
    [...tally]
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
      .map(([status, count]) => `${status}×${count}`)
      .join(' · ') || '—'
  );
}

export function increment<K>(tally: Map<K, number>, key: K, by = 1): void {
  tally.set(key, (tally.get(key) ?? 0) + by);
}
