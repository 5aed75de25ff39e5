import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_ALLOWANCE_MS, MIN_FILL_TIME_MS, softSignals, spamReason } from '../../../functions/domain/anti-spam.ts';

const now = new Date('2026-11-25T12:00:00Z');
const ago = (milliseconds: number) => now.getTime() - milliseconds;

describe('spam: hard signals', () => {
  it('lets a person through', () => {
    expect(spamReason({ startedAt: ago(45_000) }, now)).toBeUndefined();
    expect(spamReason({ startedAt: ago(45_000), website: '' }, now)).toBeUndefined();
    expect(spamReason({ startedAt: ago(45_000), website: '   ' }, now)).toBeUndefined();
  });

  it('traps a filled honeypot', () => {
    expect(spamReason({ startedAt: ago(45_000), website: 'http://spam.example' }, now)).toBe('honeypot');
  });

  it('traps a form sent faster than a person can type', () => {
    expect(spamReason({ startedAt: ago(MIN_FILL_TIME_MS - 1) }, now)).toBe('too_fast');
    expect(spamReason({ startedAt: ago(0) }, now)).toBe('too_fast');
    expect(spamReason({ startedAt: ago(MIN_FILL_TIME_MS) }, now)).toBeUndefined();
  });

  it('traps start times in the future beyond clock skew, and before the site existed', () => {
    expect(spamReason({ startedAt: ago(-CLOCK_SKEW_ALLOWANCE_MS - 1) }, now)).toBe('implausible_start');
    expect(spamReason({ startedAt: Date.UTC(2019, 0, 1) }, now)).toBe('implausible_start');
    expect(spamReason({ startedAt: 1 }, now)).toBe('implausible_start');
  });

  it('treats a start slightly in the future as a phone clock running fast, not a bot', () => {
    expect(spamReason({ startedAt: ago(-30_000) }, now)).toBeUndefined();
  });
});

describe('spam: soft signals for the reviewer', () => {
  it('flags links in the note', () => {
    expect(softSignals({ startedAt: ago(60_000), note: '详情见 www.example.com' }, now)).toEqual(['note_has_link']);
    expect(softSignals({ startedAt: ago(60_000), note: '下午三点后联系' }, now)).toEqual([]);
  });

  it('flags quick and very old forms', () => {
    expect(softSignals({ startedAt: ago(5_000) }, now)).toEqual(['quick_fill']);
    expect(softSignals({ startedAt: ago(8 * 24 * 3_600_000) }, now)).toEqual(['stale_form']);
  });
});
