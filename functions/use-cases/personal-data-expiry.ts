/**
 * What must follow when DynamoDB TTL deletes an application's personal data (RETENTION_DAYS after it closed, or at
 * the latest OPEN_APPLICATION_RETENTION_DAYS after submission): the same as after an erasure, its same-phone links go,
 * both ways. A link left on the same person's other application would tie this now anonymous record (attribution,
 * history, who looked) to the person named there. The unlinking itself is ReviewStore.unlinkSamePhone, the one
 * erasure uses (dynamodb-back-office-store.ts erasePersonalData), so erasure and expiry cannot drift apart.
 *
 * Nothing else holds the reference together with something that names the person once the personal-data item is
 * gone: the byPhone index keys, notes and quotes were on that item; activity, call attempts and the owner are
 * anonymous (who worked on it, when); statistics hold no reference at all.
 */
import type { ReviewStore } from '#domain/ports.ts';

export interface PersonalDataExpiryDeps {
  applications: Pick<ReviewStore, 'unlinkSamePhone'>;
}

/** Idempotent: a redelivered or repeated expiry finds nothing more to unlink. */
export async function unlinkExpiredPersonalData(reference: string, deps: PersonalDataExpiryDeps): Promise<void> {
  await deps.applications.unlinkSamePhone(reference);
}
