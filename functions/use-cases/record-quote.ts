/**
 * A reviewer records the written quote (domain/quote.ts) after the call; each change is appended, so the merchant's
 * status page shows the latest with its date and the console shows every version.
 */
import type { ApplicationReader, Clock } from '#domain/ports.ts';
import type { QuoteBook, QuoteInput } from '#domain/quote.ts';

export type RecordQuoteOutcome = { kind: 'recorded'; recordedAt: string } | { kind: 'not_found' } | { kind: 'no_personal_data' };

export async function recordQuote(
  command: { reference: string; quote: QuoteInput; by: string },
  deps: { applications: ApplicationReader; quotes: Pick<QuoteBook, 'appendQuote'>; clock: Clock },
): Promise<RecordQuoteOutcome> {
  const record = await deps.applications.findByReference(command.reference);
  if (record?.kind !== 'application') return { kind: 'not_found' };
  const recordedAt = deps.clock.now().toISOString();
  const stored = await deps.quotes.appendQuote(command.reference, { ...command.quote, recordedAt, recordedBy: command.by });
  return stored ? { kind: 'recorded', recordedAt } : { kind: 'no_personal_data' };
}
