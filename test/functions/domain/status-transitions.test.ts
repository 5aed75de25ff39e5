import { describe, expect, it } from 'vitest';
import { applicationStatuses, type ApplicationStatus } from '../../../functions/domain/application-status.ts';
import {
  allowedTransitions,
  assertTransition,
  checkTransition,
  closedStatuses,
  InvalidTransitionError,
  isClosed,
  isOpen,
  openStatuses,
  planStatusChange,
  transitionRefusalMessage,
} from '../../../functions/domain/status-transitions.ts';
import { transitionRefusalText } from '../../../functions/presentation/labels-zh.ts';

/** The whole model, written out by hand: every allowed move and nothing else. */
const expectedAllowed: Record<ApplicationStatus, ApplicationStatus[]> = {
  submitted: ['pending_review', 'rejected', 'withdrawn'],
  pending_review: ['contacted', 'rejected', 'withdrawn'],
  contacted: ['approved', 'rejected', 'withdrawn'],
  approved: ['shipped', 'rejected', 'withdrawn'],
  shipped: ['activated', 'rejected', 'withdrawn'],
  activated: [],
  rejected: [],
  withdrawn: [],
  spam: [],
};

const allPairs = applicationStatuses.flatMap((from) => applicationStatuses.map((to) => [from, to] as const));

describe('checkTransition', () => {
  it.each(allPairs.filter(([from, to]) => expectedAllowed[from].includes(to)))('allows %s → %s', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ allowed: true });
  });

  it.each(allPairs.filter(([from, to]) => !expectedAllowed[from].includes(to)))('refuses %s → %s with a reason in Chinese and in English', (from, to) => {
    const check = checkTransition(from, to);

    expect(check.allowed).toBe(false);
    if (check.allowed) return;
    expect(check.refusal).toMatchObject({ from, to });
    expect(transitionRefusalText(check.refusal)).toMatch(/^[^\n]*[\u4e00-\u9fff][^\n]*$/);
    expect(transitionRefusalMessage(check.refusal)).toMatch(/^[\x20-\x7e]+$/);
  });

  it('explains a skipped step by naming what is allowed instead', () => {
    const check = checkTransition('contacted', 'activated');
    expect(check).toEqual({
      allowed: false,
      refusal: { reason: 'not_next', from: 'contacted', to: 'activated', allowed: ['approved', 'rejected', 'withdrawn'] },
    });
    if (check.allowed) return;
    expect(transitionRefusalText(check.refusal)).toBe('不能从“已电话联系”(contacted)改为“终端已激活”(activated)：下一步只能是 approved、rejected、withdrawn。');
    expect(transitionRefusalMessage(check.refusal)).toBe('Cannot move from contacted to activated; allowed: approved, rejected, withdrawn.');
  });

  it('refuses going backwards, repeating a status, leaving a closed state, and anything to do with spam', () => {
    const refusal = (from: ApplicationStatus, to: ApplicationStatus) => {
      const check = checkTransition(from, to);
      if (check.allowed) throw new Error(`${from} → ${to} was allowed`);
      return { reason: check.refusal.reason, zh: transitionRefusalText(check.refusal), en: transitionRefusalMessage(check.refusal) };
    };

    expect(refusal('approved', 'contacted')).toMatchObject({ reason: 'not_next', zh: expect.stringContaining('下一步只能是 shipped') });
    expect(refusal('pending_review', 'pending_review')).toMatchObject({ reason: 'unchanged', en: expect.stringContaining('already pending_review') });
    expect(refusal('rejected', 'pending_review')).toMatchObject({ reason: 'closed', en: expect.stringContaining('closed (rejected)') });
    expect(refusal('activated', 'withdrawn')).toMatchObject({ reason: 'closed', zh: expect.stringContaining('已办结') });
    expect(refusal('spam', 'pending_review')).toMatchObject({ reason: 'out_of_spam', en: expect.stringContaining('outside the review flow') });
    expect(refusal('submitted', 'spam')).toMatchObject({ reason: 'into_spam', en: expect.stringContaining('only intake marks spam') });
  });

  it('agrees with allowedTransitions', () => {
    for (const status of applicationStatuses) expect(allowedTransitions(status)).toEqual(expectedAllowed[status]);
  });
});

describe('open and closed', () => {
  it('splits every status except spam into open and closed', () => {
    expect([...openStatuses, ...closedStatuses].sort()).toEqual(applicationStatuses.filter((s) => s !== 'spam').sort());
    expect(applicationStatuses.filter(isOpen)).toEqual(['submitted', 'pending_review', 'contacted', 'approved', 'shipped']);
    expect(applicationStatuses.filter(isClosed)).toEqual(['activated', 'rejected', 'withdrawn']);
  });
});

describe('assertTransition', () => {
  it('throws InvalidTransitionError carrying the refusal, with the English reason as its message', () => {
    expect(() => assertTransition('submitted', 'shipped')).toThrow(InvalidTransitionError);
    try {
      assertTransition('submitted', 'shipped');
    } catch (error) {
      expect(error).toMatchObject({ refusal: { reason: 'not_next', from: 'submitted', to: 'shipped' }, message: expect.stringContaining('Cannot move') });
    }
  });
});

describe('planStatusChange', () => {
  const application = {
    reference: 'PA-7K3F-9Q2M',
    status: 'contacted' as const,
    brand: 'lakala' as const,
    createdAt: '2026-11-20T01:00:00.000Z',
    statusHistory: [
      { status: 'submitted' as const, at: '2026-11-20T01:00:00.000Z', by: 'intake' },
      { status: 'pending_review' as const, at: '2026-11-20T01:00:01.000Z', by: 'system:screening' },
      { status: 'contacted' as const, at: '2026-11-21T01:00:00.000Z', by: 'ops:alice' },
    ],
  };
  const at = new Date('2026-11-25T08:00:00.000Z');

  it('expects what was read and records who, when and why', () => {
    const update = planStatusChange(application, 'approved', { at, by: 'ops:bob', reason: '资料齐全' }, 180);

    expect(update).toEqual({
      reference: 'PA-7K3F-9Q2M',
      expected: { status: 'contacted', historyLength: 3 },
      change: { status: 'approved', at: '2026-11-25T08:00:00.000Z', by: 'ops:bob', reason: '资料齐全' },
      // The running statistics of the day it was submitted (China time) move with it.
      statsDelta: { day: '2026-11-20', counters: { 's.contacted': -1, 's.approved': 1, 'stage.approved': 1, 'lp..conv': 1 } },
    });
  });

  it('sets the personal data to expire RETENTION_DAYS after a closing change', () => {
    const update = planStatusChange(application, 'rejected', { at, by: 'ops:bob' }, 180);

    expect(update.personalDataExpiresAt).toBe('2027-05-24T08:00:00.000Z');
  });

  it('throws instead of planning an invalid change', () => {
    expect(() => planStatusChange(application, 'activated', { at, by: 'ops:bob' }, 180)).toThrow(InvalidTransitionError);
  });
});
