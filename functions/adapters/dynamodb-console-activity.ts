/**
 * The console's activity log (domain/console-activity.ts) in the applications table, next to the items described in
 * dynamodb-application-store.ts, without new items:
 *
 * | Entry          | Item                           | Attribute          | Lifetime                                      |
 * |----------------|--------------------------------|--------------------|-----------------------------------------------|
 * | phone revealed | application (`APP#<ref>`/`APP`) | `consoleReveals`  | with the anonymised record (who looked, when) |
 * | note           | personal data (`…`/`PERSONAL`)  | `consoleNotes`    | with the personal data (TTL, erasure)         |
 * | (un)blocking   | application (`APP#<ref>`/`APP`) | `consoleBlocking` | with the anonymised record                    |
 *
 * Each is a list appended with `list_append`, conditional on the item existing, so a note can never recreate
 * personal data that expired or was erased.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsoleActivity, ConsoleActivityLog } from '#domain/console-activity.ts';
import { DependencyUnavailableError } from '#domain/ports.ts';
import { applicationsTableDesign as design } from './dynamodb-table-design.ts';

const documentClient = DynamoDBDocumentClient.from(
  new DynamoDBClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 } }),
  { marshallOptions: { removeUndefinedValues: true } },
);

const key = (reference: string, sk: 'APP' | 'PERSONAL') => ({ [design.partitionKey]: `APP#${reference}`, [design.sortKey]: sk });

type RevealEntry = { at: string; by: string };
type NoteEntry = { at: string; by: string; text: string };
type BlockingEntry = { action: 'phone_blocked' | 'phone_unblocked'; at: string; by: string };

export function createDynamoDbConsoleActivityLog(options: { tableName: string }): ConsoleActivityLog {
  const TableName = options.tableName;

  /** Append to a list attribute of an existing item; false when the item is not there. */
  async function append(reference: string, sk: 'APP' | 'PERSONAL', attribute: string, entry: unknown): Promise<boolean> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName,
          Key: key(reference, sk),
          UpdateExpression: 'SET #list = list_append(if_not_exists(#list, :empty), :entry)',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#list': attribute, '#pk': design.partitionKey },
          ExpressionAttributeValues: { ':empty': [], ':entry': [entry] },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw new DependencyUnavailableError('store', { cause: error });
    }
  }

  async function read(reference: string, sk: 'APP' | 'PERSONAL', attributes: readonly string[]): Promise<Record<string, unknown> | undefined> {
    const names = Object.fromEntries(attributes.map((attribute, i) => [`#a${i}`, attribute]));
    try {
      const { Item } = await documentClient.send(
        new GetCommand({
          TableName,
          Key: key(reference, sk),
          ConsistentRead: true,
          ProjectionExpression: [...Object.keys(names), '#ttl'].join(', '),
          ExpressionAttributeNames: { ...names, '#ttl': design.timeToLiveAttribute },
        }),
      );
      return Item;
    } catch (error) {
      throw new DependencyUnavailableError('store', { cause: error });
    }
  }

  return {
    async recordReveal(reference, entry) {
      if (!(await append(reference, 'APP', 'consoleReveals', entry satisfies RevealEntry))) throw new Error(`recording a reveal: ${reference} does not exist`);
    },
    addNote: (reference, entry) => append(reference, 'PERSONAL', 'consoleNotes', entry satisfies NoteEntry),
    async recordBlocking(reference, entry) {
      if (!(await append(reference, 'APP', 'consoleBlocking', entry satisfies BlockingEntry))) throw new Error(`recording blocking: ${reference} does not exist`);
    },
    async activityOf(reference) {
      const [application, personal] = await Promise.all([read(reference, 'APP', ['consoleReveals', 'consoleBlocking']), read(reference, 'PERSONAL', ['consoleNotes'])]);
      const expiresAt = personal?.[design.timeToLiveAttribute];
      // TTL deletes lazily: an expired personal-data item is treated as gone, notes included.
      const personalLive = personal && !(typeof expiresAt === 'number' && expiresAt * 1000 <= Date.now());
      const reveals = ((application?.consoleReveals ?? []) as RevealEntry[]).map((entry): ConsoleActivity => ({ action: 'phone_revealed', ...entry }));
      const notes = personalLive ? ((personal.consoleNotes ?? []) as NoteEntry[]).map((entry): ConsoleActivity => ({ action: 'note', ...entry })) : [];
      const blocking = ((application?.consoleBlocking ?? []) as BlockingEntry[]).map((entry): ConsoleActivity => ({ ...entry }));
      return [...reveals, ...blocking, ...notes].sort((a, b) => a.at.localeCompare(b.at));
    },
  };
}
