import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StoredApplication } from '#domain/records.ts';
import { reviewFlagsOf } from '#domain/review-flags.ts';
import { chinaTime, closingReasonText, noteText, reviewFlagsText } from '../../../functions/presentation/labels-zh.ts';

describe('China time', () => {
  it('shows instants in UTC+8', () => {
    expect(chinaTime('2026-11-25T16:30:00.000Z')).toBe('2026-11-26 00:30');
  });
});

describe('review flags', () => {
  it('are codes in the domain and words only here', () => {
    const application = {
      screening: { outcome: 'rejected', code: 'blocked_phone', at: '' },
      signals: ['quick_fill'],
      samePhoneAs: ['PA-AAAA-AAAA', 'PA-BBBB-BBBB'],
      erasure: { at: '', by: 'ops' },
    } as unknown as StoredApplication;
    const flags = reviewFlagsOf(application);
    expect(flags.map((flag) => flag.code)).toEqual(['screening_rejected', 'soft_signal', 'same_phone', 'personal_data']);
    expect(reviewFlagsText(flags)).toMatch(/^自动拒：屏蔽号码；⚑.+；⚑同号另有 2 份申请；个人信息已删除$/);
  });
});

describe('console notes', () => {
  it('put the outcome of the call a note was written with in front of it; a plain note stays as written', () => {
    const at = '2026-12-07T02:00:00.000Z';
    expect(noteText({ action: 'note', at, by: 'console:wang', text: '下午再打', callOutcome: 'no_answer' })).toBe('【未接】下午再打');
    expect(noteText({ action: 'note', at, by: 'console:wang', text: '店主姓李' })).toBe('店主姓李');
  });
});

describe('closing suggestions', () => {
  it('are codes in the domain; the count of days is a number worded only here', () => {
    expect(closingReasonText({ code: 'invalid_number' })).toBe('电话为空号或已停机');
    expect(closingReasonText({ code: 'refused' })).toBe('商户拒绝沟通');
    expect(closingReasonText({ code: 'unreachable', failedDays: 3 })).toBe('3 个不同的日子打电话均未接通');
  });
});

describe('one label module', () => {
  it('the domain exports no label maps: every surface takes its words from labels-zh.ts', async () => {
    const domainDir = new URL('../../../functions/domain/', import.meta.url);
    const labelExports: string[] = [];
    for (const file of readdirSync(domainDir).filter((name) => name.endsWith('.ts'))) {
      const module: Record<string, unknown> = await import(new URL(file, domainDir).href);
      labelExports.push(
        ...Object.keys(module)
          .filter((name) => /labels?$/i.test(name))
          .map((name) => `${file}: ${name}`),
      );
    }
    expect(labelExports).toEqual([]);
  });
});
