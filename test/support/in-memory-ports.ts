/**
 * In-memory implementations of the domain ports with the same semantics as the DynamoDB and SQS adapters
 * (atomic intake write, conditional counters, outbox, conditional status changes, erasure), plus switches to make
 * them fail. For unit tests of use cases.
 */
import {
  DependencyUnavailableError,
  type IntakeStore,
  type BlockedPhoneList,
  type Clock,
  type IntakeWriteOutcome,
  type LeadStore,
  type StatsStore,
  type OpsNotifier,
  type BackOfficeStore,
  type PendingReviewNotice,
  type RateLimiter,
  type ReferenceGenerator,
  type ReviewQueue,
  type ReviewStore,
} from '#domain/ports.ts';
import type { ApplicationRecord, IdempotencyRecord, StoredApplication, StoredRecord } from '#domain/records.ts';
import type { RateLimit } from '#domain/rate-limits.ts';
import type { CallAttempt, CallOutcome } from '#domain/leads.ts';
import { sumCounters, type Counters, type StatsDelta } from '#domain/stats-counters.ts';
import type { ConsoleActivityLog, LeadEvent } from '#domain/console-activity.ts';

export interface InMemoryStore extends IntakeStore, RateLimiter, ReviewStore, BlockedPhoneList, StatsStore, Pick<BackOfficeStore, 'erasePersonalData'> {
  records: Map<string, StoredRecord>;
  /** The running statistics per day, as the DynamoDB adapter keeps them. */
  stats: Map<string, Counters>;
  /** Blocked phone hashes. */
  blocked: Set<string>;
  /** Outcomes to return from the next updateStatus calls instead of writing (e.g. a concurrent change). */
  scriptedStatusOutcomes: 'conflict'[];
  idempotency: Map<string, IdempotencyRecord>;
  /** Nonces of the form tokens intake has used. */
  usedFormTokens: Set<string>;
  counters: Map<string, number>;
  /** References in the outbox, with their creation time. */
  outbox: Map<string, string>;
  /** While true, every call fails like an unreachable DynamoDB. */
  unavailable: boolean;
  /** Outcomes to return from the next writeIntake calls instead of writing (e.g. simulated conflicts). */
  scriptedWriteOutcomes: IntakeWriteOutcome[];
  writeAttempts: number;
}

/** An empty store, or one holding copies of `records` (so a test's own objects are never mutated). */
export function createInMemoryStore(...records: ApplicationRecord[]): InMemoryStore {
  const store: InMemoryStore = {
    records: new Map(records.map((record) => [record.reference, structuredClone(record)])),
    blocked: new Set(),
    stats: new Map(),
    scriptedStatusOutcomes: [],
    idempotency: new Map(),
    usedFormTokens: new Set(),
    counters: new Map(),
    outbox: new Map(),
    unavailable: false,
    scriptedWriteOutcomes: [],
    writeAttempts: 0,

    async findIdempotencyRecord(key) {
      guard();
      return store.idempotency.get(key);
    },
    async writeIntake(write) {
      guard();
      store.writeAttempts++;
      const scripted = store.scriptedWriteOutcomes.shift();
      if (scripted) return scripted;
      const existing = store.idempotency.get(write.idempotency.key);
      if (existing) return { kind: 'idempotency_key_used', existing };
      if (store.usedFormTokens.has(write.formToken.nonce)) return { kind: 'form_token_used' };
      if (store.records.has(write.record.reference)) return { kind: 'reference_taken' };
      const reached = write.rateLimits.find((limit) => (store.counters.get(limit.counterKey) ?? 0) >= limit.limit);
      if (reached) return { kind: 'rate_limited', limit: reached };
      const { expiresAt: _expiresAt, ...idempotency } = write.idempotency;
      store.idempotency.set(write.idempotency.key, idempotency);
      store.usedFormTokens.add(write.formToken.nonce);
      store.records.set(write.record.reference, structuredClone(write.record));
      for (const limit of write.rateLimits) increment(limit);
      if (write.enqueueForReview) store.outbox.set(write.record.reference, write.record.createdAt);
      if (write.statsDelta) addStats(write.statsDelta);
      return { kind: 'written' };
    },
    async findByReference(reference) {
      guard();
      const record = store.records.get(reference);
      return record && structuredClone(record);
    },
    async findByPhoneHash(phoneHash, createdSince = '') {
      guard();
      return [...store.records.values()]
        .filter((record): record is StoredApplication => record.kind === 'application' && record.phoneHash === phoneHash)
        .filter((record) => record.createdAt >= createdSince)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((record) => structuredClone(record));
    },
    async updateStatus(update) {
      guard();
      if (store.scriptedStatusOutcomes.shift()) return 'conflict';
      const record = store.records.get(update.reference);
      if (record?.kind !== 'application') return 'conflict';
      if (record.status !== update.expected.status || record.statusHistory.length !== update.expected.historyLength) return 'conflict';
      record.status = update.change.status;
      record.updatedAt = update.change.at;
      // As in DynamoDB: the free-text reason is kept only while there is personal data to keep it with.
      const { reason, ...entry } = update.change;
      const reasonKept = record.phone !== undefined && reason !== undefined;
      record.statusHistory.push(reasonKept ? { ...entry, reason } : entry);
      if (update.screening) record.screening = update.screening;
      if (update.personalDataExpiresAt) {
        record.closedAt = update.change.at;
        record.personalDataExpiresAt = update.personalDataExpiresAt;
      }
      addStats(update.statsDelta);
      return reason !== undefined && !reasonKept ? 'updated_without_reason' : 'updated';
    },
    async markNotified(reference, at) {
      guard();
      const record = store.records.get(reference);
      if (record?.kind === 'application' && record.screening) record.screening.notifiedAt = at;
    },
    async linkSamePhone(reference, others) {
      guard();
      const link = (on: string, to: readonly string[]) => {
        const record = store.records.get(on);
        if (record?.kind === 'application') record.samePhoneAs = [...new Set([...(record.samePhoneAs ?? []), ...to])].sort();
      };
      link(reference, others);
      for (const other of others) link(other, [reference]);
    },
    async unlinkSamePhone(reference) {
      guard();
      const record = store.records.get(reference);
      if (record?.kind !== 'application') return;
      for (const other of record.samePhoneAs ?? []) {
        const linked = store.records.get(other);
        if (linked?.kind === 'application' && linked.samePhoneAs) {
          linked.samePhoneAs = linked.samePhoneAs.filter((link) => link !== reference);
          if (linked.samePhoneAs.length === 0) delete linked.samePhoneAs;
        }
      }
      delete record.samePhoneAs;
    },
    async isBlocked(phoneHash) {
      guard();
      return store.blocked.has(phoneHash);
    },
    async block(entry) {
      guard();
      store.blocked.add(entry.phoneHash);
    },
    async unblock(phoneHash) {
      guard();
      return store.blocked.delete(phoneHash);
    },
    async erasePersonalData(erasure) {
      guard();
      const record = store.records.get(erasure.reference);
      if (record?.kind !== 'application') return { kind: 'conflict' };
      const { withdrawal } = erasure;
      if (withdrawal && (record.status !== withdrawal.expected.status || record.statusHistory.length !== withdrawal.expected.historyLength)) {
        return { kind: 'conflict' };
      }
      const { phoneHash } = record;
      const hadPersonalData = record.phone !== undefined;
      await store.unlinkSamePhone(erasure.reference);
      delete record.name;
      delete record.phone;
      delete record.phoneHash;
      delete record.samePhoneAs;
      delete record.note;
      record.statusHistory = record.statusHistory.map(({ reason: _reason, ...entry }) => entry);
      record.erasure ??= { at: erasure.at, by: erasure.by };
      if (withdrawal) {
        const { reason: _reason, ...entry } = withdrawal.change;
        record.status = entry.status;
        record.updatedAt = entry.at;
        record.closedAt = entry.at;
        record.statusHistory.push(entry);
        addStats(withdrawal.statsDelta);
      }
      for (const [key, idempotency] of store.idempotency) if (idempotency.reference === erasure.reference) store.idempotency.delete(key);
      if (phoneHash) for (const key of store.counters.keys()) if (key.includes(phoneHash)) store.counters.delete(key);
      return { kind: 'erased', hadPersonalData, ...(phoneHash && { phoneHash }) };
    },
    async countersOf(days) {
      guard();
      return new Map(days.flatMap((day) => (store.stats.has(day) ? [[day, { ...store.stats.get(day)! }] as const] : [])));
    },
    async markEnqueued(reference) {
      guard();
      store.outbox.delete(reference);
    },
    async listOutbox(writtenBefore, limit) {
      guard();
      return [...store.outbox]
        .filter(([, createdAt]) => createdAt < writtenBefore.toISOString())
        .sort(([, a], [, b]) => a.localeCompare(b))
        .slice(0, limit)
        .map(([reference]) => reference);
    },
    async take(counters) {
      guard();
      const reached = counters.find((limit) => (store.counters.get(limit.counterKey) ?? 0) >= limit.limit);
      if (reached) return reached;
      for (const limit of counters) increment(limit);
      return undefined;
    },
    async refund(counters) {
      guard();
      for (const limit of counters) {
        const count = store.counters.get(limit.counterKey) ?? 0;
        if (count > 0) store.counters.set(limit.counterKey, count - 1);
      }
    },
  };
  function addStats(delta: StatsDelta) {
    store.stats.set(delta.day, sumCounters(store.stats.get(delta.day) ?? {}, delta.counters));
  }
  function guard() {
    if (store.unavailable) throw new DependencyUnavailableError('store', { cause: new Error('connect ECONNREFUSED') });
  }
  function increment(limit: RateLimit) {
    store.counters.set(limit.counterKey, (store.counters.get(limit.counterKey) ?? 0) + 1);
  }
  return store;
}

export interface InMemoryQueue extends ReviewQueue {
  /** Message bodies as the SQS adapter would send them. */
  messages: string[];
  unavailable: boolean;
}

export function createInMemoryQueue(): InMemoryQueue {
  const queue: InMemoryQueue = {
    messages: [],
    unavailable: false,
    async enqueue(reference) {
      if (queue.unavailable) throw new DependencyUnavailableError('queue', { cause: new Error('connect ECONNREFUSED') });
      queue.messages.push(JSON.stringify({ reference }));
    },
  };
  return queue;
}

export interface ManualClock extends Clock {
  advance(milliseconds: number): void;
}

export function manualClock(start: Date | string): ManualClock {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance: (milliseconds) => {
      now += milliseconds;
    },
  };
}

/** Hands out the given references in order, then fails loudly. */
export function referenceSequence(...references: string[]): ReferenceGenerator {
  const queue = [...references];
  return {
    next: () => {
      const next = queue.shift();
      if (!next) throw new Error('referenceSequence: out of references');
      return next;
    },
  };
}

export interface RecordingNotifier extends OpsNotifier {
  notices: PendingReviewNotice[];
  digests: string[];
  /** While true, every notice fails like an unreachable SNS. */
  unavailable: boolean;
}

export function recordingNotifier(): RecordingNotifier {
  const notifier: RecordingNotifier = {
    notices: [],
    digests: [],
    unavailable: false,
    async announcePendingReview(notice) {
      if (notifier.unavailable) throw new DependencyUnavailableError('notifier', { cause: new Error('connect ECONNREFUSED') });
      notifier.notices.push(notice);
    },
    async postDigest(text) {
      if (notifier.unavailable) throw new DependencyUnavailableError('notifier', { cause: new Error('connect ECONNREFUSED') });
      notifier.digests.push(text);
    },
  };
  return notifier;
}

export interface InMemoryLeads extends LeadStore, Pick<ConsoleActivityLog, 'append'> {
  attempts: CallAttempt[];
  events: { reference: string; entry: LeadEvent }[];
  notes: { reference: string; text: string; callOutcome?: CallOutcome }[];
}

/**
 * The lead side of `store` (owner and call summary on its records, attempts apart) with the same conditions as the
 * DynamoDB adapter, plus the activity entries lead use cases write.
 */
export function createInMemoryLeads(store: InMemoryStore): InMemoryLeads {
  const leads: InMemoryLeads = {
    attempts: [],
    events: [],
    notes: [],
    async changeOwner({ reference, to, expectedOwner, entry }) {
      const record = store.records.get(reference);
      if (record?.kind !== 'application') return { kind: 'not_found' };
      const current = record.owner?.id;
      const allowed = expectedOwner === null ? current === undefined || current === to.id : current === expectedOwner;
      if (!allowed) return { kind: 'taken', owner: current ?? '' };
      // The owner and its history entry together, as the DynamoDB adapter's transaction writes them.
      record.owner = { ...to };
      leads.events.push({ reference, entry });
      return { kind: 'changed' };
    },
    async recordCall(attempt, summary, expectedAttempts, statsDelta) {
      const record = store.records.get(attempt.reference);
      if (record?.kind !== 'application') return 'not_found';
      if ((record.calls?.attempts ?? 0) !== expectedAttempts) return 'conflict';
      record.calls = structuredClone(summary);
      store.stats.set(statsDelta.day, sumCounters(store.stats.get(statsDelta.day) ?? {}, statsDelta.counters));
      leads.attempts.push({ ...attempt });
      return 'recorded';
    },
    async callsOf(reference) {
      return leads.attempts.filter((attempt) => attempt.reference === reference).sort((a, b) => a.at.localeCompare(b.at));
    },
    async append(reference, entry) {
      if (entry.action !== 'note') {
        leads.events.push({ reference, entry: entry as LeadEvent });
        return 'recorded';
      }
      const record = store.records.get(reference);
      if (record?.kind !== 'application' || record.phone === undefined) return 'no_personal_data';
      leads.notes.push({ reference, text: entry.text, ...(entry.callOutcome && { callOutcome: entry.callOutcome }) });
      return 'recorded';
    },
  };
  return leads;
}
