/**
 * What a reviewer should notice about an application before calling, as codes: each surface (console, CLI) renders
 * its own words for them (presentation/labels-zh.ts).
 */
import type { SoftSignal } from './anti-spam.ts';
import { personalDataStateOf } from './personal-data.ts';
import type { ScreeningRejectionCode, StoredApplication } from './records.ts';

export type ReviewFlag =
  | { code: 'screening_rejected'; reason: ScreeningRejectionCode }
  | { code: 'soft_signal'; signal: SoftSignal }
  | { code: 'same_phone'; applications: number }
  | { code: 'personal_data'; state: 'erased' | 'expired' };

/** Screening's rejection, soft signals, other applications from the same phone, and the personal-data state. */
export function reviewFlagsOf(application: StoredApplication): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  const reason = application.screening?.code;
  if (reason) flags.push({ code: 'screening_rejected', reason });
  for (const signal of application.signals ?? []) flags.push({ code: 'soft_signal', signal });
  if (application.samePhoneAs?.length) flags.push({ code: 'same_phone', applications: application.samePhoneAs.length });
  const state = personalDataStateOf(application);
  if (state !== 'present') flags.push({ code: 'personal_data', state });
  return flags;
}
