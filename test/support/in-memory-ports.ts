/**
 * In-memory implementations of the domain ports with the same semantics as the DynamoDB and SQS adapters
 * (atomic intake write, conditional counters, outbox), plus switches to make them fail. For unit tests of use cases.
 */
import {
  DependencyUnavailableError,
  type ApplicationStore,
  type Clock,
  type IdempotencyRecord,
  type IntakeRecord,
  type IntakeWriteOutcome,
  type RateLimiter,
  type ReferenceGenerator,
  type ReviewQueue,
} from '../../functions/domain/ports.ts';
import type { RateLimit } from '../../functions/domain/rate-limits.ts';

export interface InMemoryStore extends ApplicationStore, RateLimiter {
  records: Map<string, IntakeRecord>;
  idempotency: Map<string, IdempotencyRecord>;
  counters: Map<string, number>;
  /** References in the outbox, with their creation time. */
  outbox: Map<string, string>;
  /** While true, every call fails like an unreachable DynamoDB. */
  unavailable: boolean;
  /** Outcomes to return from the next writeIntake calls instead of writing (e.g. simulated conflicts). */
  scriptedWriteOutcomes: IntakeWriteOutcome[];
  writeAttempts: number;
}

export function createInMemoryStore(): InMemoryStore {
  const store: InMemoryStore = {
    records: new Map(),
    idempotency: new Map(),
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
      if (store.records.has(write.record.reference)) return { kind: 'reference_taken' };
      const reached = write.rateLimits.find((limit) => (store.counters.get(limit.counterKey) ?? 0) >= limit.limit);
      if (reached) return { kind: 'rate_limited', limit: reached };
      const { expiresAt: _expiresAt, ...idempotency } = write.idempotency;
      store.idempotency.set(write.idempotency.key, idempotency);
      store.records.set(write.record.reference, structuredClone(write.record));
      for (const limit of write.rateLimits) increment(limit);
      if (write.enqueueForReview) store.outbox.set(write.record.reference, write.record.createdAt);
      return { kind: 'written' };
    },
    async findByReference(reference) {
      guard();
      return store.records.get(reference);
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
    async take({ charge, check = [] }) {
      guard();
      const reached = [...charge, ...check].find((limit) => (store.counters.get(limit.counterKey) ?? 0) >= limit.limit);
      if (reached) return reached;
      for (const limit of charge) increment(limit);
      return undefined;
    },
    async count(counters) {
      guard();
      for (const limit of counters) increment(limit);
    },
  };
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
