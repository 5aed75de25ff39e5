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
import { statusLabels, type ApplicationStatus } from './application-status.ts';
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

export type TransitionCheck = { allowed: true } | { allowed: false; message: string };

/** `“审核中”(pending_review)`: how the CLI names a status in messages. */
export function describeStatus(status: ApplicationStatus): string {
  return status === 'spam' ? '“垃圾提交”(spam)' : `“${statusLabels[status]}”(${status})`;
}

/** Whether `from → to` is allowed, and if not, why, in Chinese and English (shown to ops as is). */
export function checkTransition(from: ApplicationStatus, to: ApplicationStatus): TransitionCheck {
  if (to === 'spam') {
    return refuse('不能把申请改为垃圾提交：只有提交时的自动检查会这样判定。', 'No application can be moved to spam; only intake marks spam.');
  }
  if (from === 'spam') {
    return refuse('垃圾提交不参与审核流程，状态不能更改。', 'Spam submissions are outside the review flow; their status cannot change.');
  }
  if (from === to) {
    return refuse(`申请已经是${describeStatus(from)}，无需更改。`, `The application is already ${from}.`);
  }
  if (isClosed(from)) {
    return refuse(`申请已办结（${describeStatus(from)}），不能再改为${describeStatus(to)}。`, `The application is closed (${from}); it cannot move to ${to}.`);
  }
  const allowed = allowedTransitions(from);
  if (allowed.includes(to)) return { allowed: true };
  return refuse(
    `不能从${describeStatus(from)}改为${describeStatus(to)}：下一步只能是 ${allowed.join('、')}。`,
    `Cannot move from ${from} to ${to}; allowed: ${allowed.join(', ')}.`,
  );
}

function refuse(chinese: string, english: string): TransitionCheck {
  return { allowed: false, message: `${chinese}\n${english}` };
}

/** A refused status change; the message is bilingual and safe to show (no personal data). */
export class InvalidTransitionError extends Error {
  readonly from: ApplicationStatus;
  readonly to: ApplicationStatus;
  constructor(from: ApplicationStatus, to: ApplicationStatus, message: string) {
    super(message);
    this.name = 'InvalidTransitionError';
    this.from = from;
    this.to = to;
  }
}

/** Throws InvalidTransitionError unless `from → to` is allowed. */
export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  const check = checkTransition(from, to);
  if (!check.allowed) throw new InvalidTransitionError(from, to, check.message);
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
