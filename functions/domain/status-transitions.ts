/**
 * THE place that decides how an application may move. The review worker, the ops CLI and the store's conditional
 * writes all go through checkTransition / statusChange; nothing else compares statuses to allow a change.
 *
 *   submitted → pending_review → contacted → approved → shipped → activated
 *       │             │              │           │          │
 *       └─────────────┴──────────────┴───────────┴──────────┴──→ rejected | withdrawn
 *
 * One step forward at a time, or out to `rejected` / `withdrawn` from any open state. `activated`, `rejected` and
 * `withdrawn` close an application: its personal data then expires after the retention period. `spam` is outside
 * the flow: intake stores it and nothing moves into or out of it.
 */
import type { ApplicationStatus } from './application-status.ts';
import { toCallOrderOf } from './leads.ts';
import type { StatusUpdate } from './ports.ts';
import type { StatusChange, StoredApplication } from './records.ts';
import { personalDataExpiry } from './privacy-policy.ts';
import { statusChangeDelta } from './stats-counters.ts';

/** The forward path, in order. */
export const reviewFlow = ['submitted', 'pending_review', 'contacted', 'approved', 'shipped', 'activated'] as const satisfies readonly ApplicationStatus[];

/** Ways out of the flow, allowed from every open status. */
export const exitStatuses = ['rejected', 'withdrawn'] as const satisfies readonly ApplicationStatus[];

/** Still being worked on: ops (and the worker) may move these. */
export const openStatuses = ['submitted', 'pending_review', 'contacted', 'approved', 'shipped'] as const satisfies readonly ApplicationStatus[];

/** Finished: nothing moves them any more, and their personal data expires RETENTION_DAYS after closing. */
export const closedStatuses = ['activated', 'rejected', 'withdrawn'] as const satisfies readonly ApplicationStatus[];

export type OpenStatus = (typeof openStatuses)[number];
export type ClosedStatus = (typeof closedStatuses)[number];

export function isOpen(status: ApplicationStatus): status is OpenStatus {
  return (openStatuses as readonly ApplicationStatus[]).includes(status);
}

export function isClosed(status: ApplicationStatus): status is ClosedStatus {
  return (closedStatuses as readonly ApplicationStatus[]).includes(status);
}

/** Where an application in `from` may go next: the next step of the flow, then the exits. Empty when closed or spam. */
export function allowedTransitions(from: ApplicationStatus): ApplicationStatus[] {
  if (!isOpen(from)) return [];
  const next = reviewFlow[reviewFlow.indexOf(from) + 1]!;
  return [next, ...exitStatuses];
}

/**
 * Why a change is refused, as data: presentation/labels-zh.ts words it for people (console, CLI), and
 * transitionRefusalMessage in English for errors and logs.
 */
export interface TransitionRefusal {
  reason: 'into_spam' | 'out_of_spam' | 'unchanged' | 'closed' | 'not_next';
  from: ApplicationStatus;
  to: ApplicationStatus;
  /** Where `from` may go instead (empty unless `not_next`). */
  allowed: readonly ApplicationStatus[];
}

export type TransitionCheck = { allowed: true } | { allowed: false; refusal: TransitionRefusal };

/** Whether `from → to` is allowed, and if not, why. */
export function checkTransition(from: ApplicationStatus, to: ApplicationStatus): TransitionCheck {
  const refuse = (reason: TransitionRefusal['reason'], allowed: readonly ApplicationStatus[] = []): TransitionCheck => ({
    allowed: false,
    refusal: { reason, from, to, allowed },
  });
  if (to === 'spam') return refuse('into_spam');
  if (from === 'spam') return refuse('out_of_spam');
  if (from === to) return refuse('unchanged');
  if (isClosed(from)) return refuse('closed');
  const allowed = allowedTransitions(from);
  return allowed.includes(to) ? { allowed: true } : refuse('not_next', allowed);
}

/** The refusal in English: the error's message, and the CLI's second line under the Chinese. */
export function transitionRefusalMessage({ reason, from, to, allowed }: TransitionRefusal): string {
  switch (reason) {
    case 'into_spam':
      return 'No application can be moved to spam; only intake marks spam.';
    case 'out_of_spam':
      return 'Spam submissions are outside the review flow; their status cannot change.';
    case 'unchanged':
      return `The application is already ${from}.`;
    case 'closed':
      return `The application is closed (${from}); it cannot move to ${to}.`;
    case 'not_next':
      return `Cannot move from ${from} to ${to}; allowed: ${allowed.join(', ')}.`;
  }
}

/** A refused status change; the message is English and safe to log (no personal data). */
export class InvalidTransitionError extends Error {
  readonly refusal: TransitionRefusal;
  constructor(refusal: TransitionRefusal) {
    super(transitionRefusalMessage(refusal));
    this.name = 'InvalidTransitionError';
    this.refusal = refusal;
  }
}

/** Throws InvalidTransitionError unless `from → to` is allowed. */
export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  const check = checkTransition(from, to);
  if (!check.allowed) throw new InvalidTransitionError(check.refusal);
}

/** Who changed a status, as recorded in the history. */
export const INTAKE_ACTOR = 'intake';
export const SCREENING_ACTOR = 'system:screening';
/** `ops:<user>` for people working the queue with the ops CLI. */
export function opsActor(user: string): string {
  return `ops:${user}`;
}

export interface StatusChangeDetails {
  at: Date;
  by: string;
  reason?: string;
  code?: StatusChange['code'];
}

/**
 * The conditional write for moving `application` to `to`: refused with InvalidTransitionError unless allowed;
 * expects the status and history the caller read; a closing change sets when the personal data expires.
 */
export function planStatusChange(
  application: Pick<StoredApplication, 'reference' | 'status' | 'statusHistory' | 'createdAt' | 'attribution' | 'owner' | 'brand' | 'calls'>,
  to: ApplicationStatus,
  details: StatusChangeDetails,
  retentionDays: number,
): StatusUpdate {
  assertTransition(application.status, to);
  const change: StatusChange = {
    status: to,
    at: details.at.toISOString(),
    by: details.by,
    ...(details.reason !== undefined && { reason: details.reason }),
    ...(details.code !== undefined && { code: details.code }),
  };
  return {
    reference: application.reference,
    expected: { status: application.status, historyLength: application.statusHistory.length },
    change,
    ...(isClosed(to) && { personalDataExpiresAt: personalDataExpiry(details.at, retentionDays).toISOString() }),
    statsDelta: statusChangeDelta(application, to, details.code),
    ...(to === 'pending_review' && { toCallOrder: toCallOrderOf(application) }),
  };
}
