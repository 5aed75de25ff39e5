/**
 * Cold-start proxy: for each of our Lambda bundles (from the synthesized app), the time from spawning a fresh Node
 * process to the handler having answered its first event, median over N processes; beside a minimal bundle, built
 * with the same esbuild settings, that only creates the same AWS SDK clients and answers a trivial event. Runs
 * alternate between the two so machine noise hits both alike.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { measureBundles, type FunctionBundle } from '../../infra/bundle-sizes.ts';
import { startLocalStack, type LocalStack } from '../../functions/local/local-stack.ts';
import { resourcesOfType, synthesizedAssembly, type Assembly } from './assembly.ts';
import { createWorkspace, linkRepositoryPackages, REPO_ROOT } from './processes.ts';
import { formatBytes, formatMs, formatRatio, median, type SectionReport } from './report.ts';

export interface ColdStartSettings {
  runs: number;
}

/**
 * esbuild settings of our Lambda bundles, as infra/constructs/pos-function.ts gives them to NodejsFunction (whose own
 * defaults add platform node, bundle, and `@aws-sdk/*` external because the runtime provides the SDK).
 */
const LAMBDA_BUNDLING = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  external: ['@aws-sdk/*'],
  banner: { js: "import { createRequire as __posCreateRequire } from 'node:module'; const require = __posCreateRequire(import.meta.url);" },
} as const;

/** How the minimal bundle creates each SDK client a real bundle imports. */
const SDK_CLIENTS: Record<string, { import: string; create: string }> = {
  '@aws-sdk/client-dynamodb': { import: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", create: 'new DynamoDBClient({})' },
  '@aws-sdk/lib-dynamodb': {
    import: "import { DynamoDBClient as DocumentBase } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    create: 'DynamoDBDocumentClient.from(new DocumentBase({}))',
  },
  '@aws-sdk/client-sqs': { import: "import { SQSClient } from '@aws-sdk/client-sqs';", create: 'new SQSClient({})' },
  '@aws-sdk/client-sns': { import: "import { SNSClient } from '@aws-sdk/client-sns';", create: 'new SNSClient({})' },
  '@aws-sdk/client-secrets-manager': {
    import: "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
    create: 'new SecretsManagerClient({})',
  },
};

/** Functions that run only while CloudFormation deploys: no visitor ever waits for their cold start. */
const DEPLOY_TIME_ONLY = new Set(['app-secret-initialiser']);

/** An event each handler answers without side effects, and what that exercises. */
const REPRESENTATIVE_EVENTS: Record<string, { event: unknown; exercises: string }> = {
  'submit-application': {
    event: apiEvent('POST /api/applications', '{}', { 'idempotency-key': '00000000-0000-4000-8000-000000000000' }),
    exercises: 'gets a POST with an empty JSON body (answered 400 by validation, no I/O)',
  },
  'status-lookup': {
    event: apiEvent('POST /api/applications/status', '{}'),
    exercises: 'gets a POST with an empty JSON body (answered 400 by validation, no I/O)',
  },
  console: {
    event: apiEvent('GET /api/console/me', ''),
    exercises: 'gets a request that did not come through CloudFront (answered 403 before any token check or I/O)',
  },
  'origin-authorizer': {
    event: {
      version: '2.0',
      type: 'REQUEST',
      routeKey: 'POST /api/applications',
      rawPath: '/api/applications',
      headers: { 'x-origin-verify': 'not-the-value' },
    },
    exercises: 'gets a request with a wrong x-origin-verify (refused; the local secret needs no I/O)',
  },
  'outbox-sweeper': {
    event: { version: '0', id: 'cold-start', source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} },
    exercises: 'gets a schedule tick (one Query of the empty outbox)',
  },
  'review-worker': {
    event: {
      Records: [
        {
          messageId: 'cold-start',
          receiptHandle: 'cold-start',
          body: '{"reference":"PA-2222-2222"}',
          attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'bench', ApproximateFirstReceiveTimestamp: '0' },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:ap-east-1:000000000000:pos-portal-review',
          awsRegion: 'ap-east-1',
        },
      ],
    },
    exercises: 'gets one SQS record for an unknown reference (reads DynamoDB Local)',
  },
};

/**
 * Runs in the fresh process: import the bundle, invoke once with a Lambda-like context, report on file descriptor 3
 * (stdout is left to the function's logs, as on Lambda). Plain JavaScript, so no TypeScript loader is timed.
 */
const INVOKE_ONCE = `
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [bundle, event] = process.argv.slice(1);
const context = {
  functionName: 'cold-start-bench', functionVersion: '$LATEST', memoryLimitInMB: '512', awsRequestId: 'cold-start',
  invokedFunctionArn: 'arn:aws:lambda:ap-east-1:000000000000:function:cold-start-bench',
  logGroupName: '/aws/lambda/cold-start-bench', logStreamName: 'cold-start', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10000, done() {}, fail() {}, succeed() {},
};
let outcome;
try {
  const { handler } = await import(pathToFileURL(bundle).href);
  const result = await handler(JSON.parse(event), context);
  outcome = { ok: true, statusCode: result && result.statusCode };
} catch (error) {
  outcome = { ok: false, error: String((error && error.message) || error).slice(0, 200) };
}
writeSync(3, JSON.stringify(outcome) + '\\n');
`;

interface Invocation {
  milliseconds: number;
  outcome: { ok: boolean; statusCode?: number; error?: string };
}

export async function benchmarkColdStart(settings: ColdStartSettings): Promise<SectionReport> {
  const assembly = await synthesizedAssembly();
  const bundles = measureBundles(assembly.dir).filter((bundle) => bundle.entryFile.endsWith('.mjs') && bundle.name in REPRESENTATIVE_EVENTS);
  const unknown = measureBundles(assembly.dir).filter(
    (bundle) => bundle.entryFile.endsWith('.mjs') && !(bundle.name in REPRESENTATIVE_EVENTS) && !DEPLOY_TIME_ONLY.has(bundle.name),
  );
  if (unknown.length)
    throw new Error(
      `No representative event for ${unknown.map((bundle) => bundle.name).join(', ')}: add one to REPRESENTATIVE_EVENTS in test/bench/cold-start.ts`,
    );

  const workspace = await createWorkspace('cold-start');
  const stack = await startLocalStack({ inMemory: true, backgroundTasks: [], env: { POWERTOOLS_LOG_LEVEL: 'WARN' } });
  try {
    await linkRepositoryPackages(workspace.dir);
    const rows: string[][] = [];
    const events: string[] = [];
    const warnings: string[] = [];
    for (const bundle of bundles) {
      const minimal = await buildMinimalBundle(bundle, path.join(workspace.dir, bundle.name));
      const env = functionEnvironment(assembly, bundle, stack);
      const { event, exercises } = REPRESENTATIVE_EVENTS[bundle.name]!;
      const ours: Invocation[] = [];
      const baseline: Invocation[] = [];
      for (let run = 0; run < settings.runs; run++) {
        ours.push(await invokeInFreshProcess(path.join(bundle.assetDirectory, bundle.entryFile), event, env));
        baseline.push(await invokeInFreshProcess(minimal.file, {}, env));
      }
      const oursMedian = median(ours.map((invocation) => invocation.milliseconds));
      const baselineMedian = median(baseline.map((invocation) => invocation.milliseconds));
      const failed = ours.find((invocation) => !invocation.outcome.ok);
      if (failed) warnings.push(`${bundle.name} threw on its first event: ${failed.outcome.error} (time still counted to the failure).`);
      rows.push([
        bundle.name,
        describeOutcome(ours[0]!),
        formatBytes(bundle.entryBytes),
        formatBytes(minimal.bytes),
        `${formatMs(oursMedian)} (${formatMs(Math.min(...ours.map((i) => i.milliseconds)))}–${formatMs(Math.max(...ours.map((i) => i.milliseconds)))})`,
        formatMs(baselineMedian),
        formatRatio(oursMedian / baselineMedian),
      ]);
      events.push(`\`${bundle.name}\` ${exercises}`);
    }
    return {
      title: 'Cold start (proxy)',
      method: [
        `Bundles from ${assembly.origin}; sizes from infra/bundle-sizes.ts (minified entry file, without source map). Templates are the default (dev) stage: same code and memory as prod, but Powertools logs at DEBUG.`,
        `Time = spawn of a fresh \`node\` process (the function's own environment from the template, including NODE_OPTIONS=--enable-source-maps) until the handler has answered one event; median of ${settings.runs} processes, min–max in brackets.`,
        'Minimal = a bundle built with the same esbuild settings that only creates the SDK clients the real bundle imports (module scope, as ours) and answers a trivial event. Ratio = ours ÷ minimal: what our code adds to starting Node and loading the SDK.',
        `Events (handlers that read use DynamoDB Local of a local stack started for this section): ${events.join('; ')}.`,
        'A proxy only: Lambda adds its own sandbox start and runtime bootstrap, the same for every function.',
      ],
      tables: [
        {
          title: `Fresh process to first handled event (${settings.runs} runs each)`,
          columns: ['function', 'answer', 'bundle', 'minimal', 'ours: median (min–max)', 'minimal: median', 'ours ÷ minimal'],
          rows,
          labelColumns: 2,
        },
      ],
      warnings,
    };
  } finally {
    await stack.stop();
    await workspace.remove();
  }
}

function apiEvent(routeKey: string, body: string, headers: Record<string, string> = {}) {
  const [method, rawPath] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': '203.0.113.10:443', ...headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'cold-start',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'cold-start-bench' },
      requestId: 'cold-start',
      routeKey,
      stage: '$default',
      time: '25/Nov/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
    body,
    isBase64Encoded: false,
  };
}

function describeOutcome(invocation: Invocation): string {
  if (!invocation.outcome.ok) return 'threw';
  return invocation.outcome.statusCode === undefined ? 'done' : String(invocation.outcome.statusCode);
}

/** The function's environment as deployed: plain values from the template, resource references pointed at the local stack. */
function functionEnvironment(assembly: Assembly, bundle: FunctionBundle, stack: LocalStack): NodeJS.ProcessEnv {
  const resource = resourcesOfType(assembly, 'AWS::Lambda::Function').find((fn) => fn.logicalId === bundle.logicalId);
  const variables = (resource?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  const plain = Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return {
    PATH: process.env.PATH,
    ...stack.env,
    // The review worker needs its ops topic configured; fauxqs serves SNS too (the representative event publishes nothing).
    AWS_ENDPOINT_URL_SNS: stack.sqs.endpoint,
    OPS_TOPIC_ARN: 'arn:aws:sns:ap-east-1:000000000000:pos-portal-ops',
    ...plain,
  };
}

/** The minimal counterpart of `bundle`: the same `@aws-sdk/*` clients, created at module scope, and nothing else. */
async function buildMinimalBundle(bundle: FunctionBundle, dir: string): Promise<{ file: string; bytes: number }> {
  const code = readFileSync(path.join(bundle.assetDirectory, bundle.entryFile), 'utf8');
  const packages = [...new Set([...code.matchAll(/from\s*["'](@aws-sdk\/[a-z0-9-]+)["']/g)].map((match) => match[1]!))].sort();
  const unknown = packages.filter((name) => !(name in SDK_CLIENTS));
  if (unknown.length) throw new Error(`${bundle.name} imports ${unknown.join(', ')}: add it to SDK_CLIENTS in test/bench/cold-start.ts`);
  const clients = packages.map((name) => SDK_CLIENTS[name]!);
  const contents = [
    ...clients.map((client) => client.import),
    `export const clients = [${clients.map((client) => client.create).join(', ')}];`,
    'export const handler = async () => ({ statusCode: 200 });',
  ].join('\n');

  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'index.mjs');
  await build({
    ...LAMBDA_BUNDLING,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: [...LAMBDA_BUNDLING.external],
    stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: `${bundle.name}-minimal.ts` },
    outfile: file,
    logLevel: 'error',
  });
  return { file, bytes: (await stat(file)).size };
}

function invokeInFreshProcess(bundleFile: string, event: unknown, env: NodeJS.ProcessEnv): Promise<Invocation> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', INVOKE_ONCE, bundleFile, JSON.stringify(event)], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let invocation: Invocation | undefined;
    child.stdio[3]!.once('data', (chunk: Buffer) => {
      invocation = { milliseconds: performance.now() - startedAt, outcome: JSON.parse(chunk.toString().trim()) as Invocation['outcome'] };
      child.kill('SIGKILL'); // its work is done; keep-alive sockets would only hold it open
    });
    child.once('error', reject);
    // Resolve only once it is gone, so the next process never overlaps this one.
    child.once('exit', (code) => {
      if (invocation) resolve(invocation);
      else reject(new Error(`cold start of ${bundleFile} exited (${code}) without answering:\n${stderr.trim().split('\n').slice(-10).join('\n')}`));
    });
  });
}
