/**
 * Accept an application exactly once: validate, answer replays from the idempotency record, trap spam without
 * storing personal data, write idempotency record + application + rate counters atomically, then ask for review.
 */
import { createHash } from 'node:crypto';
import { spamReason, softSignals, type SpamReason } from '#domain/anti-spam.ts';
import type { FormTokens } from '#domain/form-token.ts';
import { referrerOrigin, validateApplication, type ApplicationInput, type Attribution, type FieldErrors } from '#domain/application.ts';
import { INITIAL_STATUS } from '#domain/application-status.ts';
import { openApplicationPersonalDataExpiry } from '#domain/privacy-policy.ts';
import { DependencyUnavailableError, type IntakeStore, type Clock, type Pseudonymiser, type ReferenceGenerator, type ReviewQueue } from '#domain/ports.ts';
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

export async function submitApplication(
  command: SubmitApplicationCommand,
  deps: SubmitApplicationDeps,
): Promise<SubmitApplicationOutcome> {
  const validation = validateApplication(command.body);
  if (!validation.success) return { kind: 'invalid', fields: validation.fields };
  const input = validation.data;

  const requestHash = hashOfRequest(input);
  // A form posted twice without JavaScript carries no key: the same content is the same application.
  const idempotencyKey = command.idempotencyKey ?? `form:${requestHash}`;

  const earlier = await deps.applications.findIdempotencyRecord(idempotencyKey);
  if (earlier) return replay(earlier, requestHash);

  const now = deps.clock.now();
  const token = deps.formTokens.check(input.formToken ?? '', now);
  if (token.kind === 'invalid' || token.kind === 'expired') return { kind: 'form_token_needed', formToken: deps.formTokens.issue(now) };
  if (token.kind === 'too_new' && command.channel === 'form') return { kind: 'form_token_needed', formToken: input.formToken ?? '' };
  const spam = spamReason(input, token);
  const address = addressKey(command.viewerIp);
  const rateLimits: RateLimit[] = [
    rateLimit('requests_per_ip_per_minute', deps.pseudonymiser.pseudonymise(address), deps.limits.requestsPerIpPerMinute, now),
  ];
  const phoneHash = deps.pseudonymiser.pseudonymise(input.phone);
  // Counted with the address (see domain/rate-limits.ts): a stranger typing this phone number uses up only their own
  // allowance. One pseudonym of both, so the counter holds nothing that finds the phone (erasure need not chase it).
  // A bot's phone number may be a real person's: trapped submissions never count against it.
  const phoneFromAddress = deps.pseudonymiser.pseudonymise(`${input.phone}@${address}`);
  if (!spam) rateLimits.push(rateLimit('applications_per_phone_per_address_per_day', phoneFromAddress, deps.limits.applicationsPerPhonePerAddressPerDay, now));

  const sleep = deps.sleep ?? defaultSleep;
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
    const reference = deps.references.next();
    const record = spam
      ? spamRecord(input, reference, spam, command.channel, now, deps.limits.retentionDays)
      : applicationRecord(input, reference, phoneHash, command.channel, now, token.kind === 'valid' ? token.ageMs : 0);
    const outcome = await deps.applications.writeIntake({
      record,
      idempotency: { key: idempotencyKey, requestHash, reference, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) },
      rateLimits,
      enqueueForReview: !spam,
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
      case 'reference_taken':
      case 'conflict':
        break;
    }
    await sleep(jitteredBackoffMs(attempt, 10));
  }
  throw new DependencyUnavailableError('store', { cause: new Error(`write still conflicting after ${MAX_WRITE_ATTEMPTS} attempts`) });
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
  formAgeMs: number,
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

function spamRecord(
  input: ApplicationInput,
  reference: string,
  reason: SpamReason,
  channel: IntakeChannel,
  now: Date,
  retentionDays: number,
): IntakeRecord {
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
 * and the referrer cut to its origin, since its path and query string can carry search terms or tokens.
 */
function attributionToStore(input: ApplicationInput): { attribution?: Attribution } {
  const { referrer, ...rest } = input.attribution ?? {};
  const origin = referrer === undefined ? undefined : referrerOrigin(referrer);
  const attribution: Attribution = { ...rest, ...(origin !== undefined && { referrer: origin }) };
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

