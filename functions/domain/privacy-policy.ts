/**
 * The privacy policy a merchant agrees to when applying. The form sends this version with the consent,
 * intake stores it on the application, and /privacy/ displays it. Bump it whenever the policy changes materially.
 */
import { DAY_MS } from './time.ts';

export const PRIVACY_POLICY_VERSION = '2026-11-25';

/** Default number of days personal data is kept after an application closes (DynamoDB TTL); /privacy/ states it. */
export const DEFAULT_RETENTION_DAYS = 180;

/**
 * Days the personal data of an application that never closes is kept, counted from when it was submitted (DynamoDB
 * TTL, set at intake); /privacy/ states it. Without it, a merchant who stops answering the phone, or an application
 * ops never decide, would keep a name and phone number forever. A year is far longer than review and delivery ever
 * take (days to a few weeks), so an application being worked on never loses its data; closing it replaces this
 * expiry with closing time + the retention days above.
 */
export const OPEN_APPLICATION_RETENTION_DAYS = 365;

/** When the personal data of an application closed at `closedAt` expires. */
export function personalDataExpiry(closedAt: Date, retentionDays: number): Date {
  return new Date(closedAt.getTime() + retentionDays * DAY_MS);
}

/** When the personal data of an application submitted at `createdAt` expires if it is never closed. */
export function openApplicationPersonalDataExpiry(createdAt: Date): Date {
  return personalDataExpiry(createdAt, OPEN_APPLICATION_RETENTION_DAYS);
}
