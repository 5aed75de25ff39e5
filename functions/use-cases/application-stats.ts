/**
 * Figures over the last N China calendar days, from the anonymised records (no personal data is read): the ops CLI's
 * `stats` and the console's statistics page use this one function.
 */
import type { SpamReason } from '#domain/anti-spam.ts';
import { brands, type Brand } from '#domain/application.ts';
import { applicationStatuses, type ApplicationStatus } from '#domain/application-status.ts';
import type { BackOfficeStore, Clock } from '#domain/ports.ts';
import { screeningRejectionCodes, type ScreeningRejectionCode, type StoredRecord } from '#domain/records.ts';
import { chinaDay, daysBefore, startOfChinaDay } from '#domain/time.ts';

const PAGE_SIZE = 500;

export async function collectApplicationStats(days: number, deps: { applications: Pick<BackOfficeStore, 'listApplications'>; clock: Clock }): Promise<ApplicationStats> {
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

/** Statuses that count as a landing page having converted: the merchant was approved (and may have gone further). */
export const convertedStatuses: readonly ApplicationStatus[] = ['approved', 'shipped', 'activated'];

export interface LandingPageFigures {
  landingPage: string;
  applications: number;
  converted: number;
  activated: number;
}

export interface ApplicationStats {
  /** China calendar days, oldest first, every day of the period (zeros included). */
  perDay: { day: string; applications: number; spam: number }[];
  perBrand: { brand: Brand; applications: number }[];
  perStatus: { status: ApplicationStatus; count: number }[];
  perLandingPage: LandingPageFigures[];
  spamByReason: { reason: SpamReason; count: number }[];
  rejectedByScreening: { code: ScreeningRejectionCode; count: number }[];
  /** Genuine applications (spam excluded). */
  applications: number;
  spam: number;
}

/** Landing page of applications that arrived without one: a code the surfaces label. */
export const UNKNOWN_LANDING_PAGE = '';

/** Figures for the `days` China calendar days ending today (`now`). */
export function computeStats(records: readonly StoredRecord[], now: Date, days: number): ApplicationStats {
  const today = chinaDay(now.toISOString());
  const dayList = Array.from({ length: days }, (_, index) =>
    daysBefore(`${today}T00:00:00.000Z`, days - 1 - index).slice(0, 10),
  );
  const perDay = new Map(dayList.map((day) => [day, { day, applications: 0, spam: 0 }]));
  const perBrand = new Map<Brand, number>(brands.map((brand) => [brand, 0]));
  const perStatus = new Map<ApplicationStatus, number>(applicationStatuses.map((status) => [status, 0]));
  const perPage = new Map<string, LandingPageFigures>();
  const spamByReason = new Map<SpamReason, number>();
  const rejectedByScreening = new Map<ScreeningRejectionCode, number>(screeningRejectionCodes.map((code) => [code, 0]));
  let applications = 0;
  let spam = 0;

  for (const record of records) {
    const day = perDay.get(chinaDay(record.createdAt));
    if (!day) continue;
    perStatus.set(record.status, (perStatus.get(record.status) ?? 0) + 1);
    if (record.kind === 'spam') {
      spam++;
      day.spam++;
      spamByReason.set(record.reason, (spamByReason.get(record.reason) ?? 0) + 1);
      continue;
    }
    applications++;
    day.applications++;
    perBrand.set(record.brand, (perBrand.get(record.brand) ?? 0) + 1);
    const code = record.screening?.code;
    if (code) rejectedByScreening.set(code, (rejectedByScreening.get(code) ?? 0) + 1);
    const landingPage = record.attribution?.landingPage?.split(/[?#]/)[0] || UNKNOWN_LANDING_PAGE;
    const page = perPage.get(landingPage) ?? { landingPage, applications: 0, converted: 0, activated: 0 };
    page.applications++;
    if (convertedStatuses.includes(record.status)) page.converted++;
    if (record.status === 'activated') page.activated++;
    perPage.set(landingPage, page);
  }

  return {
    perDay: [...perDay.values()],
    perBrand: [...perBrand].map(([brand, count]) => ({ brand, applications: count })),
    perStatus: [...perStatus].map(([status, count]) => ({ status, count })),
    perLandingPage: [...perPage.values()].sort((a, b) => b.applications - a.applications || a.landingPage.localeCompare(b.landingPage)),
    spamByReason: [...spamByReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    rejectedByScreening: [...rejectedByScreening].map(([code, count]) => ({ code, count })),
    applications,
    spam,
  };
}
