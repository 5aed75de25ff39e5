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
  | { action: 'phone_blocked' | 'phone_unblocked'; at: string; by: string };

export interface ConsoleActivityLog {
  /** Record the reveal; resolves only once it is stored (nothing is shown before the audit entry exists). */
  recordReveal(reference: string, entry: { at: string; by: string }): Promise<void>;
  /** False when the application has no personal data any more (a note has nowhere to live). */
  addNote(reference: string, entry: { at: string; by: string; text: string }): Promise<boolean>;
  /** Record blocking or unblocking the application's phone. */
  recordBlocking(reference: string, entry: { action: 'phone_blocked' | 'phone_unblocked'; at: string; by: string }): Promise<void>;
  /** Reveals, blocking and (while the personal data lasts) notes, oldest first. */
  activityOf(reference: string): Promise<ConsoleActivity[]>;
}

/** `console:<user>`: the history's name for someone signed in to the console (the CLI writes `ops:<user>`). */
export function consoleActor(user: string): string {
  return `console:${user}`;
}

/** Longest note accepted; a note is a reminder for the next call, not a document. */
export const MAX_NOTE_LENGTH = 500;
