/**
 * What the use cases need from the outside world, as interfaces only (the records they move are in records.ts).
 * Adapters (functions/adapters/) implement them with DynamoDB and SQS; unit tests implement them in memory. Nothing
 * here knows about AWS.
 */
import type { Brand } from './application.ts';
import type { ApplicationStatus } from './application-status.ts';
import type { ConsoleNote, LeadEvent } from './console-activity.ts';
import type { CallAttempt, CallSummary, LeadOwner, ToCallOrder } from './leads.ts';
import type { QuoteRecord } from './quote.ts';
import type { RateLimit } from './rate-limits.ts';
import type { Counters, StatsDelta } from './stats-counters.ts';
import type { IdempotencyRecord, IntakeRecord, ScreeningRecord, StatusChange, StoredApplication, StoredRecord } from './records.ts';

export interface IntakeWrite {
  record: IntakeRecord;
  idempotency: IdempotencyRecord & { expiresAt: Date };
  /** Counters charged in the same transaction: nothing is written unless every one is below its limit. */
  rateLimits: RateLimit[];
  /** The form token's nonce, stored in the same transaction unless already there (each token is used once). */
  formToken: { nonce: string; expiresAt: Date };
  /** Mark the record for the review queue (outbox) in the same transaction. */
  enqueueForReview: boolean;
  /** Spam only: added to the running statistics in the same transaction (a genuine application is counted at screening, domain/stats-counters.ts). */
  statsDelta?: StatsDelta;
}

export type IntakeWriteOutcome =
  | { kind: 'written' }
  /** The key was used before; `existing` when the store could return it with the failure. */
  | { kind: 'idempotency_key_used'; existing?: IdempotencyRecord }
  /** Another application already has this reference (vanishingly rare): try another. */
  | { kind: 'reference_taken' }
  | { kind: 'rate_limited'; limit: RateLimit }
  /** The form token was used for another submission already. */
  | { kind: 'form_token_used' }
  /** A concurrent write touched the same items: try again. */
  | { kind: 'conflict' };

/** Reads one application by its reference: all the status lookup may do with the table. */
export interface ApplicationReader {
  /** Strongly consistent; personal data only while it exists and has not expired. */
  findByReference(reference: string): Promise<StoredRecord | undefined>;
}

/** What intake and the outbox sweeper do with the applications. */
export interface IntakeStore extends ApplicationReader {
  /** The record while it lasts (one past its expiry is treated as gone, as TTL deletes lazily). */
  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
  /** Idempotency record, application and rate counters in one atomic write. */
  writeIntake(write: IntakeWrite): Promise<IntakeWriteOutcome>;
  /** The review message was sent: take the application out of the outbox. */
  markEnqueued(reference: string): Promise<void>;
  /** References still in the outbox that were written before `writtenBefore`, oldest first. */
  listOutbox(writtenBefore: Date, limit: number): Promise<string[]>;
}

/** A status change written only if the application is still as the writer read it (optimistic concurrency). */
export interface StatusUpdate {
  reference: string;
  /** Condition: still in this status, with this many history entries. */
  expected: { status: ApplicationStatus; historyLength: number };
  change: StatusChange;
  /** Set when screening made the change. */
  screening?: ScreeningRecord;
  /** Set when the change closes the application: the personal data expires (DynamoDB TTL) at this ISO time. */
  personalDataExpiresAt?: string;
  /** Added to the running statistics in the same write (domain/stats-counters.ts). */
  statsDelta: StatsDelta;
  /**
   * Set when the change is into 审核中: its place on the "to call" list, written unless intake already wrote one (an
   * application submitted before the list existed and screened after).
   */
  toCallOrder?: ToCallOrder;
}

export type StatusUpdateOutcome =
  | 'updated'
  /** Updated, but the change's free-text reason was not kept: the personal data it belongs with is gone. */
  | 'updated_without_reason'
  /** The application changed since it was read (or its personal data went): read again and decide again. */
  | 'conflict';

/** What the review worker and ops need to move applications along. */
export interface ReviewStore extends ApplicationReader {
  /** Applications whose (unexpired or not) personal data has this phone hash, created at or after `createdSince`, newest first. */
  findByPhoneHash(phoneHash: string, createdSince?: string): Promise<StoredApplication[]>;
  updateStatus(update: StatusUpdate): Promise<StatusUpdateOutcome>;
  /** Record that ops were told about a pending_review application. */
  markNotified(reference: string, at: string): Promise<void>;
  /** Link `reference` and each of `others` as applications from the same phone (both ways; idempotent). */
  linkSamePhone(reference: string, others: readonly string[]): Promise<void>;
  /**
   * Undo every same-phone link of `reference`, both ways (idempotent): its personal data is gone (erased or expired),
   * and a link left on another application would tie its anonymised record to the person named there.
   */
  unlinkSamePhone(reference: string): Promise<void>;
}

/** Who owns the lead, written only if it is still as the writer read it (a claim expects nobody). */
export interface OwnerChange {
  reference: string;
  to: LeadOwner;
  /** `null`: only while nobody owns it (or `to` already does); a user id: only while that user owns it. */
  expectedOwner: string | null;
  /** Its history entry, written in the same transaction: an owner never changes unrecorded. */
  entry: LeadEvent;
}

export type OwnerChangeOutcome =
  | { kind: 'changed' }
  /** Someone else owns it (a concurrent claim won): who. */
  | { kind: 'taken'; owner: string }
  | { kind: 'not_found' };

/** The lead side of an application: its owner and its call attempts (each attempt its own item). */
export interface LeadStore {
  changeOwner(change: OwnerChange): Promise<OwnerChangeOutcome>;
  /**
   * Store the attempt and the application's new call summary together, only if the application still has
   * `expectedAttempts` attempts (two reviewers recording at once never lose one).
   */
  recordCall(
    attempt: CallAttempt,
    summary: CallSummary,
    expectedAttempts: number,
    statsDelta: StatsDelta,
    /** The application's new place in the "to call" list (domain/leads.ts toCallOrderOf with the new summary). */
    toCallOrder: ToCallOrder,
  ): Promise<'recorded' | 'conflict' | 'not_found'>;
  /** The application's call attempts, oldest first. */
  callsOf(reference: string): Promise<CallAttempt[]>;
}

/** The running statistics (domain/stats-counters.ts), read per China day of submission. */
export interface StatsStore {
  /** The counters of each of `days` (YYYY-MM-DD); a day without any is absent. */
  countersOf(days: readonly string[]): Promise<Map<string, Counters>>;
}

/** One phone on the blocked list: its keyed hash, who blocked it and when, and why when they said. */
export interface BlockedPhoneEntry {
  phoneHash: string;
  at: string;
  by: string;
  reason?: string;
}

/** Phone numbers (as keyed hashes, never in plain text) whose applications screening rejects. */
export interface BlockedPhoneList {
  isBlocked(phoneHash: string): Promise<boolean>;
  block(entry: BlockedPhoneEntry): Promise<void>;
  /** True when it was on the list. */
  unblock(phoneHash: string): Promise<boolean>;
}

export interface ApplicationQuery {
  /** Statuses to include. */
  statuses: readonly ApplicationStatus[];
  /** ISO 8601: created at or after. */
  createdSince?: string;
  brand?: Brand;
  /** Page size. */
  limit: number;
  /** Opaque token from the previous page's `next`. */
  page?: string;
  /** Join each application's personal data (listing, export); statistics do without. @default true */
  withPersonalData?: boolean;
}

export interface ApplicationPage {
  /** Newest first. */
  items: StoredRecord[];
  /** Token for the following page; absent on the last one. */
  next?: string;
}

export interface Erasure {
  reference: string;
  /** ISO 8601. */
  at: string;
  by: string;
  /** For an open application: its withdrawal, written in the same transaction (condition as in StatusUpdate). */
  withdrawal?: Pick<StatusUpdate, 'expected' | 'change' | 'statsDelta'>;
}

export type ErasureOutcome =
  | {
      kind: 'erased';
      /** False when there was no personal data left (already erased or expired): only the erasure mark was written. */
      hadPersonalData: boolean;
      /** The phone hash that was erased, so the caller can decide about the blocked list. */
      phoneHash?: string;
    }
  | { kind: 'conflict' };

/** Which applications of the "to call" list (审核中, in due order: domain/leads.ts toCallOrderOf) to read or count. */
export interface ToCallFilter {
  /** ISO 8601: only those due at or before (the overdue ones, with now). */
  dueBy?: string;
  /** Only this owner's (a console user id). */
  owner?: string;
  brand?: Brand;
  /** Substring of the city, e.g. `杭州`. */
  city?: string;
}

export interface ToCallPageQuery extends ToCallFilter {
  limit: number;
  /** Opaque token from the previous page's `next`. */
  page?: string;
}

/** The "to call" list, kept in due order by every write that changes it: a view reads one page, not every lead. */
export interface ToCallList {
  /** Earliest due first, with personal data (for masking); `next` when more follow. */
  listToCall(query: ToCallPageQuery): Promise<{ items: StoredApplication[]; next?: string }>;
  /**
   * Put an application in 审核中 on the list from what it holds (its submission and call summary), only while it is
   * still in 审核中 with the calls read: for leads written before the list existed. `changed`: read it again.
   */
  restoreToCall(application: Pick<StoredApplication, 'reference' | 'createdAt' | 'calls'>): Promise<'restored' | 'changed'>;
  /**
   * How many pass the filter among at most `examineAtMost` entries of the list (earliest due first); `complete` is
   * false when counting stopped at that bound (the count is then a lower bound). A view's cost stays bounded however
   * long the backlog.
   */
  countToCall(filter: ToCallFilter, examineAtMost: number): Promise<{ count: number; complete: boolean }>;
}

/** An application with what the console keeps on its personal data besides name and phone, from one read of it. */
export interface ApplicationWithNotesAndQuotes {
  record: StoredRecord;
  /** The console's notes, oldest first; none once the personal data is gone. */
  notes: ConsoleNote[];
  /** Every written quote, oldest first; none once the personal data is gone. */
  quotes: QuoteRecord[];
}

/** What the back office (the review console and the ops CLI) does with the applications. */
export interface BackOfficeStore extends ReviewStore, BlockedPhoneList, StatsStore, ToCallList {
  /**
   * As findByReference, with the notes and quotes read in the same read of the personal data (the console's detail
   * shows all three); undefined when there is no such application.
   */
  findWithNotesAndQuotes(reference: string): Promise<ApplicationWithNotesAndQuotes | undefined>;
  listApplications(query: ApplicationQuery): Promise<ApplicationPage>;
  countApplications(query: Pick<ApplicationQuery, 'statuses' | 'createdSince' | 'brand'>): Promise<number>;
  /**
   * As countApplications, examining at most `examineAtMost` index entries (newest first); `complete` is false when
   * counting stopped there (the count is then a lower bound): the console's tabs, whose cost must not grow with
   * the table.
   */
  countApplicationsUpTo(
    query: Pick<ApplicationQuery, 'statuses' | 'createdSince' | 'brand'>,
    examineAtMost: number,
  ): Promise<{ count: number; complete: boolean }>;
  /**
   * Remove every trace of the application's personal data: the personal-data item (name, phone, phone hash, note,
   * ops notes), the intake idempotency record, the phone's rate-limit counter; mark the application erased.
   */
  erasePersonalData(erasure: Erasure): Promise<ErasureOutcome>;
}

/** A new application waiting for a person: only what ops need to pick it up, never the full phone or the name. */
export interface PendingReviewNotice {
  reference: string;
  brand: Brand;
  city: string;
  /** `138****1234`; absent when the personal data is already erased. */
  maskedPhone?: string;
}

export interface OpsNotifier {
  announcePendingReview(notice: PendingReviewNotice): Promise<void>;
  /** Post a prepared text (the call reminders' digest: masked phones and console links only). */
  postDigest(text: string): Promise<void>;
}

/** A message that failed review repeatedly and sits in the dead-letter queue. */
export interface DeadLetter {
  messageId: string;
  /** The application reference, when the body is a review message. */
  reference?: string;
  /** The raw body, shortened, when it is not. */
  unreadableBody?: string;
  receiveCount: number;
  /** ISO 8601: when the message was first received (its first failed attempt). */
  firstReceivedAt?: string;
  /** ISO 8601: when intake sent it. */
  sentAt?: string;
}

export interface DeadLetterQueue {
  /** Up to `max` messages, without consuming them (they stay in the queue). */
  peek(max: number): Promise<DeadLetter[]>;
  /** Move every message back to the review queue; returns how many moved. */
  redrive(onProgress?: (moved: number) => void): Promise<number>;
}

export interface RateLimiter {
  /**
   * Atomically: if every counter is below its limit, add one to each and return undefined; otherwise change nothing
   * and return a limit that is reached.
   */
  take(counters: readonly RateLimit[]): Promise<RateLimit | undefined>;
  /** Give back one taken earlier from each counter (a charge made in advance that turned out not to be owed). */
  refund(counters: readonly RateLimit[]): Promise<void>;
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
  readonly dependency: 'store' | 'queue' | 'notifier' | 'secrets';
  constructor(dependency: 'store' | 'queue' | 'notifier' | 'secrets', options?: { cause?: unknown }) {
    super(`${dependency} unavailable`, options);
    this.name = 'DependencyUnavailableError';
    this.dependency = dependency;
  }
}

/** A page token (`--page`) that is not one the store handed out. */
export class InvalidPageTokenError extends Error {
  constructor() {
    super('invalid page token');
    this.name = 'InvalidPageTokenError';
  }
}
