/**
 * Which copy of the product the ops CLI works on, and where its table, queues and phone-hash key are.
 *
 * - Local (default): the stack `npm start` runs. Every value comes from functions/local/local-environment.ts (default
 *   ports and names, the local phone-hash key); `DYNAMODB_PORT` / `SQS_PORT` pick other ports, and the variables
 *   `npm start` prints (`AWS_ENDPOINT_URL_DYNAMODB`, `APPLICATIONS_TABLE_NAME`, `REVIEW_QUEUE_URL`, …) override
 *   single values, e.g. for a stack a test started.
 * - AWS: `--stage dev|prod` (or `OPS_TARGET=aws` with `OPS_STAGE`). Credentials and region come from the usual
 *   variables or profile (`AWS_PROFILE`, `AWS_REGION`); names come from the stateful stack's outputs
 *   (functions/deployment/stack-outputs.ts), the phone-hash key from the application secret in Secrets Manager — read only by the
 *   commands that need it.
 */
import * as z from 'zod';
import type { AwsConnection } from '../adapters/aws-clients.ts';
import { originVerifyHeader, type AppSecretStore } from '#domain/app-secrets.ts';
import { stackName, statefulOutputKeys, statelessOutputKeys } from '../deployment/stack-outputs.ts';
import {
  LOCAL_CREDENTIALS,
  LOCAL_PHONE_HASH_SECRET,
  LOCAL_REGION,
  LOCAL_REVIEW_DEAD_LETTER_QUEUE_NAME,
  LOCAL_REVIEW_QUEUE_NAME,
  LOCAL_TABLE_NAME,
  localPortsSchema,
  localServiceEndpoint,
} from '../local/local-environment.ts';

export const stages = ['dev', 'prod'] as const;
export type Stage = (typeof stages)[number];

export interface OpsTarget {
  kind: 'local' | 'aws';
  /** For the header line of every command: `本地栈（DynamoDB http://127.0.0.1:8000）`, `AWS prod（ap-east-1）`. */
  description: string;
  /** Where the SDK clients point: the local emulators (explicit endpoints, region, credentials), or AWS. */
  connection: AwsConnection;
  tableName: string;
  queueUrls(): Promise<{ reviewQueueUrl: string; deadLetterQueueUrl: string }>;
  phoneHashSecret(): Promise<string>;
  /** The application secret itself, for rotating the origin-verify value; absent locally (no Secrets Manager). */
  appSecret?: AppSecretStore;
  /** The x-origin-verify values the deployed distribution sends (AWS only). */
  originVerifySentByCloudFront?(): Promise<string[]>;
}

/** A target that cannot be reached or configured; the message is for ops, in Chinese. */
export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

export interface AwsLookups {
  readStackOutputs(stackName: string): Promise<Record<string, string>>;
  appSecret(secretId: string): AppSecretStore;
  readOriginCustomHeader(distributionId: string, headerName: string): Promise<string[]>;
}

const optionalUrl = z.url().optional();
const localOverridesSchema = z.object({
  AWS_ENDPOINT_URL_DYNAMODB: optionalUrl,
  AWS_ENDPOINT_URL_SQS: optionalUrl,
  APPLICATIONS_TABLE_NAME: z.string().min(3).default(LOCAL_TABLE_NAME),
  REVIEW_QUEUE_URL: optionalUrl,
  REVIEW_DEAD_LETTER_QUEUE_URL: optionalUrl,
  PHONE_HASH_SECRET: z.string().min(16).default(LOCAL_PHONE_HASH_SECRET),
});

const selectionSchema = z.object({
  OPS_TARGET: z.enum(['local', 'aws']).default('local'),
  OPS_STAGE: z.enum(stages).optional(),
});

function problems(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('；');
}

export async function resolveTarget(
  stageOption: string | undefined,
  env: Record<string, string | undefined>,
  load: { aws: () => Promise<AwsLookups>; findLocalQueueUrls: (sqsEndpoint: string) => Promise<{ reviewQueueUrl: string; reviewDeadLetterQueueUrl: string }> },
): Promise<OpsTarget> {
  const selection = selectionSchema.safeParse(env);
  if (!selection.success) throw new TargetError(`环境变量不正确：${problems(selection.error)}（OPS_TARGET 只能是 local 或 aws，OPS_STAGE 只能是 dev 或 prod）`);
  if (stageOption !== undefined && !(stages as readonly string[]).includes(stageOption)) {
    throw new TargetError(`--stage 只能是 dev 或 prod（收到 “${stageOption}”）`);
  }
  const stage = (stageOption as Stage | undefined) ?? selection.data.OPS_STAGE;
  if (stageOption !== undefined || selection.data.OPS_TARGET === 'aws') {
    if (!stage) throw new TargetError('OPS_TARGET=aws 时请用 --stage dev|prod 或 OPS_STAGE 指明要操作的环境');
    return awsTarget(stage, env, await load.aws());
  }
  return localTarget(env, load.findLocalQueueUrls);
}

function localTarget(
  env: Record<string, string | undefined>,
  findLocalQueueUrls: (sqsEndpoint: string) => Promise<{ reviewQueueUrl: string; reviewDeadLetterQueueUrl: string }>,
): OpsTarget {
  const ports = localPortsSchema.safeParse(env);
  if (!ports.success) throw new TargetError(`端口设置不正确：${problems(ports.error)}`);
  const overrides = localOverridesSchema.safeParse(env);
  if (!overrides.success) throw new TargetError(`本地栈的环境变量不正确：${problems(overrides.error)}`);
  const values = overrides.data;
  const dynamoDbEndpoint = values.AWS_ENDPOINT_URL_DYNAMODB ?? localServiceEndpoint(ports.data.DYNAMODB_PORT);
  const sqsEndpoint = values.AWS_ENDPOINT_URL_SQS ?? localServiceEndpoint(ports.data.SQS_PORT);
  const named = values.REVIEW_QUEUE_URL && values.REVIEW_DEAD_LETTER_QUEUE_URL;
  return {
    kind: 'local',
    description: `本地栈（DynamoDB ${dynamoDbEndpoint}，表 ${values.APPLICATIONS_TABLE_NAME}）`,
    connection: { region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS }, endpoints: { dynamodb: dynamoDbEndpoint, sqs: sqsEndpoint } },
    tableName: values.APPLICATIONS_TABLE_NAME,
    async queueUrls() {
      if (named) return { reviewQueueUrl: values.REVIEW_QUEUE_URL!, deadLetterQueueUrl: values.REVIEW_DEAD_LETTER_QUEUE_URL! };
      try {
        const found = await findLocalQueueUrls(sqsEndpoint);
        return { reviewQueueUrl: found.reviewQueueUrl, deadLetterQueueUrl: found.reviewDeadLetterQueueUrl };
      } catch (error) {
        throw new TargetError(
          `在 ${sqsEndpoint} 找不到本地队列 ${LOCAL_REVIEW_QUEUE_NAME} / ${LOCAL_REVIEW_DEAD_LETTER_QUEUE_NAME}：本地栈（npm start）在运行吗？` +
            `（${error instanceof Error ? error.message : String(error)}）`,
        );
      }
    },
    phoneHashSecret: async () => values.PHONE_HASH_SECRET,
  };
}

async function awsTarget(stage: Stage, env: Record<string, string | undefined>, aws: AwsLookups): Promise<OpsTarget> {
  const name = stackName(stage, 'Stateful');
  let outputs: Record<string, string>;
  try {
    outputs = await aws.readStackOutputs(name);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new TargetError(
      `读取 CloudFormation 栈 ${name} 失败：${reason}\n请检查 AWS_PROFILE / AWS_REGION（部署区域默认是 ap-east-1）以及权限，或确认 ${stage} 环境已经部署。`,
    );
  }
  const output = (key: string) => {
    const value = outputs[key];
    if (!value) throw new TargetError(`栈 ${name} 没有输出 ${key}：部署的版本太旧？请先 npm run deploy -- --stage ${stage}`);
    return value;
  };
  const tableName = output(statefulOutputKeys.tableName);
  let appSecret: AppSecretStore | undefined;
  const secret = () => (appSecret ??= aws.appSecret(output(statefulOutputKeys.appSecretArn)));
  return {
    kind: 'aws',
    description: `AWS ${stage}（${env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'profile 区域'}，表 ${tableName}）`,
    // Region and credentials from the usual variables or profile; a local stack's exported endpoints are ignored.
    connection: { ignoreConfiguredEndpointUrls: true },
    tableName,
    queueUrls: async () => ({ reviewQueueUrl: output(statefulOutputKeys.reviewQueueUrl), deadLetterQueueUrl: output(statefulOutputKeys.deadLetterQueueUrl) }),
    phoneHashSecret: async () => (await secret().read()).phoneHashKey,
    get appSecret() {
      return secret();
    },
    async originVerifySentByCloudFront() {
      const statelessName = stackName(stage, 'Stateless');
      const distributionId = (await aws.readStackOutputs(statelessName))[statelessOutputKeys.distributionId];
      if (!distributionId) throw new TargetError(`栈 ${statelessName} 没有输出 ${statelessOutputKeys.distributionId}：请先部署 ${stage} 环境`);
      return aws.readOriginCustomHeader(distributionId, originVerifyHeader);
    },
  };
}
