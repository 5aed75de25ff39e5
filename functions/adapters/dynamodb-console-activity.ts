/**
 * The console's activity log (domain/console-activity.ts) in the applications table, next to the items described in
 * dynamodb-items.ts:
 *
 * | Entry          | Item                                                    | Lifetime                                      |
 * |----------------|---------------------------------------------------------|-----------------------------------------------|
 * | phone revealed | one item per entry: `APP#<ref>` / `ACTIVITY#<at>#<id>`   | with the anonymised record (who looked, when) |
 * | (un)blocking   | one item per entry: `APP#<ref>` / `ACTIVITY#<at>#<id>`   | with the anonymised record                    |
 * | note           | `consoleNotes` on the personal-data item (`…`/`PERSONAL`), at most MAX_NOTES_PER_APPLICATION | with the personal data (TTL, erasure) |
 *
 * Reveals and blocking are separate items, so no number of them makes the application item too large to update or
 * erase (DynamoDB refuses items over 400 KB). Notes are personal data and must expire with the name and phone, which
 * TTL does only for whole items: they stay a list on the personal-data item, bounded by a condition on its size.
 * A note is appended only if the personal-data item exists, so it can never recreate personal data that expired or
 * was erased. Blocking and its entry are one transaction: the list never changes without its history entry.
 *
 * The audit log (acts spanning applications, e.g. an unmasked export) is one item per entry in a partition per
 * month, `AUDIT#<yyyy-mm>` / `<at>#<id>`, kind `audit`, kept for good (it holds who, when, filters and a row count:
 * no personal data).
 */
import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  MAX_ACTIVITY_SHOWN,
  MAX_NOTES_PER_APPLICATION,
  type AuditEntry,
  type AuditLog,
  type ConsoleActivity,
  type ConsoleActivityLog,
  type ConsoleNote,
  type EmbeddedActivityMigration,
} from '#domain/console-activity.ts';
import { conditionalWrite, storeCall, storeUnavailable, transaction } from './dynamodb-errors.ts';
import { applicationKey, blockedPhoneItem, blockedPhoneKey, liveItem, personalDataKey, PK, SK, TTL, type Item } from './dynamodb-items.ts';
import { applicationsTable, type DynamoDbTableOptions } from './dynamodb-table.ts';

type NoteEntry = Omit<ConsoleNote, 'action'>;

/** The notes on a (live) personal-data item, oldest first: none without one. */
export const notesOnPersonalData = (personal: Item | undefined): ConsoleNote[] =>
  ((personal?.consoleNotes ?? []) as NoteEntry[]).map((entry) => ({ action: 'note', ...entry }));

/** Sort keys of activity items: time first (the history's order), then a random suffix (two acts in one millisecond). */
export const ACTIVITY_PREFIX = 'ACTIVITY#';
const activityItemKey = (reference: string, at: string) => ({ [PK]: `APP#${reference}`, [SK]: `${ACTIVITY_PREFIX}${at}#${randomBytes(4).toString('hex')}` });

/**
 * The one layout of an activity item (reveals, blocking, lead events, and whatever the console records next), as a
 * Put for a transaction: the blocked list and the lead store write theirs together with the change they record.
 */
export const activityItemPut = (TableName: string, reference: string, entry: Exclude<ConsoleActivity, { action: 'note' }>) => ({
  TableName,
  Item: { ...activityItemKey(reference, entry.at), kind: 'console_activity', reference, ...entry },
  ConditionExpression: 'attribute_not_exists(#pk)',
  ExpressionAttributeNames: { '#pk': PK },
});

export function createDynamoDbConsoleActivityLog(options: DynamoDbTableOptions): ConsoleActivityLog {
  const table = applicationsTable(options);
  const { TableName, client, clock } = table;

  const activityItem = (reference: string, entry: Exclude<ConsoleActivity, { action: 'note' }>) => activityItemPut(TableName, reference, entry);

  async function addNote(reference: string, entry: NoteEntry): Promise<'recorded' | 'no_personal_data' | 'notes_full'> {
    const added = await conditionalWrite(() =>
      client.send(
        new UpdateCommand({
          TableName,
          Key: personalDataKey(reference),
          UpdateExpression: 'SET #list = list_append(if_not_exists(#list, :empty), :entry)',
          ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(#list) OR size(#list) < :max)',
          ExpressionAttributeNames: { '#list': 'consoleNotes', '#pk': PK },
          ExpressionAttributeValues: { ':empty': [], ':entry': [entry], ':max': MAX_NOTES_PER_APPLICATION },
        }),
      ),
    );
    if (added) return 'recorded';
    // Refused: tell a full list from personal data that is gone.
    return (await table.getItem(personalDataKey(reference))) ? 'notes_full' : 'no_personal_data';
  }

  return {
    async append(reference, entry) {
      if (entry.action === 'note') return addNote(reference, entry);
      await storeCall(() => client.send(new PutCommand(activityItem(reference, entry))));
      return 'recorded';
    },

    async changePhoneBlocking({ reference, phoneHash, entry, reason }) {
      const onList =
        entry.action === 'phone_blocked'
          ? { Put: { TableName, Item: blockedPhoneItem({ phoneHash, at: entry.at, by: entry.by, ...(reason !== undefined && { reason }) }) } }
          : { Delete: { TableName, Key: blockedPhoneKey(phoneHash) } };
      const input: TransactWriteCommandInput = { TransactItems: [onList, { Put: activityItem(reference, entry) }] };
      const cancelled = await transaction(() => client.send(new TransactWriteCommand(input)));
      if (cancelled) throw storeUnavailable(cancelled.error);
    },

    async activityOf(reference, notesRead) {
      const [recent, notes] = await Promise.all([
        storeCall(() =>
          client.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
              ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
              ExpressionAttributeValues: { ':pk': `APP#${reference}`, ':prefix': ACTIVITY_PREFIX },
              ScanIndexForward: false,
              Limit: MAX_ACTIVITY_SHOWN,
              ConsistentRead: true,
            }),
          ),
        ).then(({ Items = [] }) => Items),
        // Only the notes and the expiry: the item also holds the name, phone and quotes, which this view does not show.
        // TTL deletes lazily: an expired personal-data item is treated as gone, notes included.
        notesRead ?? table.getItem(personalDataKey(reference), ['consoleNotes', TTL]).then((personal) => notesOnPersonalData(liveItem(personal, clock.now()))),
      ]);
      // Lead events carry who a lead moved from and to; every other entry is action, time and actor.
      const logged = recent.map(
        ({ action, at, by, from, to }) => ({ action, at, by, ...(from !== undefined && { from }), ...(to !== undefined && { to }) }) as ConsoleActivity,
      );
      return [...logged, ...notes].sort((a, b) => a.at.localeCompare(b.at)).slice(-MAX_ACTIVITY_SHOWN);
    },
  };
}

const auditPartition = (month: string) => `AUDIT#${month}`;

export function createDynamoDbAuditLog(options: DynamoDbTableOptions): AuditLog {
  const { TableName, client, clock } = applicationsTable(options);
  return {
    async record(entry) {
      const item = { [PK]: auditPartition(entry.at.slice(0, 7)), [SK]: `${entry.at}#${randomBytes(4).toString('hex')}`, kind: 'audit', ...entry };
      await storeCall(() =>
        client.send(new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } })),
      );
    },
    async recent(limit) {
      const now = clock.now();
      const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
      const entries: AuditEntry[] = [];
      for (const month of [now.toISOString().slice(0, 7), lastMonth.toISOString().slice(0, 7)]) {
        if (entries.length >= limit) break;
        const { Items = [] } = await storeCall(() =>
          client.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': PK },
              ExpressionAttributeValues: { ':pk': auditPartition(month) },
              ScanIndexForward: false,
              Limit: limit - entries.length,
            }),
          ),
        );
        entries.push(...Items.map(({ action, at, by, rows, filters }) => ({ action, at, by, rows, filters }) as AuditEntry));
      }
      return entries;
    },
  };
}

/**
 * The migration of embedded activity lists (domain/console-activity.ts EmbeddedActivityMigration). Each entry becomes
 * the activity item it would be today, under a sort key derived from the entry's list and position instead of a
 * random suffix, so a rerun (after a failure half-way) writes the same items again and never a second copy. The lists
 * are removed only after every entry is stored.
 */
export function createDynamoDbEmbeddedActivityMigration(options: DynamoDbTableOptions): EmbeddedActivityMigration {
  const table = applicationsTable(options);
  const { TableName, client } = table;
  /** Puts in flight at once: an 8,000-entry list moves in a few hundred rounds, without a burst. */
  const PARALLEL_PUTS = 20;

  return {
    async moveEmbeddedEntries(reference) {
      const application = await table.getItem(applicationKey(reference));
      if (!application || (application.consoleReveals === undefined && application.consoleBlocking === undefined)) return 0;
      const reveals = (application.consoleReveals ?? []) as { at: string; by: string }[];
      const blocking = (application.consoleBlocking ?? []) as { action: 'phone_blocked' | 'phone_unblocked'; at: string; by: string }[];
      const entries = [
        ...reveals.map((entry, position) => ({ entry: { action: 'phone_revealed' as const, at: entry.at, by: entry.by }, suffix: `r${position}` })),
        ...blocking.map((entry, position) => ({ entry: { action: entry.action, at: entry.at, by: entry.by }, suffix: `b${position}` })),
      ];
      for (let offset = 0; offset < entries.length; offset += PARALLEL_PUTS) {
        await Promise.all(
          entries.slice(offset, offset + PARALLEL_PUTS).map(({ entry, suffix }) =>
            storeCall(() =>
              client.send(
                new PutCommand({
                  TableName,
                  Item: { [PK]: `APP#${reference}`, [SK]: `${ACTIVITY_PREFIX}${entry.at}#${suffix}`, kind: 'console_activity', reference, ...entry },
                }),
              ),
            ),
          ),
        );
      }
      await conditionalWrite(() =>
        client.send(
          new UpdateCommand({
            TableName,
            Key: applicationKey(reference),
            UpdateExpression: 'REMOVE #reveals, #blocking',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#reveals': 'consoleReveals', '#blocking': 'consoleBlocking', '#pk': PK },
          }),
        ),
      );
      return entries.length;
    },
  };
}
