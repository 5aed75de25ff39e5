/**
 * The console's activity log (domain/console-activity.ts) in the applications table, next to the items described in
 * dynamodb-items.ts, without new items:
 *
 * | Entry          | Item                           | Attribute          | Lifetime                                      |
 * |----------------|--------------------------------|--------------------|-----------------------------------------------|
 * | phone revealed | application (`APP#<ref>`/`APP`) | `consoleReveals`  | with the anonymised record (who looked, when) |
 * | note           | personal data (`…`/`PERSONAL`)  | `consoleNotes`    | with the personal data (TTL, erasure)         |
 * | (un)blocking   | application (`APP#<ref>`/`APP`) | `consoleBlocking` | with the anonymised record                    |
 * | lead event     | application (`APP#<ref>`/`APP`) | `consoleLeadEvents` | with the anonymised record (claims, reassignments, phone searches) |
 *
 * Each is a list appended with `list_append`, conditional on the item existing, so a note can never recreate
 * personal data that expired or was erased.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsoleActivity, ConsoleActivityLog, LeadEvent } from '#domain/console-activity.ts';
import { conditionalWrite, storeCall } from './dynamodb-errors.ts';
import { applicationKey, livePersonalData, personalDataKey, PK, TTL } from './dynamodb-items.ts';
import { applicationsTable, type DynamoDbTableOptions } from './dynamodb-table.ts';

const keyOf = { APP: applicationKey, PERSONAL: personalDataKey } as const;

type RevealEntry = { at: string; by: string };
type NoteEntry = { at: string; by: string; text: string };
type BlockingEntry = { action: 'phone_blocked' | 'phone_unblocked'; at: string; by: string };

export function createDynamoDbConsoleActivityLog(options: DynamoDbTableOptions): ConsoleActivityLog {
  const { TableName, client, clock } = applicationsTable(options);

  /** Append to a list attribute of an existing item; false when the item is not there. */
  function append(reference: string, sk: 'APP' | 'PERSONAL', attribute: string, entry: unknown): Promise<boolean> {
    return conditionalWrite(() =>
      client.send(
        new UpdateCommand({
          TableName,
          Key: keyOf[sk](reference),
          UpdateExpression: 'SET #list = list_append(if_not_exists(#list, :empty), :entry)',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#list': attribute, '#pk': PK },
          ExpressionAttributeValues: { ':empty': [], ':entry': [entry] },
        }),
      ),
    );
  }

  async function read(reference: string, sk: 'APP' | 'PERSONAL', attributes: readonly string[]): Promise<Record<string, unknown> | undefined> {
    const names = Object.fromEntries(attributes.map((attribute, i) => [`#a${i}`, attribute]));
    const { Item } = await storeCall(() =>
      client.send(
        new GetCommand({
          TableName,
          Key: keyOf[sk](reference),
          ConsistentRead: true,
          ProjectionExpression: [...Object.keys(names), '#ttl'].join(', '),
          ExpressionAttributeNames: { ...names, '#ttl': TTL },
        }),
      ),
    );
    return Item;
  }

  return {
    async recordReveal(reference, entry) {
      if (!(await append(reference, 'APP', 'consoleReveals', entry satisfies RevealEntry))) throw new Error(`recording a reveal: ${reference} does not exist`);
    },
    addNote: (reference, entry) => append(reference, 'PERSONAL', 'consoleNotes', entry satisfies NoteEntry),
    async recordBlocking(reference, entry) {
      if (!(await append(reference, 'APP', 'consoleBlocking', entry satisfies BlockingEntry))) throw new Error(`recording blocking: ${reference} does not exist`);
    },
    async recordLeadEvent(reference, entry) {
      if (!(await append(reference, 'APP', 'consoleLeadEvents', entry))) throw new Error(`recording a lead event: ${reference} does not exist`);
    },
    async activityOf(reference) {
      const [application, personal] = await Promise.all([read(reference, 'APP', ['consoleReveals', 'consoleBlocking', 'consoleLeadEvents']), read(reference, 'PERSONAL', ['consoleNotes'])]);
      // TTL deletes lazily: an expired personal-data item is treated as gone, notes included.
      const personalLive = livePersonalData(personal, clock.now());
      const reveals = ((application?.consoleReveals ?? []) as RevealEntry[]).map((entry): ConsoleActivity => ({ action: 'phone_revealed', ...entry }));
      const notes = personalLive ? ((personalLive.consoleNotes ?? []) as NoteEntry[]).map((entry): ConsoleActivity => ({ action: 'note', ...entry })) : [];
      const blocking = ((application?.consoleBlocking ?? []) as BlockingEntry[]).map((entry): ConsoleActivity => ({ ...entry }));
      const leadEvents = (application?.consoleLeadEvents ?? []) as LeadEvent[];
      return [...reveals, ...blocking, ...leadEvents, ...notes].sort((a, b) => a.at.localeCompare(b.at));
    },
  };
}
