/**
 * What is left of an application's personal data, and how much of a name a listing may show. The phone's masking
 * lives with the phone (phone.ts).
 */
import type { StoredApplication } from './records.ts';

/** `present` until the merchant asks for erasure (`erased`) or the retention period ends (`expired`). */
export type PersonalDataState = 'present' | 'erased' | 'expired';

export function personalDataStateOf(application: Pick<StoredApplication, 'erasure' | 'phone'>): PersonalDataState {
  if (application.erasure) return 'erased';
  if (application.phone === undefined) return 'expired';
  return 'present';
}

/** `张*`, `欧阳**`: enough to recognise a call in a listing, not to identify anyone. */
export function maskName(name: string): string {
  const characters = Array.from(name);
  if (characters.length <= 1) return '*';
  const shown = characters.length >= 4 ? 2 : 1;
  return characters.slice(0, shown).join('') + '*'.repeat(characters.length - shown);
}
