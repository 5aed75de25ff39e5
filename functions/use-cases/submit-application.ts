/**
 * Accept an application exactly once: validate, check the form token, answer replays from the idempotency record
 * (charged to the address), trap spam without storing personal data, write idempotency record + application + rate
 * counters + the token's single use atomically, then ask for review.
 */
import { intakeDelta } from '#domain/stats-counters.ts';
import { createHash } from 'node:crypto';
import { spamReason, softSignals, type SpamReason } from '#domain/anti-spam.ts';
import type { FormTokens } from '#domain/form-token.ts';
import { referrerOrigin, siteLandingPage, validateApplication, type ApplicationInput, type Attribution, type FieldErrors } from '#domain/application.ts';
import { INITIAL_STATUS } from '#domain/application-status.ts';
import { openApplicationPersonalDataExpiry } from '#domain/privacy-policy.ts';
import {
  DependencyUnavailableError,
  type IntakeStore,
  type Clock,
  type Pseudonymiser,
  type RateLimiter,
  type ReferenceGenerator,
  type ReviewQueue,
} from '#domain/ports.ts';
import type { IdempotencyRecord, IntakeChannel, IntakeRecord } from '#domain/records.ts';
import { rateLimit, retryAfterSeconds, type RateLimit, type RateLimitName } from '#domain/rate-limits.ts';
import { addressKey } from '#domain/viewer-address.ts';
import { DAY_MS, jitteredBackoffMs } from '#domain/time.ts';

export interface SubmitApplicationCommand {
  /** The request body as parsed JSON, or form fields already shaped by applicationFromFormFields. Validated here. */
  body: unknown;
  /** The client's key (a UUID made once per form render). Forms posted without JavaScript have none. */
  idempotencyKey?: string;
  channel: IntakeChannel;
  viewerIp: string;
}

export interface SubmitApplicationDeps {
  applications: IntakeStore;
  /** Charges replays answered from the idempotency record (new submissions are charged in the intake write). */
  rateLimiter: RateLimiter;
  reviewQueue: ReviewQueue;
  clock: Clock;
  references: ReferenceGenerator;
  pseudonymiser: Pseudonymiser;
  formTokens: FormTokens;
  limits: {
    requestsPerIpPerMinute: number;
    applicationsPerPhonePerAddressPerDay: number;
    /** Spam records are deleted this many days after arrival. */
    retentionDays: number;
  };
  /** Pause between write attempts that collided with a concurrent request. */
  sleep?: (milliseconds: number) => Promise<void>;
}

export type SubmitApplicationOutcome =
  | {
      kind: 'accepted';
      reference: string;
      /** The same request was accepted before; this is its original reference. */
      replayed: boolean;
      /** Trapped as spam: answered like a success, nothing queued. */
      spam?: SpamReason;
      /** The review message was sent now; when false the outbox sweeper sends it later. */
      enqueued: boolean;
      enqueueError?: unknown;
    }
  | { kind: 'invalid'; fields: FieldErrors }
  /**
   * Nothing stored: the form must be confirmed once more with `formToken` (a fresh one when the posted one was
   * missing, forged or expired; the same one when a form posted without JavaScript came back too quickly).
   */
  | { kind: 'form_token_needed'; formToken: string }
  /** The idempotency key was used for a different application. */
  | { kind: 'idempotency_key_reused' }
  | { kind: 'rate_limited'; limit: RateLimitName; retryAfterSeconds: number };

/** Idempotency records outlive any retry of a form render, then expire. */
const IDEMPOTENCY_TTL_MS = DAY_MS;
/** Attempts at the atomic write when it collides with concurrent requests (or, once in ~10¹¹, a reference). */
const MAX_WRITE_ATTEMPTS = 6;
const defaultSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

export async function submitApplication(command: SubmitApplicationCommand, deps: SubmitApplicationDeps): Promise<SubmitApplicationOutcome> {
  const validation = validateApplication(command.body);
  if (!validation.success) return { kind: 'invalid', fields: validation.fields };
  const input = validation.data;

  // The token first: nothing is looked up, replayed or stored for a request without a genuine, unexpired token.
  const now = deps.clock.now();
  const token = deps.formTokens.check(input.formToken ?? '', now);
  if (token.kind === 'invalid' || token.kind === 'expired') return freshTokenNeeded(deps, now);

  const requestHash = hashOfRequest(input);
  // A form posted twice without JavaScript carries no key: the same content with the same token is the same
  // submission. The token's nonce is in the key so that only the browser that holds the token can replay it; content
  // alone (name, phone, city, brand) would let anyone who knows them read back the reference.
  const idempotencyKey = command.idempotencyKey ?? `form:${createHash('sha256').update(`${requestHash}.${token.nonce}`).digest('base64url')}`;
  const address = addressKey(command.viewerIp);
  const perAddress = rateLimit('requests_per_ip_per_minute', deps.pseudonymiser.pseudonymise(address), deps.limits.requestsPerIpPerMinute, now);

  const earlier = await deps.applications.findIdempotencyRecord(idempotencyKey);
  if (earlier) return replayCharged(earlier, requestHash, perAddress, deps, now);

  // A confirmation clicked within three seconds, or a form posted without JavaScript that quickly: ask once more
  // with the same token (never a spam signal: a person may click quickly on a form they already filled in).
  if (token.kind === 'too_new' && (command.channel === 'form' || token.issuedBy === 'confirm'))
    return { kind: 'form_token_needed', formToken: input.formToken ?? '' };
  const spam = spamReason(input, token);
  const rateLimits: RateLimit[] = [perAddress];
  const phoneHash = deps.pseudonymiser.pseudonymise(input.phone);
  // Counted with the address (see domain/rate-limits.ts): a stranger typing this phone number uses up only their own
  // allowance. One pseudonym of both, so the counter holds nothing that finds the phone (erasure need not chase it).
  // A bot's phone number may be a real person's: trapped submissions never count against it.
  const phoneFromAddress = deps.pseudonymiser.pseudonymise(`${input.phone}@${address}`);
  if (!spam) rateLimits.push(rateLimit('applications_per_phone_per_address_per_day', phoneFromAddress, deps.limits.applicationsPerPhonePerAddressPerDay, now));
  const formAgeMs = token.issuedBy === 'page' ? token.ageMs : undefined;

  const sleep = deps.sleep ?? defaultSleep;
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
    const reference = deps.references.next();
    const record = spam
      ? spamRecord(input, reference, spam, command.channel, now, deps.limits.retentionDays)
      : applicationRecord(input, reference, phoneHash, command.channel, now, formAgeMs);
    const outcome = await deps.applications.writeIntake({
      record,
      idempotency: { key: idempotencyKey, requestHash, reference, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) },
      rateLimits,
      formToken: { nonce: token.nonce, expiresAt: token.expiresAt },
      enqueueForReview: !spam,
      ...(record.kind === 'spam' && { statsDelta: intakeDelta(record) }),
    });

    switch (outcome.kind) {
      case 'written': {
        if (spam) return { kind: 'accepted', reference, replayed: false, spam, enqueued: false };
        return { kind: 'accepted', reference, replayed: false, ...(await sendForReview(reference, deps)) };
      }
      case 'rate_limited':
        return { kind: 'rate_limited', limit: outcome.limit.name, retryAfterSeconds: retryAfterSeconds(outcome.limit, now) };
      case 'idempotency_key_used': {
        // A concurrent request with the same key won the race: answer with its reference.
        const winner = outcome.existing ?? (await deps.applications.findIdempotencyRecord(idempotencyKey));
        if (winner) return replay(winner, requestHash);
        break;
      }
      case 'form_token_used': {
        // The same submission racing itself (its twin won: answer with its reference), or another submission with a
        // token already spent (nothing stored: a fresh token, as for an expired one).
        const winner = await deps.applications.findIdempotencyRecord(idempotencyKey);
        return winner ? replay(winner, requestHash) : freshTokenNeeded(deps, now);
      }
      case 'reference_taken':
      case 'conflict':
        break;
    }
    await sleep(jitteredBackoffMs(attempt, 10));
  }
  throw new DependencyUnavailableError('store', { cause: new Error(`write still conflicting after ${MAX_WRITE_ATTEMPTS} attempts`) });
}

/** Nothing stored: the merchant confirms once more with a token issued now, with their filled-in form. */
function freshTokenNeeded(deps: Pick<SubmitApplicationDeps, 'formTokens'>, now: Date): SubmitApplicationOutcome {
  return { kind: 'form_token_needed', formToken: deps.formTokens.issue(now, 'confirm') };
}

/** A replay costs the address a request like any other, so replays cannot be used to probe without limit. */
async function replayCharged(
  earlier: IdempotencyRecord,
  requestHash: string,
  perAddress: RateLimit,
  deps: Pick<SubmitApplicationDeps, 'rateLimiter'>,
  now: Date,
): Promise<SubmitApplicationOutcome> {
  const reached = await deps.rateLimiter.take([perAddress]);
  if (reached) return { kind: 'rate_limited', limit: reached.name, retryAfterSeconds: retryAfterSeconds(reached, now) };
  return replay(earlier, requestHash);
}

function replay(earlier: IdempotencyRecord, requestHash: string): SubmitApplicationOutcome {
  if (earlier.requestHash !== requestHash) return { kind: 'idempotency_key_reused' };
  return { kind: 'accepted', reference: earlier.reference, replayed: true, enqueued: false };
}

/**
 * The application is already stored with an outbox marker, so a failure here loses nothing: the sweeper re-sends.
 * A message sent twice is harmless because the review worker is idempotent on the reference.
 */
async function sendForReview(
  reference: string,
  deps: Pick<SubmitApplicationDeps, 'reviewQueue' | 'applications'>,
): Promise<{ enqueued: boolean; enqueueError?: unknown }> {
  try {
    await deps.reviewQueue.enqueue(reference);
  } catch (error) {
    return { enqueued: false, enqueueError: error };
  }
  try {
    await deps.applications.markEnqueued(reference);
  } catch {
    // Still marked: the sweeper sends a second, harmless message.
  }
  return { enqueued: true };
}

function applicationRecord(
  input: ApplicationInput,
  reference: string,
  phoneHash: string,
  channel: IntakeChannel,
  now: Date,
  formAgeMs: number | undefined,
): IntakeRecord {
  const at = now.toISOString();
  return {
    kind: 'application',
    reference,
    status: INITIAL_STATUS,
    createdAt: at,
    updatedAt: at,
    name: input.name,
    phone: input.phone,
    phoneHash,
    city: input.city,
    merchantType: input.merchantType,
    brand: input.brand,
    ...(input.terminalType && { terminalType: input.terminalType }),
    ...(input.monthlyVolume && { monthlyVolume: input.monthlyVolume }),
    ...(input.callWindow && { callWindow: input.callWindow }),
    ...(input.note && { note: input.note }),
    consent: { ...input.consent, agreedAt: at },
    ...attributionToStore(input),
    signals: softSignals(input, formAgeMs),
    statusHistory: [{ status: INITIAL_STATUS, at, by: 'intake' }],
    channel,
    personalDataExpiresAt: openApplicationPersonalDataExpiry(now).toISOString(),
  };
}

function spamRecord(input: ApplicationInput, reference: string, reason: SpamReason, channel: IntakeChannel, now: Date, retentionDays: number): IntakeRecord {
  return {
    kind: 'spam',
    reference,
    status: 'spam',
    reason,
    createdAt: now.toISOString(),
    ...attributionToStore(input),
    channel,
    expiresAt: new Date(now.getTime() + retentionDays * DAY_MS).toISOString(),
  };
}

/**
 * Where the visit came from, as stored on the record (which is anonymous and kept for good): empty values dropped,
 * the referrer cut to its origin (its path and query string can carry search terms or tokens) and kept only for web
 * and app origins, the landing page kept only when it is shaped like a page of this site.
 */
function attributionToStore(input: ApplicationInput): { attribution?: Attribution } {
  const { referrer, landingPage, ...rest } = input.attribution ?? {};
  const origin = referrer === undefined ? undefined : referrerOrigin(referrer);
  const page = landingPage === undefined ? undefined : siteLandingPage(landingPage);
  const attribution: Attribution = { ...rest, ...(page !== undefined && { landingPage: page }), ...(origin !== undefined && { referrer: origin }) };
  const given = Object.values(attribution).some((value) => value !== undefined && value !== '');
  return given ? { attribution } : {};
}

/**
 * SHA-256 of the normalised input with sorted keys: the same application always hashes the same. The form token is
 * left out: it says when the form was shown, not what was applied for (a form confirmed with a fresh token is the
 * same application).
 */
export function hashOfRequest(input: ApplicationInput): string {
  const { formToken: _formToken, ...content } = input;
  return createHash('sha256').update(canonicalJson(content)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
