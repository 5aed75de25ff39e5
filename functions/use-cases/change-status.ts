/**
 * Ops move an application along (`advance`, `reject`, `withdraw` in the CLI). The transition is checked by the domain
 * (domain/status-transitions.ts) against the status read; the write is conditional on that status, so two people
 * deciding at once cannot both win: the second is re-checked against what the first did.
 */
import type { ApplicationStatus } from '#domain/application-status.ts';
import { ownershipRefusal, type Actor, type OwnedByOther } from '#domain/leads.ts';
import type { Clock, ReviewStore } from '#domain/ports.ts';
import type { StoredApplication } from '#domain/records.ts';
import { checkTransition, planStatusChange, type TransitionRefusal } from '#domain/status-transitions.ts';

export interface ChangeStatusCommand {
  reference: string;
  to: ApplicationStatus;
  /** `ops:<user>`. */
  by: string;
  /** Why, in ops' own words (stored with the personal data). */
  reason?: string;
}

export interface ChangeStatusDeps {
  applications: Pick<ReviewStore, 'findByReference' | 'updateStatus'>;
  clock: Clock;
  retentionDays: number;
}

export type ChangeStatusOutcome =
  | {
      kind: 'changed';
      reference: string;
      from: ApplicationStatus;
      to: ApplicationStatus;
      personalDataExpiresAt?: string;
      /** The command's reason could not be kept: it is stored with the personal data, which is already gone. */
      reasonDropped: boolean;
    }
  | { kind: 'not_found'; reference: string }
  /** The transition is not allowed, and why. */
  | { kind: 'refused'; reference: string; from: ApplicationStatus; refusal: TransitionRefusal };

const MAX_ATTEMPTS = 3;

export function changeStatus(command: ChangeStatusCommand, deps: ChangeStatusDeps): Promise<ChangeStatusOutcome> {
  return changeStatusUnless<never>(command, deps, () => undefined);
}

/**
 * As changeStatus, by a console user: refused while someone else follows the application up, unless the user is an
 * admin. Checked on the record the change is planned from, so it costs no read of its own; the write is conditional
 * on that record's status and history, as every status change is.
 */
export function changeStatusAsUser(command: ChangeStatusCommand, user: Actor, deps: ChangeStatusDeps): Promise<ChangeStatusOutcome | OwnedByOther> {
  return changeStatusUnless(command, deps, (application) => ownershipRefusal(application, user));
}

/** The change, unless `refusalOf` the application read refuses it (before the transition is checked). */
async function changeStatusUnless<Refusal>(
  command: ChangeStatusCommand,
  deps: ChangeStatusDeps,
  refusalOf: (application: StoredApplication) => Refusal | undefined,
): Promise<ChangeStatusOutcome | Refusal> {
  const { reference, to } = command;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const record = await deps.applications.findByReference(reference);
    if (!record) return { kind: 'not_found', reference };
    const refusal = record.kind === 'application' ? refusalOf(record) : undefined;
    if (refusal !== undefined) return refusal;
    const check = checkTransition(record.status, to);
    if (!check.allowed) return { kind: 'refused', reference, from: record.status, refusal: check.refusal };
    // checkTransition refuses every change of spam; this only tells the compiler.
    if (record.kind === 'spam') throw new Error('unreachable: a spam record passed checkTransition');

    const application: StoredApplication = record;
    const update = planStatusChange(
      application,
      to,
      { at: deps.clock.now(), by: command.by, ...(command.reason !== undefined && { reason: command.reason }) },
      deps.retentionDays,
    );
    const written = await deps.applications.updateStatus(update);
    if (written === 'conflict') continue;
    return {
      kind: 'changed',
      reference,
      from: application.status,
      to,
      ...(update.personalDataExpiresAt !== undefined && { personalDataExpiresAt: update.personalDataExpiresAt }),
      reasonDropped: written === 'updated_without_reason',
    };
  }
  throw new Error(`changing ${reference}: the application kept changing during ${MAX_ATTEMPTS} attempts`);
}
