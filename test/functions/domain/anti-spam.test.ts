import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_ALLOWANCE_MS, MIN_FILL_TIME_MS, softSignals, spamReason } from '../../../functions/domain/anti-spam.ts';

const now = new Date('2026-11-25T12:00:00Z');
const ago = (milliseconds: number) => now.getTime() - milliseconds;
const WEEK_MS = 7 * 24 * 3_600_000;

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

  it.each([
    ['a phone clock 1 min fast', ago(-60_000)],
    ['a phone clock an hour fast', ago(-3_600_000)],
    ['a phone clock reset to its factory date', Date.UTC(2019, 0, 1)],
    ['a start time of 1 ms after the epoch', 1],
  ])('never makes a lead spam because of the client clock: %s', (_, startedAt) => {
    expect(spamReason({ startedAt }, now)).toBeUndefined();
  });
});

describe('spam: soft signals for the reviewer', () => {
  it('flags links in the note, whatever the channel', () => {
    expect(softSignals({ startedAt: ago(60_000), note: '详情见 www.example.com' }, now, 'json')).toEqual(['note_has_link']);
    expect(softSignals({ startedAt: ago(60_000), note: '详情见 www.example.com' }, now, 'form')).toEqual(['note_has_link']);
    expect(softSignals({ startedAt: ago(60_000), note: '下午三点后联系' }, now, 'json')).toEqual([]);
  });

  it('flags quick and very old forms sent from the enhanced page (its own clock stamped the start)', () => {
    expect(softSignals({ startedAt: ago(5_000) }, now, 'json')).toEqual(['quick_fill']);
    expect(softSignals({ startedAt: ago(WEEK_MS + 3_600_000) }, now, 'json')).toEqual(['stale_form']);
  });

  it('records a start before 2025 or beyond the skew allowance as implausible, and derives nothing else from it', () => {
    expect(softSignals({ startedAt: Date.UTC(2019, 0, 1), note: 'www.example.com' }, now, 'json')).toEqual(['note_has_link', 'implausible_start']);
    expect(softSignals({ startedAt: ago(-CLOCK_SKEW_ALLOWANCE_MS - 1) }, now, 'json')).toEqual(['implausible_start']);
    // Within the allowance it is ordinary skew: no signal at all.
    expect(softSignals({ startedAt: ago(-30_000) }, now, 'json')).toEqual([]);
  });

  it('derives no time signal from a form posted without JavaScript (startedAt is the page build time)', () => {
    for (const startedAt of [ago(5_000), ago(30 * 24 * 3_600_000), Date.UTC(2019, 0, 1), ago(-3_600_000)]) {
      expect(softSignals({ startedAt }, now, 'form'), String(startedAt)).toEqual([]);
    }
  });
});
