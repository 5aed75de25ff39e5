/**
 * The promise the site makes to every merchant about the first call: one constant, read by the sentence merchants see
 * (the apply page, the thank-you page) and by the due time each application gets in the queue (domain/leads.ts), so
 * the two cannot drift apart. No imports: the apply page's script bundles this file.
 */

/** We call within this many working days of the submission (mainland China's calendar, china-working-calendar.ts). */
export const FIRST_CALL_WORKING_DAYS = { usually: 1, atMost: 2 } as const;

/** `1–2 个工作日内`: the promise as the site words it. */
export const firstCallPromisePeriod = `${FIRST_CALL_WORKING_DAYS.usually}–${FIRST_CALL_WORKING_DAYS.atMost} 个工作日内`;
