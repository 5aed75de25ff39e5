/**
 * Figures over the last N China calendar days, from the running counters (domain/stats-counters.ts) that every
 * change adds to in its own write: a few items per day are read, never the applications themselves, so the cost
 * does not grow with their number. The ops CLI's `stats` and the console's statistics page use this one function.
 */
import type { SpamReason } from '#domain/anti-spam.ts';
import { brands, type Brand } from '#domain/application.ts';
import { applicationStatuses, type ApplicationStatus } from '#domain/application-status.ts';
import type { Clock, StatsStore } from '#domain/ports.ts';
import { screeningRejectionCodes, type ScreeningRejectionCode } from '#domain/records.ts';
import { sumCounters, type Counters } from '#domain/stats-counters.ts';
import { chinaDay, daysBefore } from '#domain/time.ts';

export async function collectApplicationStats(days: number, deps: { applications: StatsStore; clock: Clock }): Promise<ApplicationStats> {
  const now = deps.clock.now();
  return computeStats(await deps.applications.countersOf(statsDays(now, days)), now, days);
}

export { UNKNOWN_LANDING_PAGE } from '#domain/stats-counters.ts';

export interface LandingPageFigures {
  landingPage: string;
  applications: number;
  converted: number;
  activated: number;
}

/** How the promise "we call within 1–2 working days" is kept (domain/call-promise.ts). */
export interface PromiseFigures {
  /** Applications with at least one call attempt. */
  attempted: number;
  /** Hours from submission to the first attempt (whole hours, rounded up): median and 90th percentile. */
  medianHoursToFirstAttempt?: number;
  p90HoursToFirstAttempt?: number;
  /** First attempt made within the promise. */
  attemptedOnTime: number;
  /** Merchants reached (接通) at all, and within the promise. */
  reached: number;
  reachedOnTime: number;
}

export interface ReviewerFigures {
  reviewer: string;
  calls: number;
  reached: number;
  contacted: number;
  approved: number;
  activated: number;
}

export interface WeekFigures {
  /** Monday (China day) of the week. */
  week: string;
  applications: number;
  reached: number;
  contacted: number;
  approved: number;
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
  promise: PromiseFigures;
  /** Applications that ever reached each stage of the review flow (conversion by stage). */
  stages: { status: ApplicationStatus; count: number }[];
  perReviewer: ReviewerFigures[];
  perWeek: WeekFigures[];
}

const funnel: readonly ApplicationStatus[] = ['pending_review', 'contacted', 'approved', 'shipped', 'activated'];

/** The smallest whole hour by which `share` of the first attempts had happened, from the `first.h<n>` histogram. */
function hoursPercentile(counters: Counters, share: number): number | undefined {
  const histogram = Object.entries(counters)
    .filter(([name]) => name.startsWith('first.h'))
    .map(([name, count]) => [Number(name.slice('first.h'.length)), count] as const)
    .sort(([a], [b]) => a - b);
  const total = histogram.reduce((sum, [, count]) => sum + count, 0);
  let seen = 0;
  for (const [hours, count] of histogram) {
    seen += count;
    if (seen >= share * total && total > 0) return hours + 1;
  }
  return undefined;
}

/** Monday of the China week containing `day`. */
function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

/** Figures for the `days` China calendar days ending today (`now`), from the running counters of each day. */
export function computeStats(countersByDay: ReadonlyMap<string, Counters>, now: Date, days: number): ApplicationStats {
  const dayList = statsDays(now, days);
  const total = sumCounters(...dayList.map((day) => countersByDay.get(day) ?? {}));
  const count = (name: string) => total[name] ?? 0;

  const pages = new Map<string, LandingPageFigures>();
  const reviewers = new Map<string, ReviewerFigures>();
  for (const [name, value] of Object.entries(total)) {
    if (name.startsWith('lp.')) {
      const dot = name.lastIndexOf('.');
      const landingPage = name.slice('lp.'.length, dot);
      const page = pages.get(landingPage) ?? { landingPage, applications: 0, converted: 0, activated: 0 };
      const field = ({ apps: 'applications', conv: 'converted', act: 'activated' } as const)[name.slice(dot + 1) as 'apps' | 'conv' | 'act'];
      if (field) page[field] += value;
      pages.set(landingPage, page);
    } else if (name.startsWith('o.')) {
      const match = /^o\.(.+?)\.(calls|reached|stage\.(\w+))$/.exec(name);
      if (!match) continue;
      const reviewer = reviewers.get(match[1]!) ?? { reviewer: match[1]!, calls: 0, reached: 0, contacted: 0, approved: 0, activated: 0 };
      if (match[2] === 'calls' || match[2] === 'reached') reviewer[match[2]] += value;
      else if (match[3] === 'contacted' || match[3] === 'approved' || match[3] === 'activated') reviewer[match[3]] += value;
      reviewers.set(match[1]!, reviewer);
    }
  }

  const weeks = new Map<string, WeekFigures>();
  for (const day of dayList) {
    const counters = countersByDay.get(day) ?? {};
    const week = weeks.get(mondayOf(day)) ?? { week: mondayOf(day), applications: 0, reached: 0, contacted: 0, approved: 0, activated: 0 };
    week.applications += counters.apps ?? 0;
    week.reached += counters.reached ?? 0;
    week.contacted += counters['stage.contacted'] ?? 0;
    week.approved += counters['stage.approved'] ?? 0;
    week.activated += counters['stage.activated'] ?? 0;
    weeks.set(week.week, week);
  }

  const attempted = Object.entries(total)
    .filter(([name]) => name.startsWith('first.h'))
    .reduce((sum, [, value]) => sum + value, 0);
  const median = hoursPercentile(total, 0.5);
  const p90 = hoursPercentile(total, 0.9);
  return {
    perDay: dayList.map((day) => ({ day, applications: countersByDay.get(day)?.apps ?? 0, spam: countersByDay.get(day)?.spam ?? 0 })),
    perBrand: brands.map((brand) => ({ brand, applications: count(`b.${brand}`) })),
    perStatus: applicationStatuses.map((status) => ({ status, count: status === 'spam' ? count('spam') : count(`s.${status}`) })),
    perLandingPage: [...pages.values()]
      .filter((page) => page.applications > 0)
      .sort((a, b) => b.applications - a.applications || a.landingPage.localeCompare(b.landingPage)),
    spamByReason: Object.entries(total)
      .filter(([name, value]) => name.startsWith('spam.') && value > 0)
      .map(([name, value]) => ({ reason: name.slice('spam.'.length) as SpamReason, count: value }))
      .sort((a, b) => b.count - a.count),
    rejectedByScreening: screeningRejectionCodes.map((code) => ({ code, count: count(`rej.${code}`) })),
    applications: count('apps'),
    spam: count('spam'),
    promise: {
      attempted,
      ...(median !== undefined && { medianHoursToFirstAttempt: median }),
      ...(p90 !== undefined && { p90HoursToFirstAttempt: p90 }),
      attemptedOnTime: count('first.onTime'),
      reached: count('reached'),
      reachedOnTime: count('reached.onTime'),
    },
    stages: funnel.map((status) => ({ status, count: count(`stage.${status}`) })),
    perReviewer: [...reviewers.values()].sort((a, b) => b.calls - a.calls || a.reviewer.localeCompare(b.reviewer)),
    perWeek: [...weeks.values()],
  };
}

/** The `days` China calendar days ending today, oldest first. */
export function statsDays(now: Date, days: number): string[] {
  const today = chinaDay(now.toISOString());
  return Array.from({ length: days }, (_, index) => daysBefore(`${today}T00:00:00.000Z`, days - 1 - index).slice(0, 10));
}
