/**
 * A merchant checks their application with its reference and the phone's last four digits. A wrong reference and
 * a wrong phone are indistinguishable to the caller, and failed attempts are limited per IP and per reference so the
 * four digits cannot be guessed.
 *
 * Every lookup is charged as a miss BEFORE the application is read, conditionally on the miss counters being below
 * their limits, and the charge is refunded when the lookup finds the application. Counting misses after the fact
 * would let concurrent guesses all pass the check before any of them counted (check → look up → count): with the
 * charge first, at most `limit` lookups per window can ever reach the store, however many arrive at once.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FieldErrors } from '#domain/application.ts';
import type { ApplicationStatus } from '#domain/application-status.ts';
import { lastFourDigits } from '#domain/phone.ts';
import type { ApplicationReader, Clock, Pseudonymiser, RateLimiter } from '#domain/ports.ts';
import { merchantQuoteOf, type MerchantQuote, type QuoteBook } from '#domain/quote.ts';
import { rateLimit, retryAfterSeconds, type RateLimitName } from '#domain/rate-limits.ts';
import { validateStatusLookup } from '#domain/status-lookup.ts';
import { addressKey } from '#domain/viewer-address.ts';

export interface StatusLookupCommand {
  body: unknown;
  viewerIp: string;
}

export interface StatusLookupDeps {
  applications: ApplicationReader;
  /** The written quote is read only once reference and digits matched: same limits, same 404 as the status. */
  quotes: Pick<QuoteBook, 'quotesOf'>;
  rateLimiter: RateLimiter;
  clock: Clock;
  pseudonymiser: Pseudonymiser;
  limits: {
    requestsPerIpPerMinute: number;
    statusMissesPerIpPerHour: number;
    /** From one address (IPv4, or IPv6 /64). */
    statusMissesPerReferencePerAddressPerDay: number;
    /** From all addresses together: the backstop against a guesser with many addresses. */
    statusMissesPerReferencePerDay: number;
  };
}

export type StatusLookupOutcome =
  | {
      kind: 'found';
      reference: string;
      status: ApplicationStatus;
      /** Only this application's own status and time: never anything about another application (same phone or not). */
      updatedAt: string;
      /** The latest written quote, once a reviewer recorded one. */
      quote?: MerchantQuote;
    }
  | { kind: 'not_found'; reference: string }
  | { kind: 'invalid'; fields: FieldErrors }
  | { kind: 'rate_limited'; limit: StatusLookupLimit; retryAfterSeconds: number };

/** The limits a status lookup can meet. */
export type StatusLookupLimit = Extract<
  RateLimitName,
  'requests_per_ip_per_minute' | 'status_misses_per_ip_per_hour' | 'status_misses_per_reference_per_address_per_day' | 'status_misses_per_reference_per_day'
>;

export async function lookUpStatus(command: StatusLookupCommand, deps: StatusLookupDeps): Promise<StatusLookupOutcome> {
  const validation = validateStatusLookup(command.body);
  if (!validation.success) return { kind: 'invalid', fields: validation.fields };
  const { reference, phoneLast4 } = validation.data;

  const now = deps.clock.now();
  const viewer = deps.pseudonymiser.pseudonymise(addressKey(command.viewerIp));
  const misses = [
    rateLimit('status_misses_per_ip_per_hour', viewer, deps.limits.statusMissesPerIpPerHour, now),
    rateLimit('status_misses_per_reference_per_address_per_day', `${reference}@${viewer}`, deps.limits.statusMissesPerReferencePerAddressPerDay, now),
    rateLimit('status_misses_per_reference_per_day', reference, deps.limits.statusMissesPerReferencePerDay, now),
  ];
  const reached = await deps.rateLimiter.take([rateLimit('requests_per_ip_per_minute', viewer, deps.limits.requestsPerIpPerMinute, now), ...misses]);
  if (reached) return { kind: 'rate_limited', limit: reached.name as StatusLookupLimit, retryAfterSeconds: retryAfterSeconds(reached, now) };

  // A failure here (503) keeps the miss charged: the limit errs on the strict side.
  const record = await deps.applications.findByReference(reference);
  // Trapped spam has no phone and is never "found"; nor is an application whose personal data was erased or expired.
  const phone = record?.kind === 'application' ? record.phone : undefined;
  if (record?.kind === 'application' && phone?.length === 11 && sameDigits(lastFourDigits(phone), phoneLast4)) {
    // A refund lost to an outage only makes the limit one stricter; the merchant still gets the answer.
    await deps.rateLimiter.refund(misses).catch(() => undefined);
    const quote = merchantQuoteOf(await deps.quotes.quotesOf(reference));
    return { kind: 'found', reference, status: record.status, updatedAt: record.updatedAt, ...(quote && { quote }) };
  }
  return { kind: 'not_found', reference };
}

function sameDigits(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
