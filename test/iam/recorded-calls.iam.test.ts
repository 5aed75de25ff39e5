/**
 * IAM as AWS enforces it, which DynamoDB Local and the SQS emulator do not: every AWS call the integration suites
 * recorded for a function (test/support/aws-call-recorder.ts) is evaluated against that function's role in the
 * synthesized template (the ops CLI's against the operator policy, CI's `npm run publish` against the CI stack's
 * role) with an IAM policy simulator (@cloud-copilot/iam-simulate). A call the role would deny fails here, as it
 * would fail on AWS with AccessDenied (a 503 for the visitor, an alarm for ops). And every grant no recorded call
 * used is listed: it must be exercised by a test, removed, or explained below.
 *
 * Runs after the integration project (vitest groupOrder 1); alone it fails with "nothing recorded".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { beforeAll, describe, expect, it } from 'vitest';
import { RECORDED_CALLS_DIR, type RecordedCall, type StageVariant } from '../support/aws-call-recorder.ts';
import { ACCOUNT, synthesizedRoles, type PolicyStatement, type SynthesizedRoles } from './synthesized-roles.ts';
import { ciPublishCallsOnAwsOnly } from './ci-publish-calls.ts';
import { opsOperatorPolicy, opsCliCallsOnAwsOnly } from './ops-operator-policy.ts';

/**
 * Services whose calls the recorder sees or that are listed as made only on AWS; other grants are outside this check:
 * the functions' logs (CDK's), and the CI role's sts grant for cdk deploy (test/infra/ci-workflows.test.ts asserts it).
 */
const checkedServices = ['dynamodb', 'sqs', 'sns', 'secretsmanager', 's3', 'cloudfront', 'cloudformation'];

/**
 * Grants no integration test can exercise, each with why it must stay. Keyed `caller action resource-role`.
 */
const grantsUsedOutsideTheTests: Record<string, string> = {
  'review-worker sqs:ReceiveMessage review-queue':
    "Lambda's event source mapping polls the queue with the function's role (locally functions/local/review-queue-poller.ts plays that part with its own client).",
  'review-worker sqs:DeleteMessage review-queue': "Lambda's event source mapping deletes what the worker handled, with the function's role.",
  'review-worker sqs:ChangeMessageVisibility review-queue': "Lambda's event source mapping returns failed messages to the queue, with the function's role.",
  'review-worker sqs:GetQueueAttributes review-queue': "Lambda's event source mapping reads the queue's attributes when it is created.",
  'review-worker sqs:GetQueueUrl review-queue': "Granted by CDK's SqsEventSource (grantConsumeMessages) together with the four actions above.",
  'personal-data-expiry dynamodb:DescribeStream applications-table-stream':
    "Lambda's stream event source mapping reads the table's stream with the function's role (DynamoDB Local has no streams: the tests feed the handler records).",
  'personal-data-expiry dynamodb:GetShardIterator applications-table-stream': "Lambda's stream event source mapping, as above.",
  'personal-data-expiry dynamodb:GetRecords applications-table-stream': "Lambda's stream event source mapping, as above.",
  'personal-data-expiry dynamodb:ListStreams *': "Lambda's stream event source mapping, as above; IAM has no narrower resource for ListStreams.",
  'personal-data-expiry sqs:SendMessage expiry-dead-letter-queue':
    "The stream mapping's on-failure destination: Lambda sends a failed batch's position there with the function's role.",
};

function readRecords(): RecordedCall[] {
  let files: string[] = [];
  try {
    files = readdirSync(RECORDED_CALLS_DIR).filter((name) => name.endsWith('.jsonl'));
  } catch {
    // no folder: nothing recorded
  }
  const lines = files.flatMap((name) => readFileSync(new URL(name, RECORDED_CALLS_DIR), 'utf8').split('\n').filter(Boolean));
  const unique = new Map(lines.map((line) => [line, JSON.parse(line) as RecordedCall]));
  return [...unique.values()];
}

async function decision(statements: readonly PolicyStatement[], action: string, resource: string): Promise<string> {
  const response = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:role/function-role`,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: {},
      },
      identityPolicies: [{ name: 'role', policy: { Version: '2012-10-17', Statement: statements as never } }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (response.resultType === 'error') throw new Error(`simulation of ${action} on ${resource} failed: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

/** Does an IAM resource pattern (with * and ?) match an ARN? */
const matches = (pattern: string, arn: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(arn);

let roles: SynthesizedRoles;
/** The roles of the stage variants whose calls were recorded (aws-call-recorder.ts StageVariant). */
const variantRoles = new Map<StageVariant, SynthesizedRoles>();
let records: RecordedCall[];
beforeAll(() => {
  roles = synthesizedRoles();
  records = readRecords();
  for (const { variant } of functionCallers) if (variant && !variantRoles.has(variant)) variantRoles.set(variant, synthesizedRoles(variant));
});

/** A caller as its calls were recorded (under a stage variant or not), which says the template its role is read from. */
type RecordedCaller = Pick<RecordedCall, 'caller' | 'variant'>;
const labelOf = ({ caller, variant }: RecordedCaller) => (variant ? `${caller} (${variant})` : caller);
const rolesOf = ({ variant }: RecordedCaller) => (variant ? variantRoles.get(variant)! : roles);
const callsOf = ({ caller, variant }: RecordedCaller) => records.filter((record) => record.caller === caller && record.variant === variant);

/** Every call of `caller` that `statements` would not allow, as `action on resource-role (operation)`. */
async function deniedCalls(caller: RecordedCaller, statements: readonly PolicyStatement[]): Promise<string[]> {
  const callerRoles = rolesOf(caller);
  const denied: string[] = [];
  for (const call of callsOf(caller)) {
    const result = await decision(statements, call.action, callerRoles.arnOf(call.resource));
    if (result !== 'Allowed') denied.push(`${call.action} on ${call.resource} (${call.operation}): ${result}`);
  }
  return denied.sort();
}

/** Every allowed action × resource of `statements` that no call of `caller` used, as `caller action resource-role`. */
function unusedGrants(caller: RecordedCaller, statements: readonly PolicyStatement[], extraUses: readonly { action: string; arn: string }[] = []): string[] {
  const callerRoles = rolesOf(caller);
  const uses = [...callsOf(caller).map((record) => ({ action: record.action, arn: callerRoles.arnOf(record.resource) })), ...extraUses];
  const unused: string[] = [];
  for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
    for (const action of [statement.Action].flat()) {
      if (!checkedServices.includes(action.split(':')[0]!)) continue;
      for (const resource of [statement.Resource].flat()) {
        if (uses.some((use) => matches(action, use.action) && matches(resource, use.arn))) continue;
        unused.push(`${labelOf(caller)} ${action} ${callerRoles.roleOfArn(resource)}`);
      }
    }
  }
  return unused.sort();
}

/**
 * Every function of the stateless stack, and each stage setting that changes its role: the call reminders notify
 * through the ops topic (e-mail, the dev stage) or the group robot (settings from the application secret).
 */
const functionCallers: RecordedCaller[] = [
  { caller: 'submit-application' },
  { caller: 'status-lookup' },
  { caller: 'console' },
  { caller: 'outbox-sweeper' },
  { caller: 'review-worker' },
  { caller: 'call-reminders' },
  { caller: 'call-reminders', variant: 'chat-notices' },
  { caller: 'origin-authorizer' },
  { caller: 'personal-data-expiry' },
];
const labelled = functionCallers.map((caller) => [labelOf(caller), caller] as const);

describe('IAM against the calls the integration suites made', () => {
  it('has calls recorded for every function, each stage variant, the ops CLI and CI publish (run with the integration project)', () => {
    const callers = new Set(records.map((record) => labelOf(record)));

    expect([...callers].sort(), 'nothing recorded: run `npm test` (the integration project records the calls)').toEqual(
      [...functionCallers.map(labelOf), 'ops-cli', 'ci-publish'].sort(),
    );
  });

  it('synthesizes every function of the stateless stack, so none is left out of the check above', () => {
    expect([...roles.policies.keys()].sort()).toEqual([...new Set(functionCallers.map(({ caller }) => caller))].sort());
  });

  it.each(labelled)('%s: its role allows every call it made', async (_label, caller) => {
    const statements = rolesOf(caller).policies.get(caller.caller);
    expect(statements, `no function ${caller.caller} in the template`).toBeDefined();

    expect(await deniedCalls(caller, statements!)).toEqual([]);
  });

  it.each(labelled)('%s: every grant of its role was used by a call, or is explained', (_label, caller) => {
    const unused = unusedGrants(caller, rolesOf(caller).policies.get(caller.caller)!).filter((grant) => !(grant in grantsUsedOutsideTheTests));
    if (unused.length > 0) console.log(`Grants no test exercised:\n  ${unused.join('\n  ')}`);

    expect(unused).toEqual([]);
  });

  it('ops CLI: the operator policy in README allows every call it made, and each of its grants is used', async () => {
    const statements = opsOperatorPolicy(roles);

    expect(await deniedCalls({ caller: 'ops-cli' }, statements)).toEqual([]);
    const awsOnly = opsCliCallsOnAwsOnly(roles);
    for (const call of awsOnly) expect(await decision(statements, call.action, call.arn), `${call.action} on ${call.arn}`).toBe('Allowed');
    expect(unusedGrants({ caller: 'ops-cli' }, statements, awsOnly)).toEqual([]);
  });

  it("CI publish (npm run publish): the CI stack's role allows every call it made, and each of its grants is used", async () => {
    const statements = roles.ciPolicy;

    expect(await deniedCalls({ caller: 'ci-publish' }, statements)).toEqual([]);
    const awsOnly = ciPublishCallsOnAwsOnly(roles);
    for (const call of awsOnly) expect(await decision(statements, call.action, call.arn), `${call.action} on ${call.arn}`).toBe('Allowed');
    expect(unusedGrants({ caller: 'ci-publish' }, statements, awsOnly)).toEqual([]);
  });
});
