/**
 * Where an application is in its life. Intake creates applications as `submitted` (or `spam` when trapped); the
 * review worker and ops move them on. The allowed transitions live in one place next to this file (added with
 * the review pipeline); this file only names the states (presentation/labels-zh.ts words them).
 */
export const applicationStatuses = [
  'submitted',
  'pending_review',
  'contacted',
  'approved',
  'shipped',
  'activated',
  'rejected',
  'withdrawn',
  /** Trapped by the honeypot or the fill-time check: kept for ops statistics, never shown to anyone as found. */
  'spam',
] as const;

export type ApplicationStatus = (typeof applicationStatuses)[number];

/** Every status a person works with: all but `spam`. Queues, counts, listings and exports offer these. */
export const workableStatuses = applicationStatuses.filter((status): status is Exclude<ApplicationStatus, 'spam'> => status !== 'spam');

/** The status every genuine application starts in. */
export const INITIAL_STATUS = 'submitted' satisfies ApplicationStatus;
