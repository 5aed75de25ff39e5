/**
 * The API benchmark's baseline: an HTTP endpoint that does only the irreducible work of accepting an application —
 * parse the JSON body, one PutItem of it, one SendMessage — against the same DynamoDB Local table and review queue as
 * the local stack, with SDK clients set up like our adapters (same timeouts and retries). No validation, no
 * idempotency, no rate limits, no outbox: everything our endpoint does beyond this is its overhead.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../../functions/adapters/dynamodb-document-client.ts';
import { requestHandlerOptions, sdkCallLimits } from '../../functions/adapters/sdk-call-limits.ts';
import { localClientConfig } from '../../functions/local/local-environment.ts';
import type { LocalStack } from '../../functions/local/local-stack.ts';

/** `kind` of the items the baseline writes, so they are never counted as applications. */
export const BASELINE_ITEM_KIND = 'bench_baseline';
const SDK_TIMEOUTS = { requestHandler: requestHandlerOptions(sdkCallLimits.sqs) };

export interface BaselineServer {
  url: string;
  close(): Promise<void>;
}

export async function startBaselineServer(stack: LocalStack): Promise<BaselineServer> {
  // The adapters' own client factory: same timeouts and retries as intake.
  const documents = createDocumentClient({ ...localClientConfig(stack.dynamoDb.endpoint), maxAttempts: 3 });
  const sqs = new SQSClient({ ...localClientConfig(stack.sqs.endpoint), maxAttempts: 2, useQueueUrlAsEndpoint: false, ...SDK_TIMEOUTS });

  async function accept(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const reference = randomUUID();
    await documents.send(
      new PutCommand({ TableName: stack.tableName, Item: { ...body, pk: `BASELINE#${reference}`, sk: 'BASELINE', kind: BASELINE_ITEM_KIND } }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: stack.reviewQueueUrl, MessageBody: JSON.stringify({ reference }) }));
    response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ reference }));
  }

  const server = createServer((request, response) => {
    accept(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(503).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('baseline server has no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        documents.destroy();
        sqs.destroy();
      }),
  };
}
