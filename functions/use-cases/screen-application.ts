/**
 * Screen one application named by a review message: `submitted → pending_review` (and tell ops), or
 * `submitted → rejected` with a machine-readable code (rules in domain/screening.ts).
 *
 * Idempotent on the reference: the write is conditional on the application still being `submitted` with the history
 * it had when read, so a redelivered or duplicated message (the intake outbox may send two) changes nothing twice.
 * The notice to ops is at-least-once: it is marked sent only after it went out, and a redelivery of an application
 * still waiting in pending_review sends it again if the first attempt failed.
 */
import { maskPhone } from '#domain/phone.ts';
import type { BlockedPhoneList, Clock, OpsNotifier, ReviewStore } from '#domain/ports.ts';
import type { ScreeningRecord, StoredApplication } from '#domain/records.ts';
import { SAME_PHONE_WINDOW_DAYS, screen, type ScreeningDecision } from '#domain/screening.ts';
import type { ApplicationStatus } from '#domain/application-status.ts';
import { planStatusChange, SCREENING_ACTOR } from '#domain/status-transitions.ts';
import { daysBefore } from '#domain/time.ts';

export interface ScreenApplicationDeps {
  applications: ReviewStore;
  blockedPhones: Pick<BlockedPhoneList, 'isBlocked'>;
  notifier: OpsNotifier;
  clock: Clock;
  /** Days personal data is kept after an application closes (a rejection closes it). */
  retentionDays: number;
}

export type ScreeningOutcome =
  | { kind: 'screened'; reference: string; decision: ScreeningDecision }
  /** Not `submitted` any more: a redelivery or a duplicate message. Nothing changed. */
  | { kind: 'already_screened'; reference: string; status: ApplicationStatus; renotified: boolean }
  /** No such application (e.g. erased and gone, or a hand-made message): acknowledged, not retried. */
  | { kind: 'unknown_reference'; reference: string }
  /** Trapped spam is never reviewed. */
  | { kind: 'spam'; reference: string };

/** Re-reads after a concurrent change before giving up (a concurrent change normally means another delivery won). */
const MAX_ATTEMPTS = 3;

export async function screenApplication(reference: string, deps: ScreenApplicationDeps): Promise<ScreeningOutcome> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const record = await deps.applications.findByReference(reference);
    if (!record) return { kind: 'unknown_reference', reference };
    if (record.kind === 'spam') return { kind: 'spam', reference };
    if (record.status !== 'submitted') {
      const renotify = record.status === 'pending_review' && record.screening?.outcome === 'pending_review' && !record.screening.notifiedAt;
      if (renotify) await announce(record, deps);
      return { kind: 'already_screened', reference, status: record.status, renotified: renotify };
    }

    const now = deps.clock.now();
    const windowStart = daysBefore(record.createdAt, SAME_PHONE_WINDOW_DAYS);
    const [phoneBlocked, samePhone] = record.phoneHash
      ? await Promise.all([deps.blockedPhones.isBlocked(record.phoneHash), deps.applications.findByPhoneHash(record.phoneHash, windowStart)])
      : [false, []];
    const decision = screen({ application: record, phoneBlocked, samePhone });

    const screening: ScreeningRecord = {
      at: now.toISOString(),
      outcome: decision.outcome,
      signals: decision.signals,
      ...(decision.outcome === 'rejected' && { code: decision.code }),
    };
    const update = planStatusChange(
      record,
      decision.outcome,
      {
        at: now,
        by: SCREENING_ACTOR,
        ...(decision.outcome === 'rejected' && { code: decision.code }),
      },
      deps.retentionDays,
    );
    if ((await deps.applications.updateStatus({ ...update, screening })) === 'conflict') continue;

    if (decision.outcome === 'pending_review') {
      // Linked after the status write, so a redelivery that finds it screened already changes nothing; a link lost to
      // a crash in between only means the reviewer sees the other application from the phone number search.
      if (decision.samePhoneAs.length > 0) await deps.applications.linkSamePhone(reference, decision.samePhoneAs);
      await announce(record, deps);
    }
    return { kind: 'screened', reference, decision };
  }
  throw new Error(`screening ${reference}: the application kept changing during ${MAX_ATTEMPTS} attempts`);
}

async function announce(application: StoredApplication, deps: Pick<ScreenApplicationDeps, 'notifier' | 'applications' | 'clock'>): Promise<void> {
  await deps.notifier.announcePendingReview({
    reference: application.reference,
    brand: application.brand,
    city: application.city,
    ...(application.phone !== undefined && { maskedPhone: maskPhone(application.phone) }),
  });
  await deps.applications.markNotified(application.reference, deps.clock.now().toISOString());
}
