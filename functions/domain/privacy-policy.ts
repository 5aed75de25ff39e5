/**
 * The privacy policy a merchant agrees to when applying. The form sends this version with the consent,
 * intake stores it on the application, and /privacy/ displays it. Bump it whenever the policy changes materially.
 */
export const PRIVACY_POLICY_VERSION = '2026-11-25';

/** Default number of days personal data is kept after an application closes (DynamoDB TTL); /privacy/ states it. */
export const DEFAULT_RETENTION_DAYS = 180;

/** When the personal data of an application closed at `closedAt` expires. */
export function personalDataExpiry(closedAt: Date, retentionDays: number): Date {
  return new Date(closedAt.getTime() + retentionDays * 86_400_000);
}
