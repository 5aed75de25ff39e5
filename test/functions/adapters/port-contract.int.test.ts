/** The same port contract against the in-memory fake and against the DynamoDB adapters on DynamoDB Local. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb-document-client.ts';
import { localClientConfig } from '../../../functions/local/local-environment.ts';
import { provisionApplicationsTable } from '../../../functions/local/provision.ts';
import { createDynamoDbTablePorts } from '../../support/dynamodb-table-ports.ts';
import { createInMemoryStore } from '../../support/in-memory-ports.ts';
import { describePortContract } from '../../support/port-contract.ts';

describePortContract('in memory', async () => createInMemoryStore());

const documentClient = createDocumentClient(localClientConfig(inject('dynamoDbEndpoint')));
describePortContract('DynamoDB adapters', async () => {
  const tableName = `it-contract-${randomUUID().slice(0, 8)}`;
  await provisionApplicationsTable(inject('dynamoDbEndpoint'), tableName);
  return createDynamoDbTablePorts({ tableName, documentClient });
});
