/**
 * One contract for the applications table's ports, run against every implementation: the in-memory fake the unit
 * tests rely on (test/support/in-memory-ports.ts) and the DynamoDB adapters (test/functions/adapters/
 * port-contract.int.test.ts runs both). If the fake drifts from DynamoDB's behaviour, one of the two runs fails.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BackOfficeStore, BlockedPhoneList, IntakeStore, IntakeWrite, RateLimiter, ReviewStore } from '#domain/ports.ts';
import { rateLimit } from '#domain/rate-limits.ts';
import type { ApplicationRecord } from '#domain/records.ts';
import { generateReference } from '#domain/reference.ts';
import { applicationRecord } from './application-fixtures.ts';

export type TablePorts = IntakeStore & RateLimiter & ReviewStore & BlockedPhoneList & Pick<BackOfficeStore, 'erasePersonalData'>;

const createdAt = '2026-11-20T02:00:00.000Z';

function application(reference: string): ApplicationRecord {
  return applicationRecord(reference, createdAt, { name: '钱二', phone: '13900002222', city: '浙江省 杭州市', brand: 'unionpay' });
}

function intake(record: ApplicationRecord, change: Partial<IntakeWrite> = {}): IntakeWrite {
  return {
    record,
    idempotency: { key: randomUUID(), requestHash: 'hash-of-body', reference: record.reference, expiresAt: new Date(Date.now() + 86_400_000) },
    rateLimits: [],
    formToken: { nonce: randomUUID(), expiresAt: new Date(Date.now() + 43_200_000) },
    enqueueForReview: false,
    ...change,
  };
}

export function describePortContract(implementation: string, freshPorts: () => Promise<TablePorts>): void {
  describe(`port contract: ${implementation}`, () => {
    it('uses a form token once: a second application with the same token is refused and nothing of it is stored', async () => {
      const ports = await freshPorts();
      const first = intake(application(generateReference()));
      const second = intake(application(generateReference()), { formToken: first.formToken });

      expect(await ports.writeIntake(first)).toEqual({ kind: 'written' });
      expect(await ports.writeIntake(second)).toEqual({ kind: 'form_token_used' });
      expect(await ports.findByReference(second.record.reference)).toBeUndefined();
      expect(await ports.findIdempotencyRecord(second.idempotency.key)).toBeUndefined();
    });

    it('writes an application once and reads it back, personal data included, by reference and by idempotency key', async () => {
      const ports = await freshPorts();
      const write = intake(application(generateReference()));

      expect(await ports.writeIntake(write)).toEqual({ kind: 'written' });
      expect(await ports.findByReference(write.record.reference)).toMatchObject({
        reference: write.record.reference,
        name: '钱二',
        phone: '13900002222',
        status: 'submitted',
      });
      expect(await ports.findIdempotencyRecord(write.idempotency.key)).toEqual({
        key: write.idempotency.key,
        requestHash: 'hash-of-body',
        reference: write.record.reference,
      });
      expect(await ports.findByReference(generateReference())).toBeUndefined();
    });

    it('refuses a used idempotency key or a taken reference, and writes nothing for either', async () => {
      const ports = await freshPorts();
      const first = intake(application(generateReference()));
      await ports.writeIntake(first);

      const sameKey = intake(application(generateReference()), { idempotency: first.idempotency });
      expect(await ports.writeIntake(sameKey)).toMatchObject({ kind: 'idempotency_key_used' });
      expect(await ports.findByReference(sameKey.record.reference)).toBeUndefined();
      expect(await ports.writeIntake(intake(application(first.record.reference)))).toEqual({ kind: 'reference_taken' });
    });

    it('charges rate counters with the write, and refuses the write when one is at its limit', async () => {
      const ports = await freshPorts();
      const limit = rateLimit('applications_per_phone_per_address_per_day', `subject-${randomUUID()}`, 1, new Date());

      expect(await ports.writeIntake(intake(application(generateReference()), { rateLimits: [limit] }))).toEqual({ kind: 'written' });
      const refused = intake(application(generateReference()), { rateLimits: [limit] });
      expect(await ports.writeIntake(refused)).toMatchObject({ kind: 'rate_limited', limit: { counterKey: limit.counterKey } });
      expect(await ports.findByReference(refused.record.reference)).toBeUndefined();
    });

    it('takes and refunds counters atomically', async () => {
      const ports = await freshPorts();
      const limit = rateLimit('requests_per_ip_per_minute', `subject-${randomUUID()}`, 2, new Date());

      expect(await ports.take([limit])).toBeUndefined();
      expect(await ports.take([limit])).toBeUndefined();
      expect(await ports.take([limit])).toMatchObject({ counterKey: limit.counterKey });
      await ports.refund([limit]);
      expect(await ports.take([limit])).toBeUndefined();
    });

    it('keeps an application in the outbox until it is marked enqueued', async () => {
      const ports = await freshPorts();
      const write = intake(application(generateReference()), { enqueueForReview: true });
      await ports.writeIntake(write);
      const later = new Date(Date.parse(createdAt) + 3_600_000);

      expect(await ports.listOutbox(later, 100)).toContain(write.record.reference);
      await ports.markEnqueued(write.record.reference);
      expect(await ports.listOutbox(later, 100)).not.toContain(write.record.reference);
    });

    it('changes a status only from the status and history it was read with', async () => {
      const ports = await freshPorts();
      const write = intake(application(generateReference()));
      await ports.writeIntake(write);
      const change = { status: 'pending_review' as const, at: '2026-11-20T03:00:00.000Z', by: 'system:screening' };
      const statsDelta = { day: '2026-11-20', counters: { 's.submitted': -1, 's.pending_review': 1 } };

      expect(await ports.updateStatus({ reference: write.record.reference, expected: { status: 'contacted', historyLength: 1 }, change, statsDelta })).toBe(
        'conflict',
      );
      expect(await ports.updateStatus({ reference: write.record.reference, expected: { status: 'submitted', historyLength: 1 }, change, statsDelta })).toBe(
        'updated',
      );
      expect(await ports.findByReference(write.record.reference)).toMatchObject({
        status: 'pending_review',
        statusHistory: [{ status: 'submitted' }, { status: 'pending_review' }],
      });
    });

    it('blocks and unblocks a phone hash', async () => {
      const ports = await freshPorts();
      const phoneHash = `hash-${randomUUID()}`;

      expect(await ports.isBlocked(phoneHash)).toBe(false);
      await ports.block({ phoneHash, at: createdAt, by: 'ops:test' });
      expect(await ports.isBlocked(phoneHash)).toBe(true);
      expect(await ports.unblock(phoneHash)).toBe(true);
      expect(await ports.unblock(phoneHash)).toBe(false);
    });

    it('erases the personal data and keeps the anonymised application', async () => {
      const ports = await freshPorts();
      const record = application(generateReference());
      const write = intake(record);
      await ports.writeIntake(write);

      const erased = await ports.erasePersonalData({ reference: write.record.reference, at: '2026-11-21T00:00:00.000Z', by: 'ops:test' });
      expect(erased).toEqual({ kind: 'erased', hadPersonalData: true, phoneHash: record.phoneHash });
      const after = await ports.findByReference(write.record.reference);
      expect(after).toMatchObject({ reference: write.record.reference, city: '浙江省 杭州市', erasure: { by: 'ops:test' } });
      expect(after).not.toHaveProperty('name');
      expect(after).not.toHaveProperty('phone');
      expect(await ports.findIdempotencyRecord(write.idempotency.key)).toBeUndefined();
    });
  });
}
