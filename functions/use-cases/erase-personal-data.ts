/**
 * PIPL deletion on a merchant's request, by reference or by phone number. Every trace of the person goes: name, phone,
 * phone hash, note, the free text ops wrote about them, the intake idempotency record, the same-phone links — and the
 * phone's entry on the blocked list once no application of that phone keeps personal data. The day's rate-limit
 * counter is keyed by a hash of phone and address together (the address is never stored, so the key cannot be
 * rebuilt here); it holds no phone and expires by itself within about a day. What stays
 * is the anonymised record (status, history codes, city, brand, attribution) marked with who erased it and when.
 * An application still open is withdrawn in the same write: nobody can work on it without a phone number.
 *
 * Two steps so the CLI can show what will go and ask first: findErasable, then erase.
 */
import type { Clock, BackOfficeStore } from '#domain/ports.ts';
import type { StoredApplication } from '#domain/records.ts';
import { isOpen, planStatusChange } from '#domain/status-transitions.ts';

/** One application, or every application of a phone number (given as its keyed hash, as stored). */
export type ErasureTarget = { reference: string } | { phoneHash: string };

export interface ErasePersonalDataDeps {
  applications: Pick<BackOfficeStore, 'findByReference' | 'findByPhoneHash' | 'erasePersonalData' | 'unblock'>;
  clock: Clock;
}

export type ErasablePlan =
  | {
      kind: 'found';
      applications: StoredApplication[];
      /** Set when erasing by phone: its blocked-list entry goes too. */
      phoneHash?: string;
    }
  | { kind: 'not_found' }
  /** A trapped spam submission never held personal data. */
  | { kind: 'spam' };

export async function findErasable(target: ErasureTarget, deps: ErasePersonalDataDeps): Promise<ErasablePlan> {
  if ('reference' in target) {
    const record = await deps.applications.findByReference(target.reference);
    if (!record) return { kind: 'not_found' };
    return record.kind === 'spam' ? { kind: 'spam' } : { kind: 'found', applications: [record] };
  }
  return { kind: 'found', applications: await deps.applications.findByPhoneHash(target.phoneHash), phoneHash: target.phoneHash };
}

export interface ErasureReport {
  erased: { reference: string; hadPersonalData: boolean; withdrawn: boolean }[];
  /** A blocked-list entry was removed with the last personal data of its phone. */
  unblocked: boolean;
}

const MAX_ATTEMPTS = 3;

export async function erase(plan: Extract<ErasablePlan, { kind: 'found' }>, by: string, deps: ErasePersonalDataDeps): Promise<ErasureReport> {
  const report: ErasureReport = { erased: [], unblocked: false };
  const phoneHashes = new Set(plan.phoneHash ? [plan.phoneHash] : []);

  for (const { reference } of plan.applications) {
    for (let attempt = 1; ; attempt++) {
      // Read afresh: ops may have moved it since the plan was shown.
      const current = await deps.applications.findByReference(reference);
      if (current?.kind !== 'application') break;
      const at = deps.clock.now();
      // Retention is moot for this withdrawal (0 days): the personal data goes now, in the same write.
      const withdrawal = isOpen(current.status) ? planStatusChange(current, 'withdrawn', { at, by, code: 'erased' }, 0) : undefined;
      const outcome = await deps.applications.erasePersonalData({
        reference,
        at: at.toISOString(),
        by,
        ...(withdrawal && { withdrawal: { expected: withdrawal.expected, change: withdrawal.change, statsDelta: withdrawal.statsDelta } }),
      });
      if (outcome.kind === 'erased') {
        report.erased.push({ reference, hadPersonalData: outcome.hadPersonalData, withdrawn: withdrawal !== undefined });
        if (outcome.phoneHash) phoneHashes.add(outcome.phoneHash);
        break;
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`erasing ${reference}: the application kept changing during ${MAX_ATTEMPTS} attempts`);
    }
  }

  for (const phoneHash of phoneHashes) {
    const remaining = (await deps.applications.findByPhoneHash(phoneHash)).filter((application) => application.phone !== undefined);
    if (remaining.length === 0 && (await deps.applications.unblock(phoneHash))) report.unblocked = true;
  }
  return report;
}
