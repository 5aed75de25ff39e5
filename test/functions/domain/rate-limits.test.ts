import { describe, expect, it } from 'vitest';
import { rateLimit, retryAfterSeconds } from '../../../functions/domain/rate-limits.ts';

describe('fixed-window rate limits', () => {
  it('count per minute for a viewer, and tell how long until the window ends', () => {
    const now = new Date('2026-11-25T12:34:50.200Z');

    const limit = rateLimit('requests_per_ip_per_minute', 'ip-hash', 10, now);

    expect(limit.resetsAt.toISOString()).toBe('2026-11-25T12:35:00.000Z');
    expect(retryAfterSeconds(limit, now)).toBe(10);
    expect(limit.counterKey).toBe('requests_per_ip_per_minute#ip-hash#2026-11-25T12:34:00.000Z');
  });

  it('count phone applications per calendar day in China (UTC+8)', () => {
    const lateEvening = new Date('2026-11-25T15:59:00Z'); // 23:59 in Beijing
    const nextMorning = new Date('2026-11-25T16:01:00Z'); // 00:01 the next day

    const before = rateLimit('applications_per_phone_per_address_per_day', 'phone-hash', 3, lateEvening);
    const after = rateLimit('applications_per_phone_per_address_per_day', 'phone-hash', 3, nextMorning);

    expect(before.counterKey).not.toBe(after.counterKey);
    expect(retryAfterSeconds(before, lateEvening)).toBe(60);
    expect(after.resetsAt.toISOString()).toBe('2026-11-26T16:00:00.000Z');
  });

  it('count status misses per hour', () => {
    const limit = rateLimit('status_misses_per_ip_per_hour', 'ip-hash', 10, new Date('2026-11-25T12:00:00Z'));

    expect(retryAfterSeconds(limit, new Date('2026-11-25T12:00:00Z'))).toBe(3600);
  });

  it('never ask a client to retry after less than a second', () => {
    const limit = rateLimit('requests_per_ip_per_minute', 'x', 1, new Date('2026-11-25T12:00:59.999Z'));

    expect(retryAfterSeconds(limit, new Date('2026-11-25T12:00:59.999Z'))).toBe(1);
  });
});
