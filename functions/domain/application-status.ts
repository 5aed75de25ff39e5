/**
 * Where an application is in its life. Intake creates applications as `submitted` (or `spam` when trapped); the
 * review worker and ops move them on. The allowed transitions live in one place next to this file (added with
 * the review pipeline); this file only names the states and how merchants read them.
 */
export const applicationStatuses = [
  'submitted',
  'pending_review',
  'contacted',
  'approved',
  'shipped',
  'activated',
  'rejected',
  'withdrawn',
  /** Trapped by the honeypot or the fill-time check: kept for ops statistics, never shown to anyone as found. */
  'spam',
] as const;

export type ApplicationStatus = (typeof applicationStatuses)[number];

/** Every status a person works with: all but `spam`. Queues, counts, listings and exports offer these. */
export const workableStatuses = applicationStatuses.filter((status): status is Exclude<ApplicationStatus, 'spam'> => status !== 'spam');

/** The status every genuine application starts in. */
export const INITIAL_STATUS = 'submitted' satisfies ApplicationStatus;

/** Plain Chinese for the status page and the no-JS result page. `spam` has no label: it is never displayed. */
export const statusLabels: Readonly<Record<Exclude<ApplicationStatus, 'spam'>, string>> = {
  submitted: '已提交，等待审核',
  pending_review: '审核中',
  contacted: '已电话联系',
  approved: '审核通过，准备寄出',
  shipped: '终端已寄出',
  activated: '终端已激活',
  rejected: '未通过审核',
  withdrawn: '已撤回',
};
