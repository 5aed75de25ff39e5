/**
 * Creating the applications table outside CDK (DynamoDB Local for `npm start` and the integration tests), from the
 * same design the stateful stack uses: keys, index keys and projections, TTL. Idempotent; it never alters an existing
 * table. Also the readiness probe for a DynamoDB that is starting.
 */
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { requestHandlerOptions, sdkCallLimits } from './sdk-call-limits.ts';
import { applicationsTableDefinition, applicationsTableDesign as design } from './dynamodb-table-design.ts';

/** Where DynamoDB is and how to sign: explicit for local tooling, never the developer's AWS profile. */
export type DynamoDbConnection = Pick<DynamoDBClientConfig, 'endpoint' | 'region' | 'credentials' | 'maxAttempts'>;

export async function provisionApplicationsTable(connection: DynamoDbConnection, tableName: string): Promise<'created' | 'existed'> {
  const client = new DynamoDBClient({ requestHandler: requestHandlerOptions(sdkCallLimits.tooling), ...connection });
  try {
    const keyAttributes = [design.partitionKey, design.sortKey, ...design.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])];
    const AttributeDefinitions: AttributeDefinition[] = keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' }));
    let outcome: 'created' | 'existed' = 'created';
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions,
          KeySchema: applicationsTableDefinition.KeySchema.map((key) => ({ ...key })),
          GlobalSecondaryIndexes: applicationsTableDefinition.GlobalSecondaryIndexes.map((index) => ({
            ...index,
            KeySchema: index.KeySchema.map((key) => ({ ...key })),
          })),
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      outcome = 'existed';
    }
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: design.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
    return outcome;
  } finally {
    client.destroy();
  }
}

/** A probe for a DynamoDB that is starting: `answers()` is true once it serves requests. One attempt per call. */
export function createDynamoDbProbe(connection: DynamoDbConnection): { answers(): Promise<boolean>; close(): void } {
  const client = new DynamoDBClient({ ...connection, maxAttempts: 1, requestHandler: requestHandlerOptions(sdkCallLimits.tooling) });
  return {
    async answers() {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return true;
      } catch {
        return false;
      }
    },
    close: () => client.destroy(),
  };
}
