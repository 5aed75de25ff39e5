/**
 * What people do in the review console besides changing a status: revealing a phone number (an audited act: the
 * number is personal data) and adding notes. Shown in the application's history beside the status changes.
 */

/** Who did what in the console; `by` is `console:<user>` (see consoleActor). */
export type ConsoleActivity =
  /** The full phone number was shown. Kept with the anonymised record: who looked, and when, outlives the number. */
  | { action: 'phone_revealed'; at: string; by: string }
  /** Free text about the merchant: personal data, so it is stored with the name and phone and goes with them. */
  | { action: 'note'; at: string; by: string; text: string }
  /** An admin put the application's phone on the blocked list, or took it off (kept with the anonymised record). */
  | { action: 'phone_blocked' | 'phone_unblocked'; at: string; by: string }
  /** Ownership of the lead (domain/leads.ts): claimed by `by`, or moved by an admin from `from` to `to`. */
  | LeadEvent;

/** Lead events, kept with the anonymised record: who owned it when, and who found it by the merchant's phone number. */
export type LeadEvent =
  | { action: 'claimed'; at: string; by: string }
  | { action: 'reassigned'; at: string; by: string; from?: string; to: string }
  /** The application turned up in a search by its full phone number (a reveal of sorts: audited the same way). */
  | { action: 'phone_searched'; at: string; by: string };

export interface ConsoleActivityLog {
  /** Record the reveal; resolves only once it is stored (nothing is shown before the audit entry exists). */
  recordReveal(reference: string, entry: { at: string; by: string }): Promise<void>;
  /** False when the application has no personal data any more (a note has nowhere to live). */
  addNote(reference: string, entry: { at: string; by: string; text: string }): Promise<boolean>;
  /** Record blocking or unblocking the application's phone. */
  recordBlocking(reference: string, entry: { action: 'phone_blocked' | 'phone_unblocked'; at: string; by: string }): Promise<void>;
  /** Record a claim, a reassignment or a phone search (through the same append as every other entry). */
  recordLeadEvent(reference: string, entry: LeadEvent): Promise<void>;
  /** Reveals, blocking, lead events and (while the personal data lasts) notes, oldest first. */
  activityOf(reference: string): Promise<ConsoleActivity[]>;
}

/** `console:<user>`: the history's name for someone signed in to the console (the CLI writes `ops:<user>`). */
export function consoleActor(user: string): string {
  return `console:${user}`;
}

/** Longest note accepted; a note is a reminder for the next call, not a document. */
export const MAX_NOTE_LENGTH = 500;
