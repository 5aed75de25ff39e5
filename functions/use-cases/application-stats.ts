/**
 * Figures over the last N China calendar days, from the anonymised records (no personal data is read): the ops CLI's
 * `stats` and the console's statistics page use this one function.
 */
import { applicationStatuses } from '#domain/application-status.ts';
import type { Clock, OpsStore } from '#domain/ports.ts';
import type { StoredRecord } from '#domain/records.ts';
import { chinaDay, daysBefore, startOfChinaDay } from '#domain/time.ts';
import { computeStats, type ApplicationStats } from '../ops/stats.ts';

const PAGE_SIZE = 500;

export async function collectApplicationStats(days: number, deps: { applications: Pick<OpsStore, 'listApplications'>; clock: Clock }): Promise<ApplicationStats> {
  const now = deps.clock.now();
  const firstDay = daysBefore(`${chinaDay(now.toISOString())}T00:00:00.000Z`, days - 1).slice(0, 10);
  const records: StoredRecord[] = [];
  let page: string | undefined;
  do {
    const result = await deps.applications.listApplications({
      statuses: applicationStatuses,
      createdSince: startOfChinaDay(firstDay)!,
      limit: PAGE_SIZE,
      withPersonalData: false,
      ...(page !== undefined && { page }),
    });
    records.push(...result.items);
    page = result.next;
  } while (page);
  return computeStats(records, now, days);
}
