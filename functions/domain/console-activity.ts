import { hasUnsafeText } from './application.ts';
import type { CallOutcome } from './leads.ts';

/**
 * What people do in the review console besides changing a status: revealing a phone number (an audited act: the
 * number is personal data) and adding notes. Shown in the application's history beside the status changes.
 */

/** Who did what in the console; `by` is `console:<user>` (see consoleActor). */
export type ConsoleActivity =
  /** The full phone number was shown. Kept with the anonymised record: who looked, and when, outlives the number. */
  | { action: 'phone_revealed'; at: string; by: string }
  /** Free text about the merchant: personal data, so it is stored with the name and phone and goes with them. */
  | { action: 'note'; at: string; by: string; text: string /** The call attempt it was written with, if any. */; callOutcome?: CallOutcome }
  /** An admin put the application's phone on the blocked list, or took it off (kept with the anonymised record). */
  | { action: 'phone_blocked' | 'phone_unblocked'; at: string; by: string }
  /** Ownership of the lead (domain/leads.ts): claimed by `by`, or moved by an admin from `from` to `to`. */
  | LeadEvent;

/** A note: kept on the personal data, so it is read with the name and phone (BackOfficeStore.findWithNotesAndQuotes). */
export type ConsoleNote = Extract<ConsoleActivity, { action: 'note' }>;

/** Lead events, kept with the anonymised record: who owned it when, and who found it by the merchant's phone number. */
export type LeadEvent =
  | { action: 'claimed'; at: string; by: string }
  | { action: 'reassigned'; at: string; by: string; from?: string; to: string }
  /** The application turned up in a search by its full phone number (a reveal of sorts: audited the same way). */
  | { action: 'phone_searched'; at: string; by: string };

export type ActivityAppendOutcome =
  | 'recorded'
  /** A note, when the application has no personal data any more (a note has nowhere to live). */
  | 'no_personal_data'
  /** A note, when the application already holds MAX_NOTES_PER_APPLICATION. */
  | 'notes_full';

/** A change to the blocked list made from one application, with the history entry that records it. */
export interface PhoneBlockingChange {
  reference: string;
  phoneHash: string;
  entry: { action: 'phone_blocked' | 'phone_unblocked'; at: string; by: string };
  reason?: string;
}

/**
 * The activity log: each entry is stored on its own (never appended to an item without bound), so no amount of
 * activity can make an application too large to update or erase.
 */
export interface ConsoleActivityLog {
  /**
   * Append one entry to the application's history: THE way every console act is recorded. Resolves only once it is
   * stored (a reveal shows nothing before its entry exists).
   */
  append(reference: string, entry: ConsoleActivity): Promise<ActivityAppendOutcome>;
  /** Put the phone on the blocked list or take it off, and record it, in one atomic write. */
  changePhoneBlocking(change: PhoneBlockingChange): Promise<void>;
  /**
   * The latest MAX_ACTIVITY_SHOWN entries (notes only while the personal data lasts), oldest first. `notes`: the
   * application's notes when the caller has read them already, with its personal data; then only the other entries
   * are read.
   */
  activityOf(reference: string, notes?: readonly ConsoleNote[]): Promise<ConsoleActivity[]>;
}

/** Notes one application can hold (they are stored with its personal data): reminders for calls, not a file. */
export const MAX_NOTES_PER_APPLICATION = 50;
/** Entries the detail shows; older reveals stay stored (the audit) but are not sent to the browser each time. */
export const MAX_ACTIVITY_SHOWN = 200;

/** `console:<user>`: the history's name for someone signed in to the console (the CLI writes `ops:<user>`). */
export function consoleActor(user: string): string {
  return `console:${user}`;
}

/** Longest note accepted; a note is a reminder for the next call, not a document. */
export const MAX_NOTE_LENGTH = 500;

/**
 * Staff free text (console notes and status reasons, the CLI's --note and --reason): one rule for every way in. The
 * merchant note's rule (no controls, zero-width or bidirectional-override characters) with line breaks only as LF:
 * tab and CR have no use in a note and can hide text in a terminal.
 */
export function isSafeStaffText(text: string): boolean {
  return !/[\t\r]/.test(text) && !hasUnsafeText(text);
}

export const unsafeStaffTextMessage = '含有无法显示的控制字符或文字方向控制字符，请删除后再提交';

/**
 * An act on personal data that spans applications (today: an admin's unmasked export): who, when, what was asked for
 * and how many rows — never the data. Kept in the table for good, unlike a log line, and listed to admins.
 */
export interface AuditEntry {
  action: 'personal_data_exported';
  at: string;
  by: string;
  rows: number;
  /** The export's filters as asked (status, brand, since); absent ones left out. */
  filters: Record<string, string>;
}

export interface AuditLog {
  /** Resolves only once the entry is stored: the caller shows nothing before it is. */
  record(entry: AuditEntry): Promise<void>;
  /** The latest entries, newest first (this month and last). */
  recent(limit: number): Promise<AuditEntry[]>;
}

/**
 * Activity written before it became one item per entry: reveals (`consoleReveals`) and blocking (`consoleBlocking`)
 * were lists on the application item, which neither the console nor `ops show` reads any more, and which could grow
 * until the item could no longer be updated or erased. Moving them is idempotent.
 */
export interface EmbeddedActivityMigration {
  /** Move the application's embedded entries to activity items and drop the lists; how many entries it moved. */
  moveEmbeddedEntries(reference: string): Promise<number>;
}
