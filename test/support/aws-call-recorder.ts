/**
 * Records which AWS API calls each function (and the ops CLI, and CI's `npm run publish`) makes in the integration
 * suites, as IAM sees them: the IAM action (a transaction's items are checked one by one, as PutItem/UpdateItem/…) and
 * the resource, named by its role in the stacks (`applications-table`, `applications-table/index/byStatus`,
 * `review-queue`, `site-bucket/index.html`…) because local tables, queues and buckets have per-file names. Only names
 * and actions are written, never table keys or items (personal data); a site bucket's keys are the site's paths.
 *
 * The records go to RECORDED_CALLS_DIR, one file per recorder; test/iam/recorded-calls.iam.test.ts runs after the
 * integration project (vitest groupOrder) and checks every record against that function's role in the synthesized
 * template.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AwsCall, AwsCallObserver } from '../../functions/adapters/aws-clients.ts';

export const RECORDED_CALLS_DIR = new URL('../artifacts/aws-calls/', import.meta.url);

/** Who makes calls: the functions of the stateless stack by handler name, the ops CLI, and `npm run publish` in CI. */
export type Caller =
  | 'submit-application'
  | 'status-lookup'
  | 'console'
  | 'outbox-sweeper'
  | 'review-worker'
  | 'call-reminders'
  | 'personal-data-expiry'
  | 'origin-authorizer'
  | 'ops-cli'
  | 'ci-publish';

/**
 * A stage setting that changes a function's role, as the calls were made under it: `chat-notices` is
 * `-c newApplicationNotices=chat` (the robot's settings read from the application secret instead of publishing to the
 * ops topic). Such calls are checked against the template synthesized with that setting; without one, the dev stage's.
 */
export type StageVariant = 'chat-notices';

/** A resource by its role in the stacks. */
export type ResourceRole =
  | 'applications-table'
  | `applications-table/index/${string}`
  | 'review-queue'
  | 'review-dead-letter-queue'
  | 'expiry-dead-letter-queue'
  | 'applications-table-stream'
  | 'ops-topic'
  | 'app-secret'
  | 'site-bucket'
  | `site-bucket/${string}`
  | 'site-distribution';

export interface RecordedCall {
  caller: Caller;
  variant?: StageVariant;
  /** `dynamodb:PutItem` */
  action: string;
  /** A role, or `unknown:<name>` for a resource the recorder was not told about (which no role allows). */
  resource: ResourceRole | `unknown:${string}`;
  /** The SDK operation that made it (`TransactWriteItems` for a PutItem inside a transaction). */
  operation: string;
}

/** Local names (table name, queue URL, topic ARN, secret id, bucket name) → their role. */
export type ResourceNames = Readonly<Record<string, ResourceRole>>;

const iamPrefix = { dynamodb: 'dynamodb', sqs: 'sqs', sns: 'sns', secretsManager: 'secretsmanager', s3: 's3' } as const;
const transactItemAction: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

/** The IAM requests one SDK call makes: the action and the resource name it acts on. */
export function iamRequestsOf(call: AwsCall): { action: string; name: string }[] {
  const input = call.input as Record<string, any>;
  const action = (operation: string) => `${iamPrefix[call.service]}:${operation}`;
  switch (call.service) {
    case 'dynamodb': {
      if (call.operation === 'TransactWriteItems' || call.operation === 'TransactGetItems') {
        return (input.TransactItems as Record<string, { TableName: string }>[]).flatMap((item) =>
          Object.entries(item).map(([kind, request]) => ({ action: action(transactItemAction[kind] ?? kind), name: request.TableName })),
        );
      }
      if (call.operation === 'BatchGetItem' || call.operation === 'BatchWriteItem') {
        return Object.keys(input.RequestItems as object).map((table) => ({ action: action(call.operation), name: table }));
      }
      const name = input.IndexName ? `${input.TableName}/index/${input.IndexName}` : String(input.TableName);
      return [{ action: action(call.operation), name }];
    }
    case 'sqs':
      // IAM has no actions of their own for SQS batch calls: each is authorised as its single-message action.
      return [{ action: action(call.operation.replace(/Batch$/, '')), name: String(input.QueueUrl) }];
    case 'sns':
      return [{ action: action(call.operation), name: String(input.TopicArn) }];
    case 'secretsManager':
      return [{ action: action(call.operation), name: String(input.SecretId) }];
    case 's3': {
      const objectName = (key: unknown) => `${input.Bucket}/${key}`;
      // Listing is authorised on the bucket as ListBucket; a multi-object delete as DeleteObject on each object.
      if (call.operation === 'ListObjectsV2') return [{ action: action('ListBucket'), name: String(input.Bucket) }];
      if (call.operation === 'DeleteObjects') {
        return (input.Delete.Objects as { Key: string }[]).map((object) => ({ action: action('DeleteObject'), name: objectName(object.Key) }));
      }
      if (call.operation === 'GetObject' || call.operation === 'PutObject') return [{ action: action(call.operation), name: objectName(input.Key) }];
      throw new Error(`aws-call-recorder: S3 ${call.operation} is not mapped to its IAM action yet`);
    }
  }
}

/**
 * What `known` maps `name` to: a known name's value, or for a known name followed by `/…` (an index, an object's key)
 * that name's value followed by the same `/…`; undefined for any other name. Local names → roles here, roles → ARNs in
 * test/iam/synthesized-roles.ts.
 */
export function mapKnownName(name: string, known: Readonly<Record<string, string>>): string | undefined {
  if (Object.hasOwn(known, name)) return known[name];
  const base = Object.keys(known).find((knownName) => name.startsWith(`${knownName}/`));
  return base === undefined ? undefined : `${known[base]}${name.slice(base.length)}`;
}

/** The role of a local name, what follows a known name after `/` kept; `unknown:<name>` for any other. */
const roleOf = (name: string, names: ResourceNames): RecordedCall['resource'] => (mapKnownName(name, names) as ResourceRole | undefined) ?? `unknown:${name}`;

export interface AwsCallRecorder {
  /** The observer to give the clients of one caller (AwsConnection.observe), configured as in `variant`'s stage. */
  observerFor(caller: Caller, variant?: StageVariant): AwsCallObserver;
}

/** A recorder writing to its own file in RECORDED_CALLS_DIR; each distinct record once. */
export function createAwsCallRecorder(names: ResourceNames): AwsCallRecorder {
  mkdirSync(RECORDED_CALLS_DIR, { recursive: true });
  const file = new URL(`${randomUUID()}.jsonl`, RECORDED_CALLS_DIR);
  const written = new Set<string>();
  return {
    observerFor: (caller, variant) => (call) => {
      for (const request of iamRequestsOf(call)) {
        const record: RecordedCall = {
          caller,
          ...(variant && { variant }),
          action: request.action,
          resource: roleOf(request.name, names),
          operation: call.operation,
        };
        const line = JSON.stringify(record);
        if (written.has(line)) continue;
        written.add(line);
        appendFileSync(file, `${line}\n`);
      }
    },
  };
}
