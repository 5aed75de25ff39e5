/**
 * Create the applications table and the review queue + DLQ if they are missing, from the same design constants the
 * CDK stacks use, so local and AWS resources have the same keys, indexes, TTL and redrive. Used by `npm start` and
 * by the integration test setup. Idempotent.
 */
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { applicationsTableDesign as design } from '../adapters/dynamodb-table-design.ts';
import { reviewQueueDesign } from '../adapters/sqs-queue-design.ts';
import { localClientConfig } from './local-environment.ts';

export async function provisionApplicationsTable(endpoint: string, tableName: string): Promise<'created' | 'existed'> {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  try {
    const keyAttributes = [
      design.partitionKey,
      design.sortKey,
      ...design.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    const AttributeDefinitions: AttributeDefinition[] = keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' }));
    let outcome: 'created' | 'existed' = 'created';
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions,
          KeySchema: [
            { AttributeName: design.partitionKey, KeyType: 'HASH' },
            { AttributeName: design.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: design.globalSecondaryIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: {
              ProjectionType: index.projection.type,
              ...('nonKeyAttributes' in index.projection && { NonKeyAttributes: [...index.projection.nonKeyAttributes] }),
            },
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

export interface ReviewQueueUrls {
  reviewQueueUrl: string;
  reviewDeadLetterQueueUrl: string;
}

export async function provisionReviewQueues(
  endpoint: string,
  names: { queueName: string; deadLetterQueueName: string },
  /**
   * Only for tests that watch a message fail its way to the DLQ: a shorter visibility timeout than the design's
   * 180 s, so five failed receives take seconds. The redrive policy is the design's either way.
   */
  overrides: { visibilityTimeoutSeconds?: number } = {},
): Promise<ReviewQueueUrls> {
  const client = new SQSClient({ ...localClientConfig(endpoint), useQueueUrlAsEndpoint: false });
  try {
    const deadLetterAttributes = { MessageRetentionPeriod: String(reviewQueueDesign.deadLetterRetentionDays * 86_400) };
    const { QueueUrl: reviewDeadLetterQueueUrl } = await client.send(
      new CreateQueueCommand({ QueueName: names.deadLetterQueueName, Attributes: deadLetterAttributes }),
    );
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: reviewDeadLetterQueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const reviewAttributes = {
      VisibilityTimeout: String(overrides.visibilityTimeoutSeconds ?? reviewQueueDesign.visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: reviewQueueDesign.maxReceiveCount }),
    };
    const { QueueUrl: reviewQueueUrl } = await client.send(new CreateQueueCommand({ QueueName: names.queueName }));
    // Set (not only create with) the attributes, so a queue created by an older version gets today's redrive policy.
    await client.send(new SetQueueAttributesCommand({ QueueUrl: reviewQueueUrl, Attributes: reviewAttributes }));
    if (!reviewQueueUrl || !reviewDeadLetterQueueUrl) throw new Error('SQS emulator returned no queue URL');
    return { reviewQueueUrl, reviewDeadLetterQueueUrl };
  } finally {
    client.destroy();
  }
}

/** The URLs of existing queues by name (the ops CLI finding a running local stack's queues). */
export async function findQueueUrls(endpoint: string, names: { queueName: string; deadLetterQueueName: string }): Promise<ReviewQueueUrls> {
  const client = new SQSClient({ ...localClientConfig(endpoint), useQueueUrlAsEndpoint: false });
  try {
    const [review, deadLetter] = await Promise.all(
      [names.queueName, names.deadLetterQueueName].map((QueueName) => client.send(new GetQueueUrlCommand({ QueueName }))),
    );
    if (!review?.QueueUrl || !deadLetter?.QueueUrl) throw new Error('SQS emulator returned no queue URL');
    return { reviewQueueUrl: review.QueueUrl, reviewDeadLetterQueueUrl: deadLetter.QueueUrl };
  } finally {
    client.destroy();
  }
}
