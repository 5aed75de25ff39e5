import { describe, expect, it } from 'vitest';
import { LOCAL_PHONE_HASH_SECRET, LOCAL_TABLE_NAME } from '../../../functions/local/local-environment.ts';
import { resolveTarget, TargetError, type AwsLookups } from '../../../functions/ops/target.ts';

const noLocalQueues = async () => {
  throw new Error('connect ECONNREFUSED');
};
const awsOutputs = {
  TableName: 'PosPortal-prod-Stateful-Applications1234',
  ReviewQueueUrl: 'https://sqs.ap-east-1.amazonaws.com/123456789012/review',
  DeadLetterQueueUrl: 'https://sqs.ap-east-1.amazonaws.com/123456789012/review-dlq',
  AppSecretArn: 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:AppSecret-abc',
};

function fakeAws(outputs: Record<string, string> = awsOutputs) {
  const calls: string[] = [];
  const aws: AwsLookups = {
    async readStackOutputs(name) {
      calls.push(`stack ${name}`);
      return outputs;
    },
    appSecret(id) {
      return {
        async read() {
          calls.push(`secret ${id}`);
          return { phoneHashKey: 'the-deployed-phone-hash-key', originVerify: 'the-deployed-origin-value' };
        },
        write: async () => 'version-1',
      };
    },
    async readOriginCustomHeader(distributionId, headerName) {
      calls.push(`distribution ${distributionId} ${headerName}`);
      return ['the-deployed-origin-value'];
    },
  };
  return { calls, load: { aws: async () => aws, findLocalQueueUrls: noLocalQueues } };
}

describe('local target', () => {
  it('defaults to the local stack values npm start uses', async () => {
    const target = await resolveTarget(undefined, {}, fakeAws().load);

    expect(target).toMatchObject({
      kind: 'local',
      tableName: LOCAL_TABLE_NAME,
      connection: {
        region: 'ap-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        endpoints: { dynamodb: 'http://127.0.0.1:8000', sqs: 'http://127.0.0.1:9324' },
      },
    });
    expect(await target.phoneHashSecret()).toBe(LOCAL_PHONE_HASH_SECRET);
  });

  it('follows DYNAMODB_PORT / SQS_PORT and single overrides from the environment', async () => {
    const target = await resolveTarget(
      undefined,
      {
        DYNAMODB_PORT: '8100',
        SQS_PORT: '9400',
        APPLICATIONS_TABLE_NAME: 'it-table',
        REVIEW_QUEUE_URL: 'http://q/review',
        REVIEW_DEAD_LETTER_QUEUE_URL: 'http://q/dlq',
      },
      fakeAws().load,
    );

    expect(target.connection.endpoints).toEqual({ dynamodb: 'http://127.0.0.1:8100', sqs: 'http://127.0.0.1:9400' });
    expect(target.tableName).toBe('it-table');
    expect(await target.queueUrls()).toEqual({ reviewQueueUrl: 'http://q/review', deadLetterQueueUrl: 'http://q/dlq' });
  });

  it('says the local stack is not running when its queues cannot be found', async () => {
    const target = await resolveTarget(undefined, {}, fakeAws().load);

    await expect(target.queueUrls()).rejects.toThrow(/npm start/);
  });

  it('refuses a malformed port', async () => {
    await expect(resolveTarget(undefined, { DYNAMODB_PORT: 'eight' }, fakeAws().load)).rejects.toThrow(TargetError);
  });
});

describe('AWS target', () => {
  it('--stage reads names from the stateful stack outputs, and the key only when asked', async () => {
    const { calls, load } = fakeAws();

    const target = await resolveTarget('prod', { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000' }, load);

    // The SDK's own region and credentials, and never a local stack's endpoints left in the shell.
    expect(target).toMatchObject({ kind: 'aws', tableName: awsOutputs.TableName, connection: { ignoreConfiguredEndpointUrls: true } });
    expect(target.connection.endpoints).toBeUndefined();
    expect(await target.queueUrls()).toEqual({ reviewQueueUrl: awsOutputs.ReviewQueueUrl, deadLetterQueueUrl: awsOutputs.DeadLetterQueueUrl });
    expect(calls).toEqual(['stack PosPortal-prod-Stateful']);
    expect(await target.phoneHashSecret()).toBe('the-deployed-phone-hash-key');
    expect(calls).toEqual(['stack PosPortal-prod-Stateful', `secret ${awsOutputs.AppSecretArn}`]);
  });

  it("reads what the deployed distribution sends as x-origin-verify, from the stateless stack's distribution", async () => {
    const { calls, load } = fakeAws({ ...awsOutputs, DistributionId: 'E2EXAMPLE' });

    const target = await resolveTarget('prod', {}, load);
    const sent = await target.originVerifySentByCloudFront!();

    expect(sent).toEqual(['the-deployed-origin-value']);
    expect(calls).toEqual(['stack PosPortal-prod-Stateful', 'stack PosPortal-prod-Stateless', 'distribution E2EXAMPLE x-origin-verify']);
  });

  it('OPS_TARGET=aws needs a stage; a wrong stage is named', async () => {
    await expect(resolveTarget(undefined, { OPS_TARGET: 'aws' }, fakeAws().load)).rejects.toThrow(/--stage dev\|prod/);
    await expect(resolveTarget('production', {}, fakeAws().load)).rejects.toThrow(/“production”/);
    expect((await resolveTarget(undefined, { OPS_TARGET: 'aws', OPS_STAGE: 'dev' }, fakeAws().load)).kind).toBe('aws');
  });

  it('explains an unreadable stack and a missing output', async () => {
    const failing = {
      aws: async (): Promise<AwsLookups> => ({
        readStackOutputs: async () => {
          throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
        },
        appSecret: () => ({ read: async () => ({ phoneHashKey: 'unused-phone-hash-key' }), write: async () => '' }),
        readOriginCustomHeader: async () => [],
      }),
      findLocalQueueUrls: noLocalQueues,
    };

    await expect(resolveTarget('dev', {}, failing)).rejects.toThrow(/PosPortal-dev-Stateful.*CredentialsProviderError/s);
    const { TableName: _, ...withoutTable } = awsOutputs;
    await expect(resolveTarget('dev', {}, fakeAws(withoutTable).load)).rejects.toThrow(/没有输出 TableName/);
  });
});
