/**
 * `npm start`: build the site, start the local stack with persisted data, print where everything is, and stop it
 * all on Ctrl-C / SIGTERM.
 *
 *   npm start                       # http://127.0.0.1:4321, data kept in .local/
 *   npm start -- --in-memory        # nothing persisted
 *   npm start -- --no-build         # serve site/dist as it is
 *   npm start -- --reset            # delete .local/dynamodb and .local/sqs first
 *   PORT=4400 DYNAMODB_PORT=8100 SQS_PORT=9400 npm start
 *   RATE_LIMIT_PER_IP_PER_MINUTE=1000 npm start   # any documented configuration variable (local-environment.ts)
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_DATA_DIR, REPOSITORY_ROOT, localPortsSchema, localSettingsFrom } from './local-environment.ts';
import { startLocalStack, type LocalStack } from './local-stack.ts';

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    options: {
      'in-memory': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (flags.help) {
    console.log(
      'usage: npm start [-- --in-memory] [-- --no-build] [-- --reset]   (env: PORT, DYNAMODB_PORT, SQS_PORT, and the configuration variables of docs/api.md)',
    );
    return;
  }
  const parsedPorts = localPortsSchema.safeParse(process.env);
  if (!parsedPorts.success) {
    throw new Error(`Invalid port: ${parsedPorts.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const ports = parsedPorts.data;
  const settings = localSettingsFrom(process.env);

  if (flags.reset) {
    await rm(join(LOCAL_DATA_DIR, 'dynamodb'), { recursive: true, force: true });
    await rm(join(LOCAL_DATA_DIR, 'sqs'), { recursive: true, force: true });
    console.log('Local data deleted (.local/dynamodb, .local/sqs).');
  }

  const build = flags['no-build'] ? Promise.resolve() : buildSite();
  let stack: LocalStack | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      console.log('Forced exit.');
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the local stack…`);
    await stack?.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // `kill <npm pid>` ends npm without passing the signal on; we would be orphaned with Java still running.
  // Notice the parent going away (we get re-parented) and shut down as if signalled.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown('parent process exited');
  }, 1_000).unref();

  stack = await startLocalStack({
    port: ports.PORT,
    dynamoDbPort: ports.DYNAMODB_PORT,
    sqsPort: ports.SQS_PORT,
    inMemory: flags['in-memory'],
    env: settings,
  });
  await build;
  if (!stopping) printBanner(stack, settings);
}

/** `npm run build`. A failure is reported but does not stop the stack: the API works with whatever site/dist holds. */
function buildSite(): Promise<void> {
  console.log('Building the site (npm run build)…');
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build'], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
    child.once('error', (error) => {
      console.warn(`Site build could not run: ${error.message}. Serving site/dist as it is.`);
      resolve();
    });
    child.once('exit', (code) => {
      if (code !== 0) console.warn(`Site build failed (exit ${code}). Serving site/dist as it is; the API is unaffected.`);
      resolve();
    });
  });
}

function printBanner(stack: LocalStack, settings: Record<string, string>): void {
  const where = (dir: string | undefined) => (dir ? relative(REPOSITORY_ROOT, dir) + '/' : 'in memory');
  const e = stack.env;
  console.log(`
pos-portal local stack is running

  Site and API     ${stack.url}/
  Apply            ${stack.url}/apply/
  API              POST ${stack.url}/api/applications   POST ${stack.url}/api/applications/status

  DynamoDB Local   ${stack.dynamoDb.endpoint}   table ${stack.tableName}   data: ${where(stack.dynamoDb.dataDir)}
  SQS (fauxqs)     ${stack.sqs.endpoint}   queues in memory (the outbox sweeper re-sends after a restart)
  Review queue     ${stack.reviewQueueUrl}
  Review DLQ       ${stack.reviewDeadLetterQueueUrl}
  Background       ${stack.backgroundTasks.join(', ')}
  Settings         ${
    Object.keys(settings).length === 0
      ? 'production defaults'
      : Object.entries(settings)
          .map(([key, value]) => `${key}=${key.startsWith('CHAT_WEBHOOK_') ? '…' : value}`)
          .join(' ')
  }

  Review console   ${stack.url}/console/   (local sign-in ${stack.oidc.issuer})
${stack.oidc.users.map((user) => `                   ${user.groups.join(',').padEnd(9)} user ${user.username.padEnd(9)} password ${user.password}`).join('\n')}

  Ops CLI          npm run ops -- list   (finds this stack by itself; with other ports, run it with the same
                   DYNAMODB_PORT / SQS_PORT)

  To reach this stack from the AWS CLI or a script:
    export AWS_REGION=${e.AWS_REGION} AWS_ACCESS_KEY_ID=${e.AWS_ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY=${e.AWS_SECRET_ACCESS_KEY}
    export AWS_ENDPOINT_URL_DYNAMODB=${e.AWS_ENDPOINT_URL_DYNAMODB} AWS_ENDPOINT_URL_SQS=${e.AWS_ENDPOINT_URL_SQS}
    export APPLICATIONS_TABLE_NAME=${e.APPLICATIONS_TABLE_NAME}
    export REVIEW_QUEUE_URL=${e.REVIEW_QUEUE_URL}
    export REVIEW_DEAD_LETTER_QUEUE_URL=${e.REVIEW_DEAD_LETTER_QUEUE_URL}

  Ctrl-C stops everything.
`);
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
