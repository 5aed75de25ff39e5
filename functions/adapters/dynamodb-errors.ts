/**
 * The one translation of DynamoDB SDK failures into domain outcomes, for every DynamoDB adapter: a failed condition
 * or a cancelled transaction is an answer the adapter interprets (conflict, already there, limit reached); anything
 * else (network, timeout, throttling, 5xx) becomes DependencyUnavailableError, which the API answers with 503.
 */
import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { DependencyUnavailableError } from '#domain/ports.ts';

export type { CancellationReason } from '@aws-sdk/client-dynamodb';

export function storeUnavailable(cause: unknown): DependencyUnavailableError {
  return cause instanceof DependencyUnavailableError ? cause : new DependencyUnavailableError('store', { cause });
}

/** Run SDK calls; any failure becomes DependencyUnavailableError. */
export async function storeCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw storeUnavailable(error);
  }
}

/** A single conditional write: `true` when written, `false` when its condition failed; other failures throw. */
export async function conditionalWrite(operation: () => Promise<unknown>): Promise<boolean> {
  try {
    await operation();
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw storeUnavailable(error);
  }
}

export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Why a transaction was cancelled, one reason per item in order; `error` to pass on when none is an answer. */
export interface Cancellation {
  reasons: CancellationReason[];
  error: unknown;
}

/** Run a TransactWriteItems call: undefined when it committed, its cancellation when a condition or conflict cancelled it. */
export async function transaction(operation: () => Promise<unknown>): Promise<Cancellation | undefined> {
  try {
    await operation();
    return undefined;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw storeUnavailable(error);
    return { reasons: error.CancellationReasons ?? [], error };
  }
}

export const conditionFailed = (reason: CancellationReason | undefined) => reason?.Code === 'ConditionalCheckFailed';
export const conflicted = (reason: CancellationReason | undefined) => reason?.Code === 'TransactionConflict';

/**
 * DynamoDB's answer that the request itself is invalid (an item over 400 KB, a malformed expression), alone or as
 * the reason a transaction was cancelled: not a connection problem, and retrying will not help.
 */
export function refusedAsInvalid(cause: unknown): boolean {
  if (cause instanceof TransactionCanceledException) return (cause.CancellationReasons ?? []).some((reason) => reason.Code === 'ValidationError');
  return cause instanceof Error && cause.name === 'ValidationException';
}
