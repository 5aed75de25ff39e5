/**
 * The promise the site makes to every merchant about the first call: one constant, read by the sentence merchants see
 * (the apply page, the thank-you page) and by the due time each application gets in the queue (domain/leads.ts), so
 * the two cannot drift apart. No imports: pages' scripts may bundle this file.
 */

/** We call within this many working days of the submission (mainland China's calendar, china-working-calendar.ts). */
export const FIRST_CALL_WORKING_DAYS = { usually: 1, atMost: 2 } as const;

/** `1–2 个工作日内`: the promise as the site words it. */
// Marked pure (like html-fragments.ts NEXT_STEPS_HTML) so a bundle that imports the module without reading this drops it.
export const firstCallPromisePeriod = /* @__PURE__ */ promisePeriodText(FIRST_CALL_WORKING_DAYS);

function promisePeriodText(days: typeof FIRST_CALL_WORKING_DAYS): string {
  return `${days.usually}–${days.atMost} 个工作日内`;
}
