/**
 * The written quotes (domain/quote.ts QuoteBook) in the applications table: a list attribute `quotes` on the
 * personal-data item (`APP#<ref>`/`PERSONAL`, dynamodb-items.ts), so a quote lives and goes with the merchant's name
 * and phone (TTL, erasure). Appended with `list_append`, conditional on that item existing, so recording a quote can
 * never recreate personal data that expired or was erased. Each change is a new entry: the history is kept.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { QuoteBook, QuoteRecord } from '#domain/quote.ts';
import { conditionalWrite, storeCall } from './dynamodb-errors.ts';
import { liveItem, personalDataKey, PK, TTL, type Item } from './dynamodb-items.ts';
import { applicationsTable, type DynamoDbTableOptions } from './dynamodb-table.ts';

const QUOTES = 'quotes';

/** The quotes on a (live) personal-data item, oldest first: none without one. */
export const quotesOnPersonalData = (personal: Item | undefined) => (personal?.[QUOTES] ?? []) as QuoteRecord[];

export function createDynamoDbQuoteBook(options: DynamoDbTableOptions): QuoteBook {
  const { TableName, client, clock } = applicationsTable(options);
  return {
    appendQuote: (reference, quote) =>
      conditionalWrite(() =>
        client.send(
          new UpdateCommand({
            TableName,
            Key: personalDataKey(reference),
            UpdateExpression: 'SET #quotes = list_append(if_not_exists(#quotes, :empty), :quote)',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#quotes': QUOTES, '#pk': PK },
            ExpressionAttributeValues: { ':empty': [], ':quote': [quote satisfies QuoteRecord] },
          }),
        ),
      ),
    async quotesOf(reference) {
      const { Item } = await storeCall(() =>
        client.send(
          new GetCommand({
            TableName,
            Key: personalDataKey(reference),
            ConsistentRead: true,
            ProjectionExpression: '#quotes, #ttl',
            ExpressionAttributeNames: { '#quotes': QUOTES, '#ttl': TTL },
          }),
        ),
      );
      // TTL deletes lazily: an expired personal-data item is treated as gone, quotes included.
      return quotesOnPersonalData(liveItem(Item, clock.now()));
    },
  };
}
