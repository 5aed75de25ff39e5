/**
 * The ops CLI: `npm run ops -- <command> [options]` (`npm run -s ops -- …` leaves out npm's own banner).
 * Works on the local stack by default and on AWS with `--stage dev|prod` (see target.ts). Exit codes: 0 done,
 * 1 could not do it (not found, refused, a service unreachable), 2 wrong arguments.
 */
import { createInterface } from 'node:readline/promises';
import { createHmacPseudonymiser } from '../adapters/hmac-pseudonymiser.ts';
import { systemClock } from '../adapters/system.ts';
import { loadConfig } from '../config.ts';
import { DependencyUnavailableError } from '#domain/ports.ts';
import { LOCAL_REVIEW_DEAD_LETTER_QUEUE_NAME, LOCAL_REVIEW_QUEUE_NAME } from '../local/local-environment.ts';
import { blockCommand, unblockCommand } from './commands/block.ts';
import { chatWebhookCommand } from './commands/chat-webhook.ts';
import { rotateOriginSecretCommand } from './commands/rotate-origin-secret.ts';
import { advanceCommand, rejectCommand, withdrawCommand } from './commands/decide.ts';
import { dlqCommand } from './commands/dlq.ts';
import { eraseCommand } from './commands/erase.ts';
import { exportCommand } from './commands/export.ts';
import { listCommand } from './commands/list.ts';
import { showCommand } from './commands/show.ts';
import { statsCommand } from './commands/stats.ts';
import { callCommand } from './commands/call.ts';
import { migrateActivityCommand } from './commands/migrate-activity.ts';
import { restoreToCallCommand } from './commands/restore-to-call.ts';
import { CommandFailed, parseCommandArgs, UsageError, type CliIo, type Command, type OpsConnection } from './context.ts';
import { pad } from './text-table.ts';
import { resolveTarget, TargetError, type OpsTarget } from './target.ts';

export const commands: readonly Command[] = [
  listCommand,
  showCommand,
  advanceCommand,
  rejectCommand,
  withdrawCommand,
  exportCommand,
  eraseCommand,
  statsCommand,
  callCommand,
  restoreToCallCommand,
  dlqCommand,
  blockCommand,
  unblockCommand,
  rotateOriginSecretCommand,
  chatWebhookCommand,
  migrateActivityCommand,
];

const overview = `pos-portal 运维工具 / ops CLI

用法：npm run ops -- <命令> [选项]        每个命令都可加 --help 查看说明

命令：
${commands.map((command) => `  ${pad(command.name, Math.max(...commands.map((each) => each.name.length)) + 2)}${command.summary}`).join('\n')}

目标环境：
  默认操作本地栈（npm start 启动的那个；端口不同时设置同样的 DYNAMODB_PORT / SQS_PORT）。
  --stage dev|prod   操作 AWS 上部署的环境（使用 AWS_PROFILE / AWS_REGION 等常规变量；也可设 OPS_TARGET=aws OPS_STAGE=…）

退出码：0 成功；1 未能完成（找不到、不允许的状态变更、服务不可达）；2 参数有误
`;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((command) => command.name === rest[0]) : undefined;
    io.out(topic ? `${topic.help}\n` : overview);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`不认识的命令 “${name}”。可用命令：${commands.map((c) => c.name).join('、')}（npm run ops -- --help）\n`);
    return 2;
  }

  let target: OpsTarget | undefined;
  try {
    const { values, positionals } = parseCommandArgs(command, [...rest]);
    if (values.help) {
      io.out(`${command.help}\n`);
      return 0;
    }
    if (positionals.length < command.positionals.min || positionals.length > command.positionals.max) {
      throw new UsageError(positionals.length < command.positionals.min ? '缺少参数' : `多余的参数：${positionals.slice(command.positionals.max).join(' ')}`);
    }
    let connection: Promise<OpsConnection> | undefined;
    const connect = () =>
      (connection ??= (async () => {
        target = await resolveTarget(values.stage as string | undefined, io.env, {
          aws: async () => {
            const [{ readStackOutputs }, secrets, { readOriginCustomHeader }] = await Promise.all([
              import('../adapters/cloudformation-stack-outputs.ts'),
              import('../adapters/secrets-manager-app-secrets.ts'),
              import('../adapters/cloudfront-origin-header.ts'),
            ]);
            // Local emulator endpoints (exported from `npm start`) must not redirect calls meant for AWS.
            const client = secrets.createSecretsManagerClient({ ignoreConfiguredEndpointUrls: true });
            return {
              readStackOutputs,
              readOriginCustomHeader,
              appSecret: (secretId: string) => ({
                read: () => secrets.readAppSecretDocument(client, secretId),
                write: (document) => secrets.writeAppSecretDocument(client, secretId, document),
              }),
            };
          },
          findLocalQueueUrls: async (sqsEndpoint) => {
            const { findQueueUrls } = await import('../local/provision.ts');
            return findQueueUrls(sqsEndpoint, { queueName: LOCAL_REVIEW_QUEUE_NAME, deadLetterQueueName: LOCAL_REVIEW_DEAD_LETTER_QUEUE_NAME });
          },
        });
        return connectTo(target, io);
      })());
    return await command.run({ values, positionals }, { io, connect });
  } catch (error) {
    return await report(error, command, target, io);
  }
}

/** The adapters load only now that a command needs them (help and usage errors stay fast), on the target's connection. */
async function connectTo(target: OpsTarget, io: CliIo): Promise<OpsConnection> {
  const config = loadConfig(['RETENTION_DAYS', 'FAILED_CALL_DAYS_BEFORE_CLOSING'], io.env);
  const [
    { createAwsClients },
    { createDynamoDbBackOfficeStore },
    { createDynamoDbLeadStore },
    { createDynamoDbConsoleActivityLog, createDynamoDbEmbeddedActivityMigration },
    { createSqsDeadLetterQueue },
  ] = await Promise.all([
    import('../adapters/aws-clients.ts'),
    import('../adapters/dynamodb-back-office-store.ts'),
    import('../adapters/dynamodb-lead-store.ts'),
    import('../adapters/dynamodb-console-activity.ts'),
    import('../adapters/sqs-dead-letter-queue.ts'),
  ]);
  const clients = createAwsClients({ ...target.connection, ...(io.observeAwsCalls && { observe: io.observeAwsCalls }) });
  io.err(`目标：${target.description}\n`);
  const table = { tableName: target.tableName, documentClient: clients.documentClient };
  return {
    target,
    store: createDynamoDbBackOfficeStore(table),
    leads: createDynamoDbLeadStore(table),
    activity: createDynamoDbConsoleActivityLog(table),
    activityMigration: createDynamoDbEmbeddedActivityMigration(table),
    clock: systemClock,
    retentionDays: config.RETENTION_DAYS,
    failedCallDaysBeforeClosing: config.FAILED_CALL_DAYS_BEFORE_CLOSING,
    async deadLetters() {
      const urls = await target.queueUrls();
      return createSqsDeadLetterQueue({ deadLetterQueueUrl: urls.deadLetterQueueUrl, reviewQueueUrl: urls.reviewQueueUrl, client: clients.sqs });
    },
    pseudonymiser: async () => createHmacPseudonymiser(await target.phoneHashSecret()),
  };
}

async function report(error: unknown, command: Command, target: OpsTarget | undefined, io: CliIo): Promise<number> {
  if (error instanceof UsageError) {
    io.err(`${error.message}\n用法见：npm run ops -- ${command.name} --help\n`);
    return 2;
  }
  if (error instanceof CommandFailed || error instanceof TargetError) {
    io.err(`${error.message}\n`);
    return 1;
  }
  // Imported here, not on top, so help and usage errors do not load the SDK; the store that threw has loaded it.
  if (error instanceof DependencyUnavailableError && (await import('../adapters/dynamodb-errors.ts')).refusedAsInvalid(error.cause)) {
    // Not a connection problem: DynamoDB answered and refused the request (e.g. an item over its 400 KB limit).
    io.err(
      `DynamoDB 拒绝了这次请求（ValidationError：${error.cause instanceof Error ? error.cause.message : String(error.cause)}）。\n这不是网络或连接问题，重试也不会成功；请把这段输出交给开发排查。\n`,
    );
    return 1;
  }
  if (error instanceof DependencyUnavailableError) {
    const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : String(error.cause);
    const service = error.dependency === 'store' ? 'DynamoDB' : 'SQS';
    const hint =
      target?.kind === 'aws'
        ? '请检查网络、AWS 凭证（AWS_PROFILE）和权限。'
        : '本地栈在运行吗？先 npm start；端口不是默认值时，用同样的 DYNAMODB_PORT / SQS_PORT 运行本工具。';
    io.err(`无法访问 ${service}（${cause}）。\n${hint}\n`);
    return 1;
  }
  io.err(`出错了：${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  if (io.env.OPS_DEBUG && error instanceof Error) io.err(`${error.stack}\n`);
  return 1;
}

/** The real terminal. */
export function nodeIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    errIsTerminal: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.env.INIT_CWD ?? process.cwd(),
    async ask(question) {
      if (!process.stdin.isTTY) return undefined;
      const readline = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await readline.question(question);
      } finally {
        readline.close();
      }
    },
  };
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2), nodeIo());
}
