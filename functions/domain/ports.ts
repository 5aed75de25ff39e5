/**
 * What the use cases need from the outside world, as interfaces. Adapters (functions/adapters/) implement them with
 * DynamoDB and SQS; unit tests implement them in memory. Nothing here knows about AWS.
 */
import type { SoftSignal, SpamReason } from './anti-spam.ts';
import type { ApplicationInput, Attribution } from './application.ts';
import type { ApplicationStatus } from './application-status.ts';
import type { RateLimit } from './rate-limits.ts';

/** How an application reached us: the JavaScript form / API (`json`) or a form posted without JavaScript (`form`). */
export type IntakeChannel = 'json' | 'form';

/** The consent as given: what was agreed, to which policy version, when. Kept for as long as the application. */
export interface ConsentRecord {
  privacy: true;
  crossBorder: true;
  version: string;
  /** ISO 8601, server time. */
  agreedAt: string;
}

export interface StatusChange {
  status: ApplicationStatus;
  /** ISO 8601. */
  at: string;
  /** `intake`, `review-worker`, or the ops user. */
  by: string;
  reason?: string;
}

/** A genuine application as stored. Personal data: name, phone, note. */
export interface ApplicationRecord {
  kind: 'application';
  reference: string;
  status: ApplicationStatus;
  createdAt: string;
  updatedAt: string;
  name: string;
  /** Normalised 11 digits; shown masked everywhere except the ops `show` command. */
  phone: string;
  /** Keyed hash of the phone: duplicate detection and erasure by phone without reading every item. */
  phoneHash: string;
  city: string;
  merchantType: ApplicationInput['merchantType'];
  brand: ApplicationInput['brand'];
  terminalType?: ApplicationInput['terminalType'];
  monthlyVolume?: ApplicationInput['monthlyVolume'];
  note?: string;
  consent: ConsentRecord;
  attribution?: Attribution;
  /** Soft spam signals for the review worker to weigh. */
  signals: SoftSignal[];
  statusHistory: StatusChange[];
  channel: IntakeChannel;
}

/** A trapped submission: no name, phone or note — only what ops statistics need. Never found by a status lookup. */
export interface SpamRecord {
  kind: 'spam';
  reference: string;
  status: 'spam';
  reason: SpamReason;
  createdAt: string;
  attribution?: Attribution;
  channel: IntakeChannel;
  /** ISO 8601: deleted automatically after the retention period. */
  expiresAt: string;
}

export type IntakeRecord = ApplicationRecord | SpamRecord;

/** Remembers which reference an idempotency key produced, and a hash of the request that produced it. */
export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  reference: string;
}

export interface IntakeWrite {
  record: IntakeRecord;
  idempotency: IdempotencyRecord & { expiresAt: Date };
  /** Counters charged in the same transaction: nothing is written unless every one is below its limit. */
  rateLimits: RateLimit[];
  /** Mark the record for the review queue (outbox) in the same transaction. */
  enqueueForReview: boolean;
}

export type IntakeWriteOutcome =
  | { kind: 'written' }
  /** The key was used before; `existing` when the store could return it with the failure. */
  | { kind: 'idempotency_key_used'; existing?: IdempotencyRecord }
  /** Another application already has this reference (vanishingly rare): try another. */
  | { kind: 'reference_taken' }
  | { kind: 'rate_limited'; limit: RateLimit }
  /** A concurrent write touched the same items: try again. */
  | { kind: 'conflict' };

export interface ApplicationStore {
  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
  /** Idempotency record, application and rate counters in one atomic write. */
  writeIntake(write: IntakeWrite): Promise<IntakeWriteOutcome>;
  findByReference(reference: string): Promise<IntakeRecord | undefined>;
  /** The review message was sent: take the application out of the outbox. */
  markEnqueued(reference: string): Promise<void>;
  /** References still in the outbox that were written before `writtenBefore`, oldest first. */
  listOutbox(writtenBefore: Date, limit: number): Promise<string[]>;
}

export interface RateLimiter {
  /**
   * Atomically: if every counter in `charge` and `check` is below its limit, add one to each `charge` counter and
   * return undefined; otherwise change nothing and return a limit that is reached.
   */
  take(request: { charge: RateLimit[]; check?: RateLimit[] }): Promise<RateLimit | undefined>;
  /** Add one to each counter, whatever its value (counting failures after the fact). */
  count(counters: RateLimit[]): Promise<void>;
}

export interface ReviewQueue {
  /** Ask for the application to be screened. The message carries the reference only. */
  enqueue(reference: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface ReferenceGenerator {
  next(): string;
}

/** Keyed one-way hash (HMAC) for personal data used as a key: phone numbers, viewer IPs. */
export interface Pseudonymiser {
  pseudonymise(value: string): string;
}

/**
 * The store or the queue did not answer in time or failed (network, throttling, 5xx). The request may be retried;
 * the API answers 503 with Retry-After.
 */
export class DependencyUnavailableError extends Error {
  readonly dependency: 'store' | 'queue';
  constructor(dependency: 'store' | 'queue', options?: { cause?: unknown }) {
    super(`${dependency} unavailable`, options);
    this.name = 'DependencyUnavailableError';
    this.dependency = dependency;
  }
}
