/**
 * Browser project setup: a fresh site build, then the real local stack (site + API through the Lambda handlers,
 * DynamoDB Local, the SQS emulator, background tasks) in memory on free ports. Test files reach it through
 * `inject('baseUrl')`, and check what was stored through `inject('dynamoDbEndpoint')` and `inject('tableName')`.
 */
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../../../functions/local/local-stack.ts';
import { ensureSiteBuilt } from './site-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dynamoDbEndpoint: string;
    tableName: string;
    /** The local OpenID Connect provider's demo users (review console sign-in). */
    consoleUsers: { username: string; password: string; groups: string[] }[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureSiteBuilt();
  const stack = await startLocalStack({
    port: 0,
    inMemory: true,
    env: {
      // Every test applies from 127.0.0.1, and the suite applies more than a visitor would in a minute.
      RATE_LIMIT_PER_IP_PER_MINUTE: '1000',
      STATUS_MISSES_PER_IP_PER_HOUR: '1000',
      STATUS_MISSES_PER_REFERENCE_PER_DAY: '100',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    },
  });
  project.provide('baseUrl', stack.url);
  project.provide('dynamoDbEndpoint', stack.dynamoDb.endpoint);
  project.provide('tableName', stack.tableName);
  project.provide(
    'consoleUsers',
    stack.oidc.users.map((user) => ({ ...user, groups: [...user.groups] })),
  );
  return () => stack.stop();
}
