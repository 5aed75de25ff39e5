/**
 * What the application table keeps, as the domain sees it: the records intake writes and review, ops and statistics
 * read back. Every field a merchant typed keeps the type the application schema (application.ts) gives it; the rest
 * is what intake, screening and ops add. Ports (ports.ts) move these records; nothing here knows about storage.
 */
import type { SoftSignal, SpamReason } from './anti-spam.ts';
import type { ApplicationInput, Attribution, Consent } from './application.ts';
import type { ApplicationStatus } from './application-status.ts';
import type { CallSummary, LeadOwner } from './leads.ts';

export type { Attribution } from './application.ts';

/** How an application reached us: the JavaScript form / API (`json`) or a form posted without JavaScript (`form`). */
export type IntakeChannel = 'json' | 'form';

/** Why automated screening rejects an application (the rules are in screening.ts). */
export const screeningRejectionCodes = ['incomplete', 'blocked_phone', 'spam_signal'] as const;
export type ScreeningRejectionCode = (typeof screeningRejectionCodes)[number];

/**
 * The consent as given (the schema's consent object: what was agreed, to which policy version) and when (ISO 8601,
 * server time). Kept for as long as the application. The version is widened to any string: a stored record keeps the
 * version it was given under after the policy moves on.
 */
export type ConsentRecord = Omit<Consent, 'version'> & { version: string; agreedAt: string };

/** One entry of an application's status history: who moved it where, when, and why. */
export interface StatusChange {
  status: ApplicationStatus;
  /** ISO 8601. */
  at: string;
  /** `intake`, `system:screening`, or `ops:<user>` (see domain/status-transitions.ts). */
  by: string;
  /**
   * Free text from ops (`--note`, `--reason`). It may mention the merchant, so it is stored with the personal data
   * and goes when that is erased or expires; the rest of the entry stays in the anonymised record.
   */
  reason?: string;
  /** Machine-readable why: a screening rejection code, or `erased` for a withdrawal by erasure. */
  code?: ScreeningRejectionCode | 'erased';
}

/** What automated screening decided, kept on the application for listings and statistics. */
export interface ScreeningRecord {
  /** ISO 8601. */
  at: string;
  outcome: 'pending_review' | 'rejected';
  code?: ScreeningRejectionCode;
  /** Intake's soft signals as screening saw them (flags for the person who calls). */
  signals: SoftSignal[];
  /** When ops were told about it (pending_review only); absent until the notice was sent. */
  notifiedAt?: string;
}

/**
 * What the merchant typed, as the schema validated and normalised it: name, phone (normalised 11 digits; shown masked
 * everywhere except the ops `show` command), city, merchant type, brand, terminal, volume, note; and attribution
 * (with the referrer reduced to its origin by intake). Consent is kept as a ConsentRecord, the honeypot and the form
 * token not at all.
 */
export type SubmittedFields = Pick<
  ApplicationInput,
  'name' | 'phone' | 'city' | 'merchantType' | 'brand' | 'terminalType' | 'monthlyVolume' | 'callWindow' | 'note' | 'attribution'
>;

/** A genuine application as intake stores it. Personal data: name, phone (and its hash), note. */
export interface ApplicationRecord extends SubmittedFields {
  kind: 'application';
  reference: string;
  status: ApplicationStatus;
  createdAt: string;
  updatedAt: string;
  /** Keyed hash of the phone: duplicate detection and erasure by phone without reading every item. */
  phoneHash: string;
  consent: ConsentRecord;
  /** Soft spam signals for the review worker to weigh. */
  signals: SoftSignal[];
  statusHistory: StatusChange[];
  channel: IntakeChannel;
  /** Set by the review worker. */
  screening?: ScreeningRecord;
  /**
   * Other open applications from the same phone (references), linked both ways by screening for the person who calls:
   * never shown to merchants, and never a reason to reject (see domain/screening.ts).
   */
  samePhoneAs?: string[];
  /** ISO 8601: when it reached activated, rejected or withdrawn. */
  closedAt?: string;
  /**
   * ISO 8601: when its personal data expires (DynamoDB TTL on the personal-data item): createdAt +
   * OPEN_APPLICATION_RETENTION_DAYS from intake, replaced by closedAt + RETENTION_DAYS when it closes.
   */
  personalDataExpiresAt: string;
  /** Personal data erased on request (PIPL); who did it and when. */
  erasure?: { at: string; by: string };
  /** The reviewer following the application up (domain/leads.ts); absent until someone claims it. */
  owner?: LeadOwner;
  /** What the call attempts so far came to (each attempt is also its own record). */
  calls?: CallSummary;
}

/** The fields of an application that identify a person. Stored apart; erased on request or RETENTION_DAYS after closing. */
export type PersonalData = Pick<ApplicationRecord, 'name' | 'phone' | 'phoneHash' | 'note'>;

/**
 * An application as read back: its personal data is absent once erased or expired, leaving the anonymised record
 * (status, history, city, brand, attribution…) for statistics.
 */
export type StoredApplication = Omit<ApplicationRecord, keyof PersonalData> & Partial<PersonalData>;

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
export type StoredRecord = StoredApplication | SpamRecord;

/** Remembers which reference an idempotency key produced, and a hash of the request that produced it. */
export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  reference: string;
}
