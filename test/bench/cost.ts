/**
 * Cost model: what the synthesized stacks cost at list price in ap-east-1 (prices in ./cost-prices.ts, with their
 * date and sources), per 1,000 applications and per month at zero traffic. Resources, memory sizes and schedules
 * come from the templates; how much work one application causes is stated below as assumptions, derived from the
 * handlers and adapters as they were when this was written — re-read them when those change.
 */
import { resourcesOfType, synthesizedAssembly, type Assembly, type CfnResource } from './assembly.ts';
import { monthlyFreeTier, PRICE_REGION, prices, PRICES_RECORDED_ON, quote, usdPerUnit, type PriceName } from './cost-prices.ts';
import { formatQuantity, formatUsd, type SectionReport, type Table } from './report.ts';
import { Template } from 'aws-cdk-lib/assertions';
import { applicationsTableDesign } from '../../functions/adapters/dynamodb-table-design.ts';
import { buildApp } from '../infra/support/app-under-test.ts';

/** AWS bills a month as 730 hours. */
const MINUTES_PER_MONTH = 730 * 60;
const KB = 1024;
const GB = 1024 ** 3;

/** What one application causes. Every figure here is an assumption; the report prints them. */
export const assumptions = {
  /** Each applicant checks the status page this many times. */
  statusLookupsPerApplication: 3,
  /** 2% of visitors apply and a visit is 3 pages, so 150 page views bring one application. */
  pageViewsPerApplication: 150,
  /** HTML, site.css and at most one script; everything else is cached after the first page. */
  requestsPerPageView: 3,
  /** Of those, not under /_astro/ (the HTML and site.css): the ones the directory-index function sees. */
  requestsOutsideAstroAssetsPerPageView: 2,
  /** About what the page-weight section measures per page, gzipped, with site.css cached. */
  bytesPerPageView: 10 * KB,
  /** Warm run time per invocation, by handler; DynamoDB/SQS round trips in-region take a few ms each. */
  durationMs: { 'submit-application': 80, 'status-lookup': 40, 'review-worker': 120, 'outbox-sweeper': 40 } as Record<string, number>,
  /** Used for a function not listed above (the report flags it). */
  defaultDurationMs: 100,
  /** Share of API and worker invocations that start a new environment (low traffic: most do), and its billed init. */
  coldStartShare: 0.5,
  initMs: 300,
  /** Log bytes: Lambda's START/END/REPORT lines; our INFO lines per invocation; one API access log line per request. */
  platformLogBytesPerInvocation: 350,
  applicationLogBytesPerInvocation: 900,
  accessLogBytesPerApiRequest: 500,
  /** SendMessage, ReceiveMessage and DeleteMessage per review message (low traffic: batches of one). */
  sqsRequestsPerMessage: 3,
  /** Lambda's SQS event source polls with 5 long polls (20 s each) while the queue is empty. */
  idlePollersPerEventSource: 5,
  idlePollsPerPollerPerMinute: 3,
  /** Status changes ops make per application with the ops CLI (contacted, then approved or rejected). */
  opsStatusChangesPerApplication: 2,
  /** Item sizes in bytes (attribute names included). */
  itemBytes: { application: 900, personalData: 600, idempotency: 250, rateCounter: 200, blockedPhoneMiss: 0 },
  /** Per-item storage overhead DynamoDB adds, per item and per index entry. */
  storageOverheadBytes: 100,
} as const;

/** One DynamoDB request: a read of `bytes`, or a write of `bytes` that also updates `indexWrites` GSI entries (each index entry holds keys, plus `brand` in byStatus and `brand`, `city`, `owner` in toCall: well under 1 KB, one write unit). */
/** Index entries are keys (and brand): far below 1 KB, so one write unit each whatever the item's size. */
const INDEX_ENTRY_WRITE_UNITS = 1;
type TableRequest = { read: number; consistent: boolean } | { write: number; transactional: boolean; indexWrites: number };

const sizes = assumptions.itemBytes;
/** DynamoDB requests per flow, read from the DynamoDB adapters (functions/adapters/dynamodb-*-store.ts). */
const tableRequests: Record<string, { perApplication: number; requests: TableRequest[] }> = {
  'submit: idempotency lookup, intake transaction, outbox marker removed': {
    perApplication: 1,
    requests: [
      { read: sizes.idempotency, consistent: true },
      { write: sizes.idempotency, transactional: true, indexWrites: 0 },
      { write: sizes.application, transactional: true, indexWrites: 2 }, // byStatus, outbox
      { write: sizes.personalData, transactional: true, indexWrites: 1 }, // byPhone
      { write: sizes.rateCounter, transactional: true, indexWrites: 0 }, // per IP
      { write: sizes.rateCounter, transactional: true, indexWrites: 0 }, // per phone
      { write: sizes.application, transactional: false, indexWrites: 1 }, // markEnqueued: outbox entry removed (byStatus projects nothing that changed)
    ],
  },
  'review worker: read, duplicate check, status change, notified': {
    perApplication: 1,
    requests: [
      { read: sizes.application, consistent: true },
      { read: sizes.personalData, consistent: true },
      { read: sizes.blockedPhoneMiss, consistent: true },
      { read: sizes.personalData, consistent: false }, // byPhone query
      { write: sizes.application, transactional: true, indexWrites: 3 }, // byStatus key changes: delete + put; into 审核中: toCall put
      { write: sizes.application, transactional: false, indexWrites: 0 }, // markNotified (no index projects `screening`)
    ],
  },
  'status lookup: rate limits, read': {
    perApplication: assumptions.statusLookupsPerApplication,
    requests: [
      { write: sizes.rateCounter, transactional: true, indexWrites: 0 }, // requests per IP
      { write: sizes.rateCounter, transactional: true, indexWrites: 0 }, // condition check: misses per IP
      { write: sizes.rateCounter, transactional: true, indexWrites: 0 }, // condition check: misses per reference
      { read: sizes.application, consistent: true },
      { read: sizes.personalData, consistent: true },
    ],
  },
  'ops status changes (CLI)': {
    perApplication: assumptions.opsStatusChangesPerApplication,
    // byStatus key changes: delete + put; the first change also takes the application out of 审核中 (toCall delete),
    // spread over the changes here.
    requests: [{ write: sizes.application, transactional: true, indexWrites: 2 + 1 / assumptions.opsStatusChangesPerApplication }],
  },
};

const readUnits = (bytes: number, consistent: boolean) => Math.max(1, Math.ceil(bytes / (4 * KB))) * (consistent ? 1 : 0.5);
const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));

function unitsOf(request: TableRequest): { rru: number; wru: number } {
  if ('read' in request) return { rru: readUnits(request.read, request.consistent), wru: 0 };
  // Transactions cost twice; the index updates they cause are standard writes.
  return { rru: 0, wru: writeUnits(request.write) * (request.transactional ? 2 : 1) + request.indexWrites * INDEX_ENTRY_WRITE_UNITS };
}

interface CostLine {
  item: string;
  quantity: number;
  price: PriceName;
}

const costOf = (line: CostLine) => line.quantity * usdPerUnit(prices[line.price]);
const afterFreeTier = (line: CostLine) => Math.max(0, line.quantity - (monthlyFreeTier[line.price] ?? 0)) * usdPerUnit(prices[line.price]);

interface LambdaFunction {
  logicalId: string;
  /** Handler name for our functions (`pos-portal <handler>` description), else the logical id. */
  name: string;
  memoryGb: number;
  architecture: string;
}

export async function benchmarkCost(): Promise<SectionReport> {
  const assembly = await synthesizedAssembly();
  const functions = lambdaFunctions(assembly);
  const warnings: string[] = [];
  const fn = (name: string) => {
    const found = functions.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`The template has no ${name} function; update test/bench/cost.ts`);
    if (found.architecture !== 'arm64') warnings.push(`${name} is not arm64; the model prices arm64.`);
    return found;
  };
  const durationOf = (name: string) => {
    if (!(name in assumptions.durationMs)) warnings.push(`No duration assumption for ${name}; ${assumptions.defaultDurationMs} ms used.`);
    return assumptions.durationMs[name] ?? assumptions.defaultDurationMs;
  };
  const gbSeconds = (name: string, invocations: number, coldShare: number) =>
    invocations * ((durationOf(name) + coldShare * assumptions.initMs) / 1000) * fn(name).memoryGb;

  const perThousand = costPerThousandApplications(gbSeconds, resourcesOfType(assembly, 'AWS::KMS::Key').length > 0);
  const fixed = fixedMonthlyCost(assembly, functions, gbSeconds, warnings);
  const inventory = inventoryTable(assembly, functions);
  const perAccount = perAccountTable(fixed, wafLines());

  const total = (lines: CostLine[], cost: (line: CostLine) => number) => lines.reduce((sum, line) => sum + cost(line), 0);
  const perThousandTotal = total(perThousand, costOf);
  return {
    title: 'Cost model',
    method: [
      `List prices for ${PRICE_REGION}, recorded ${PRICES_RECORDED_ON} in test/bench/cost-prices.ts with their source pages (the table at the end says which were verified; this machine has no internet access).`,
      `Resources, memory sizes, schedules and event sources from the synthesized templates: ${assembly.origin}.`,
      `Per application: 1 submission, ${assumptions.statusLookupsPerApplication} status lookups, 1 review message screened by the worker, ${assumptions.opsStatusChangesPerApplication} status changes by ops, and ${assumptions.pageViewsPerApplication} page views through CloudFront (2% of visitors apply, 3 pages a visit; ${assumptions.requestsPerPageView} requests and ${assumptions.bytesPerPageView / KB} KiB each).`,
      `Lambda: warm durations ${Object.entries(assumptions.durationMs)
        .map(([name, ms]) => `${name} ${ms} ms`)
        .join(
          ', ',
        )}; ${assumptions.coldStartShare * 100}% of API and worker invocations cold with ${assumptions.initMs} ms billed init; memory from the template.`,
      `DynamoDB: request units from the item sizes (${Object.entries(sizes)
        .filter(([, bytes]) => bytes > 0)
        .map(([name, bytes]) => `${name} ${bytes} B`)
        .join(
          ', ',
        )}) and the requests each flow makes (transactions cost double; every index whose keys or projected attributes change is written; index entries hold keys only, plus brand in byStatus and brand, city and owner in toCall).`,
      `Logs: ${assumptions.platformLogBytesPerInvocation} B of Lambda platform lines + ${assumptions.applicationLogBytesPerInvocation} B of our INFO lines per invocation, ${assumptions.accessLogBytesPerApiRequest} B access log per API request.`,
      'Zero traffic: keys, secrets and alarms by the month, the outbox sweeper on its schedule (every tick one Lambda invocation and one empty Query of the outbox index), and the review worker event source long-polling the empty queue.',
      `At this volume the always-free tiers (Lambda 1M requests + 400,000 GB-s, SQS and SNS 1M requests, 10 alarms, 5 GB logs, CloudFront 1 TB + 10M requests + 2M function invocations, DynamoDB 25 GB) absorb most variable lines; the per-1,000 table shows list prices, the fixed table both.`,
    ],
    tables: [
      inventory,
      {
        title: `Cost per 1,000 applications (list price): ${formatUsd(perThousandTotal)}`,
        columns: ['item', 'unit price', 'quantity', 'cost'],
        rows: perThousand.map((line) => [line.item, unitPrice(line.price), formatQuantity(line.quantity), formatUsd(costOf(line))]),
        labelColumns: 2,
      },
      {
        title: `Fixed monthly cost at zero traffic: ${formatUsd(total(fixed, costOf))} list, ${formatUsd(total(fixed, afterFreeTier))} after always-free tiers`,
        columns: ['item', 'unit price', 'quantity / month', 'list', 'after free tier'],
        rows: fixed.map((line) => [line.item, unitPrice(line.price), formatQuantity(line.quantity), formatUsd(costOf(line)), formatUsd(afterFreeTier(line))]),
        labelColumns: 2,
      },
      perAccount,
      {
        title: `Prices used (${PRICE_REGION}, recorded ${PRICES_RECORDED_ON})`,
        columns: ['price', 'quoted', 'check', 'source'],
        rows: Object.entries(prices).map(([name, price]) => [name, quote(price), price.check, price.source]),
        labelColumns: 4,
        detail: true,
      },
    ],
    warnings,
  };
}

const unitPrice = (price: PriceName) => quote(prices[price]);

/** `encryptedOpsTopic`: the templates hold a customer-managed key (SNS then asks KMS once per publish). */
function costPerThousandApplications(gbSeconds: (name: string, invocations: number, coldShare: number) => number, encryptedOpsTopic: boolean): CostLine[] {
  const applications = 1_000;
  const statusLookups = applications * assumptions.statusLookupsPerApplication;
  const apiRequests = applications + statusLookups;
  const invocations = apiRequests + applications; // API handlers + one worker invocation per application
  const pageViews = applications * assumptions.pageViewsPerApplication;
  const cdnRequests = pageViews * assumptions.requestsPerPageView;

  let rru = 0;
  let wru = 0;
  for (const flow of Object.values(tableRequests)) {
    for (const request of flow.requests) {
      const units = unitsOf(request);
      rru += units.rru * flow.perApplication * applications;
      wru += units.wru * flow.perApplication * applications;
    }
  }
  const storedBytesPerApplication = 2 * sizes.application + 2 * sizes.personalData + 4 * assumptions.storageOverheadBytes; // each in the table and one index
  const logBytes =
    invocations * (assumptions.platformLogBytesPerInvocation + assumptions.applicationLogBytesPerInvocation) +
    apiRequests * assumptions.accessLogBytesPerApiRequest;
  const cold = assumptions.coldStartShare;

  return [
    { item: 'HTTP API requests (submit + status)', quantity: apiRequests, price: 'httpApiRequest' },
    { item: 'Lambda invocations (submit, status, worker)', quantity: invocations, price: 'lambdaRequest' },
    {
      item: 'Lambda compute',
      quantity:
        gbSeconds('submit-application', applications, cold) + gbSeconds('status-lookup', statusLookups, cold) + gbSeconds('review-worker', applications, cold),
      price: 'lambdaArmGbSecond',
    },
    { item: 'DynamoDB write request units', quantity: wru, price: 'dynamoDbWriteRequestUnit' },
    { item: 'DynamoDB read request units', quantity: rru, price: 'dynamoDbReadRequestUnit' },
    { item: 'DynamoDB storage, per month kept (GB)', quantity: (applications * storedBytesPerApplication) / GB, price: 'dynamoDbStorageGbMonth' },
    { item: 'SQS requests (send, receive, delete)', quantity: applications * assumptions.sqsRequestsPerMessage, price: 'sqsRequest' },
    { item: 'SNS publishes (new application notice)', quantity: applications, price: 'snsPublish' },
    { item: 'SNS e-mails to ops', quantity: applications, price: 'snsEmail' },
    { item: 'KMS requests (encrypted ops topic, at most one per publish)', quantity: encryptedOpsTopic ? applications : 0, price: 'kmsRequest' },
    { item: 'CloudWatch Logs ingestion (GB)', quantity: logBytes / GB, price: 'cloudWatchLogsIngestionGb' },
    { item: 'CloudFront data to viewers (GB)', quantity: (pageViews * assumptions.bytesPerPageView) / GB, price: 'cloudFrontDataTransferGb' },
    { item: 'CloudFront HTTPS requests', quantity: cdnRequests, price: 'cloudFrontHttpsRequest' },
    // Attached to the default behaviour only: pages and site.css pass it, /_astro/* scripts do not.
    {
      item: 'CloudFront Function (directory index) invocations',
      quantity: pageViews * assumptions.requestsOutsideAstroAssetsPerPageView,
      price: 'cloudFrontFunctionInvocation',
    },
  ];
}

function fixedMonthlyCost(
  assembly: Assembly,
  functions: readonly LambdaFunction[],
  gbSeconds: (name: string, invocations: number, coldShare: number) => number,
  warnings: string[],
): CostLine[] {
  const count = (type: string) => resourcesOfType(assembly, type).length;
  const lines: CostLine[] = [
    { item: 'KMS customer-managed keys', quantity: count('AWS::KMS::Key'), price: 'kmsKeyMonth' },
    { item: 'Secrets Manager secrets', quantity: count('AWS::SecretsManager::Secret'), price: 'secretMonth' },
    // CloudWatch bills alarms per metric: a metric-math alarm costs one alarm-month per metric it reads.
    { item: 'CloudWatch alarm metrics', quantity: alarmMetricCount(assembly), price: 'cloudWatchAlarm' },
  ];
  const webAcls = resourcesOfType(assembly, 'AWS::WAFv2::WebACL');
  if (webAcls.length) {
    lines.push({ item: 'WAF web ACLs', quantity: webAcls.length, price: 'wafWebAclMonth' });
    const rules = webAcls.reduce((sum, acl) => sum + ((acl.Properties?.Rules as unknown[] | undefined)?.length ?? 0), 0);
    lines.push({ item: 'WAF rules', quantity: rules, price: 'wafRuleMonth' });
  }

  for (const rule of resourcesOfType(assembly, 'AWS::Events::Rule')) {
    const expression = rule.Properties?.ScheduleExpression;
    if (typeof expression !== 'string') continue;
    const perMonth = invocationsPerMonth(expression);
    if (perMonth === undefined) {
      warnings.push(`Schedule ${expression} (${rule.logicalId}) is not modelled; only rate(...) is.`);
      continue;
    }
    for (const target of targetFunctions(rule, functions)) {
      lines.push(
        { item: `${target.name}: scheduled events (${expression})`, quantity: perMonth, price: 'eventBridgeScheduledRuleEvent' },
        { item: `${target.name}: Lambda invocations`, quantity: perMonth, price: 'lambdaRequest' },
        // Every minute keeps the environment warm: no init billed.
        { item: `${target.name}: Lambda compute`, quantity: gbSeconds(target.name, perMonth, 0), price: 'lambdaArmGbSecond' },
        // listOutbox queries every shard of the outbox index (dynamodb-intake-store.ts).
        {
          item: `${target.name}: empty Query of each of the ${applicationsTableDesign.indexShardCount} outbox index shards (RRU)`,
          quantity: perMonth * applicationsTableDesign.indexShardCount * readUnits(0, false),
          price: 'dynamoDbReadRequestUnit',
        },
        {
          item: `${target.name}: log ingestion, platform lines (GB)`,
          quantity: (perMonth * assumptions.platformLogBytesPerInvocation) / GB,
          price: 'cloudWatchLogsIngestionGb',
        },
      );
    }
  }
  const schedules = count('AWS::Scheduler::Schedule');
  if (schedules) warnings.push(`${schedules} EventBridge Scheduler schedules are not modelled.`);

  const sqsSources = resourcesOfType(assembly, 'AWS::Lambda::EventSourceMapping').filter((mapping) =>
    JSON.stringify(mapping.Properties?.EventSourceArn ?? '').includes('Queue'),
  );
  if (sqsSources.length) {
    lines.push({
      item: `SQS long polls by ${sqsSources.length} Lambda event source(s) on an empty queue`,
      quantity: sqsSources.length * assumptions.idlePollersPerEventSource * assumptions.idlePollsPerPollerPerMinute * MINUTES_PER_MONTH,
      price: 'sqsRequest',
    });
  }
  return lines;
}

/**
 * The fixed lines of the optional WAF (`-c waf=true`), from a synth of the prod stage with it (the templates above
 * are one stage without it): one web ACL and its rules.
 */
function wafLines(): CostLine[] {
  const app = buildApp({ context: { stage: 'prod', opsEmail: 'ops@example.com', waf: 'true', siteDist: '/nonexistent-site-dist' }, bundling: false });
  if (!app.edge) throw new Error('-c waf=true made no edge stack; update test/bench/cost.ts');
  const acls = Object.values(Template.fromStack(app.edge).findResources('AWS::WAFv2::WebACL')) as CfnResource[];
  const rules = acls.reduce((sum, acl) => sum + ((acl.Properties?.Rules as unknown[] | undefined)?.length ?? 0), 0);
  return [
    { item: 'WAF web ACLs', quantity: acls.length, price: 'wafWebAclMonth' },
    { item: 'WAF rules', quantity: rules, price: 'wafRuleMonth' },
  ];
}

/**
 * The fixed cost of an account, after its always-free tiers: those are per account (10 alarm metrics, 1M Lambda and
 * SQS requests…), while every stage brings its own secret, alarms, sweeper and pollers. So two stages in one account
 * cost more than twice one stage's "after free tier" figure would suggest, or less, depending on the line.
 */
function perAccountTable(oneStage: readonly CostLine[], waf: readonly CostLine[]): Table {
  const withoutWaf = oneStage.filter((line) => !line.price.startsWith('waf'));
  const account = (stages: number, wafStages: number): CostLine[] => {
    const lines = [
      ...withoutWaf.map((line) => ({ ...line, quantity: line.quantity * stages })),
      ...waf.map((line) => ({ ...line, quantity: line.quantity * wafStages })),
    ];
    const byPrice = new Map<PriceName, CostLine>();
    for (const line of lines) {
      const sum = byPrice.get(line.price);
      byPrice.set(line.price, sum ? { ...sum, quantity: sum.quantity + line.quantity } : { ...line });
    }
    return [...byPrice.values()];
  };
  const scenarios: [string, CostLine[]][] = [
    ['prod alone in its account, no WAF', account(1, 0)],
    ['prod alone in its account, WAF on', account(1, 1)],
    ['dev + prod in one account, no WAF', account(2, 0)],
    ['dev + prod in one account, WAF on prod', account(2, 1)],
  ];
  const sum = (lines: readonly CostLine[], cost: (line: CostLine) => number) => lines.reduce((total, line) => total + cost(line), 0);
  const lineCost = (lines: readonly CostLine[], price: PriceName) =>
    afterFreeTier(lines.find((line) => line.price === price) ?? { item: '', quantity: 0, price });
  return {
    title: 'Fixed monthly cost per AWS account at zero traffic (the always-free tiers are per account, not per stage)',
    columns: ['account', 'secrets', 'alarm metrics', 'WAF', 'list', 'after free tier'],
    rows: scenarios.map(([name, lines]) => [
      name,
      formatUsd(lineCost(lines, 'secretMonth')),
      `${formatQuantity(lines.find((line) => line.price === 'cloudWatchAlarm')?.quantity ?? 0)} → ${formatUsd(lineCost(lines, 'cloudWatchAlarm'))}`,
      formatUsd(lineCost(lines, 'wafWebAclMonth') + lineCost(lines, 'wafRuleMonth')),
      formatUsd(sum(lines, costOf)),
      formatUsd(sum(lines, afterFreeTier)),
    ]),
    labelColumns: 1,
  };
}

/** `rate(1 minute)`, `rate(5 minutes)`, `rate(1 hour)`, `rate(2 days)` → invocations in a 730-hour month. */
function alarmMetricCount(assembly: Assembly): number {
  return resourcesOfType(assembly, 'AWS::CloudWatch::Alarm').reduce((sum, alarm) => {
    const metrics = alarm.Properties?.Metrics as { MetricStat?: unknown }[] | undefined;
    return sum + (metrics ? metrics.filter((metric) => metric.MetricStat).length : 1);
  }, 0);
}

function invocationsPerMonth(expression: string): number | undefined {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) return undefined;
  const minutes = Number(match[1]) * ({ minute: 1, hour: 60, day: 1440 } as const)[match[2]!.replace(/s$/, '') as 'minute' | 'hour' | 'day'];
  return MINUTES_PER_MONTH / minutes;
}

function targetFunctions(rule: CfnResource, functions: readonly LambdaFunction[]): LambdaFunction[] {
  const targets = (rule.Properties?.Targets as { Arn?: unknown }[] | undefined) ?? [];
  return functions.filter((fn) => targets.some((target) => JSON.stringify(target.Arn ?? '').includes(`"${fn.logicalId}"`)));
}

function lambdaFunctions(assembly: Assembly): LambdaFunction[] {
  return resourcesOfType(assembly, 'AWS::Lambda::Function').map((resource) => {
    const properties = resource.Properties ?? {};
    const description = typeof properties.Description === 'string' ? properties.Description : '';
    return {
      logicalId: resource.logicalId,
      name: description.startsWith('pos-portal ') ? description.slice('pos-portal '.length) : resource.logicalId,
      memoryGb: Number(properties.MemorySize ?? 128) / 1024,
      architecture: ((properties.Architectures as string[] | undefined) ?? ['x86_64'])[0]!,
    };
  });
}

function inventoryTable(assembly: Assembly, functions: readonly LambdaFunction[]): Table {
  const count = (type: string) => resourcesOfType(assembly, type).length;
  const ours = functions.filter((fn) => fn.name !== fn.logicalId);
  const tables = resourcesOfType(assembly, 'AWS::DynamoDB::Table');
  const distributions = resourcesOfType(assembly, 'AWS::CloudFront::Distribution');
  const rows: string[][] = [
    [
      'Lambda functions',
      String(functions.length),
      ours.map((fn) => `${fn.name} ${fn.memoryGb * 1024} MB ${fn.architecture}`).join('; ') +
        (functions.length > ours.length ? `; ${functions.length - ours.length} CDK helper (deploy time only)` : ''),
    ],
    [
      'DynamoDB tables',
      String(tables.length),
      tables
        .map((table) => `${String(table.Properties?.BillingMode)}, ${((table.Properties?.GlobalSecondaryIndexes as unknown[]) ?? []).length} GSIs`)
        .join('; '),
    ],
    ['SQS queues', String(count('AWS::SQS::Queue')), 'review queue + dead-letter queue'],
    ['SQS event sources', String(count('AWS::Lambda::EventSourceMapping')), ''],
    ['SNS topics', String(count('AWS::SNS::Topic')), ''],
    ['KMS keys', String(count('AWS::KMS::Key')), ''],
    ['Secrets', String(count('AWS::SecretsManager::Secret')), ''],
    ['CloudWatch alarms', String(count('AWS::CloudWatch::Alarm')), ''],
    ['Log groups', String(count('AWS::Logs::LogGroup')), ''],
    [
      'Scheduled rules',
      String(resourcesOfType(assembly, 'AWS::Events::Rule').filter((rule) => typeof rule.Properties?.ScheduleExpression === 'string').length),
      resourcesOfType(assembly, 'AWS::Events::Rule')
        .map((rule) => String(rule.Properties?.ScheduleExpression ?? ''))
        .join('; '),
    ],
    ['HTTP APIs', String(count('AWS::ApiGatewayV2::Api')), ''],
    [
      'CloudFront distributions',
      String(distributions.length),
      distributions
        .map((distribution) => String((distribution.Properties?.DistributionConfig as { PriceClass?: string } | undefined)?.PriceClass ?? ''))
        .join('; '),
    ],
    ['CloudFront Functions', String(count('AWS::CloudFront::Function')), ''],
    ['WAF web ACLs', String(count('AWS::WAFv2::WebACL')), ''],
  ];
  return {
    title: 'What the templates deploy',
    columns: ['resource', 'details', 'count'],
    rows: rows.map(([resource, count, details]) => [resource!, details!, count!]),
    labelColumns: 2,
  };
}
