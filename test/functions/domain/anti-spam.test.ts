import { describe, expect, it } from 'vitest';
import { softSignals, spamReason } from '../../../functions/domain/anti-spam.ts';

const issued = { nonce: 'pAAAAAAAAAAAA', expiresAt: new Date(0) };
const fromPage = { ...issued, issuedBy: 'page' } as const;
const fromConfirmation = { ...issued, issuedBy: 'confirm' } as const;

describe('spam: hard signals', () => {
  it('lets a person through: honeypot empty or blank, form token old enough', () => {
    expect(spamReason({}, { kind: 'valid', ageMs: 45_000, ...fromPage })).toBeUndefined();
    expect(spamReason({ website: '' }, { kind: 'valid', ageMs: 45_000, ...fromPage })).toBeUndefined();
    expect(spamReason({ website: '   ' }, { kind: 'valid', ageMs: 45_000, ...fromPage })).toBeUndefined();
  });

  it('traps a filled honeypot', () => {
    expect(spamReason({ website: 'http://spam.example' }, { kind: 'valid', ageMs: 45_000, ...fromPage })).toBe('honeypot');
  });

  it('traps a form token younger than anyone fills the form', () => {
    expect(spamReason({}, { kind: 'too_new', ageMs: 2_999, ...fromPage })).toBe('too_fast');
    expect(spamReason({}, { kind: 'too_new', ageMs: 0, ...fromPage })).toBe('too_fast');
  });

  it('never traps for speed on a confirmation\'s token: it times the click on "submit again", not the fill', () => {
    expect(spamReason({}, { kind: 'too_new', ageMs: 500, ...fromConfirmation })).toBeUndefined();
  });
});

describe('soft signals', () => {
  it('flags a link in the note, but not an ordinary note', () => {
    expect(softSignals({ note: '详情见 www.example.com' }, 60_000)).toEqual(['note_has_link']);
    expect(softSignals({ note: '下午三点后联系' }, 60_000)).toEqual([]);
  });

  it('flags a quick fill (3–10 s by the server clock) and a form left open for more than six hours', () => {
    expect(softSignals({}, 5_000)).toEqual(['quick_fill']);
    expect(softSignals({}, 10_000)).toEqual([]);
    expect(softSignals({}, 6 * 3_600_000 + 1)).toEqual(['stale_form']);
    expect(softSignals({ note: 'www.example.com' }, 4_000)).toEqual(['note_has_link', 'quick_fill']);
  });

  it("derives no timing signal without a fill time (a confirmation's token)", () => {
    expect(softSignals({ note: '我的美团店铺 www.meituan.com/abc' }, undefined)).toEqual(['note_has_link']);
  });
});
