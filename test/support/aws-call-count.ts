/**
 * What one request or run costs in AWS calls, for tests that hold a flow to the reads it needs. The calls are those
 * the clients' observer sees (AwsConnection.observe, the hook the IAM recorder uses: intake-server.ts observeCalls),
 * kept in memory for the test only. Each is named by what it touches, never by a key's value (references and phone
 * hashes stay out of test output): `GetItem PERSONAL`, `Query toCall`, `TransactWriteItems`.
 */
import type { AwsCall } from '../../functions/adapters/aws-clients.ts';
import { applicationsTableDesign } from '../../functions/adapters/dynamodb-table-design.ts';

/** The kind of item a key names: its sort key up to the first `#` (`APP`, `PERSONAL`, `BLOCKED`, `RATE`). */
const itemKindOf = (key: unknown) => String((key as Record<string, unknown>)[applicationsTableDesign.sortKey]).split('#')[0];

/** `GetItem APP`, `UpdateItem RATE`, `Query` (the table), `Query toCall` (an index), `BatchGetItem`, `sns Publish`. */
function callName(call: AwsCall): string {
  if (call.service !== 'dynamodb') return `${call.service} ${call.operation}`;
  const { Key, IndexName } = call.input;
  if (IndexName !== undefined) return `${call.operation} ${String(IndexName)}`;
  if (Key !== undefined) return `${call.operation} ${itemKindOf(Key)}`;
  return call.operation;
}

/** The calls' names, sorted (calls made in parallel arrive in any order). */
export const callNames = (calls: readonly AwsCall[]) => calls.map(callName).sort();

/** The DynamoDB calls' names, sorted: what a request reads and writes, without the cached secret's occasional refresh. */
export const tableCallNames = (calls: readonly AwsCall[]) => callNames(calls.filter((call) => call.service === 'dynamodb'));

/** The kinds of item each BatchGetItem asked for, sorted: `['APP', 'APP', 'PERSONAL', 'PERSONAL']`. */
export const batchReadItemKinds = (calls: readonly AwsCall[]) =>
  calls
    .filter((call) => call.operation === 'BatchGetItem')
    .flatMap((call) => Object.values(call.input.RequestItems as Record<string, { Keys: unknown[] }>).flatMap((request) => request.Keys.map(itemKindOf)))
    .sort();

/** Calls observed while `act` runs (the caller's other calls must not overlap it). */
export async function callsDuring<T>(calls: AwsCall[], act: () => Promise<T>): Promise<{ result: T; calls: AwsCall[] }> {
  calls.length = 0;
  const result = await act();
  return { result, calls: [...calls] };
}
