/**
 * Part of labels-zh.ts (import it through that module): the statuses in plain Chinese. A module of its own so that
 * the status page's script loads these words and not the console's, which shares them (see labels-zh-fields.ts).
 */
import type { ApplicationStatus } from '#domain/application-status.ts';

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
