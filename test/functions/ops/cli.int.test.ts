/**
 * The ops CLI end to end against DynamoDB Local and the SQS emulator: applications come in through the real intake
 * API and are screened by the real worker handler; commands run in process through `main` with a captured terminal,
 * and a few as a separate Node process to prove the entry point and exit codes.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDynamoDbBackOfficeStore } from '../../../functions/adapters/dynamodb-back-office-store.ts';
import { createDynamoDbConsoleActivityLog } from '../../../functions/adapters/dynamodb-console-activity.ts';
import { createHmacPseudonymiser } from '../../../functions/adapters/hmac-pseudonymiser.ts';
import { LOCAL_PHONE_HASH_SECRET, localClientConfig, REPOSITORY_ROOT } from '../../../functions/local/local-environment.ts';
import { toSqsEvent } from '../../../functions/local/review-queue-poller.ts';
import { main } from '../../../functions/ops/cli.ts';
import { allPagesOf } from '../../support/all-pages.ts';
import { newIdempotencyKey, uniquePhone, validApplication } from '../../support/application-fixtures.ts';
import { postJson } from '../../support/http-client.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';

let intake: IntakeServer;
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
let workDir: string;
let sqs: SQSClient;

beforeAll(async () => {
  intake = await startIntakeServer();
  handler = intake.handlers.reviewWorker;
  workDir = await mkdtemp(join(tmpdir(), 'ops-cli-'));
  sqs = new SQSClient({ ...localClientConfig(inject('sqsEndpoint')), useQueueUrlAsEndpoint: false });
});

afterAll(async () => {
  sqs?.destroy();
  await intake?.close();
  await rm(workDir, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  err: string;
}

/** `npm run ops -- …args`, in process, as user `tester`, answering a confirmation with `answer`. */
async function ops(args: string[], answer?: string): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (text) => void out.push(text),
    err: (text) => void err.push(text),
    errIsTerminal: false,
    env: { ...intake.env, OPS_USER: 'tester' },
    cwd: workDir,
    ask: async () => answer,
    observeAwsCalls: intake.opsCliCalls,
  });
  return { code, out: out.join(''), err: err.join('') };
}

async function submit(overrides: Record<string, unknown> = {}) {
  const body = validApplication(overrides);
  const response = await postJson(`${intake.url}/api/applications`, body, { 'idempotency-key': newIdempotencyKey() });
  expect(response.status).toBe(201);
  return { reference: response.json().reference as string, phone: body.phone as string, body };
}

async function screenQueued(): Promise<void> {
  const bodies = await intake.drainReviewQueue();
  const messages = bodies.map((Body) => ({ MessageId: randomUUID(), ReceiptHandle: randomUUID(), Body, Attributes: { ApproximateReceiveCount: '1' } }));
  await handler(toSqsEvent(messages, 'arn:aws:sqs:ap-east-1:000000000000:it', 'ap-east-1'));
}

/** A minimal RFC 4180 reader: enough to check what Excel would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('list', () => {
  it('shows the newest first, a page at a time, with phones and names masked', async () => {
    const submitted = [];
    for (let i = 0; i < 3; i++) submitted.push(await submit({ name: '司马相如', brand: 'shengfutong' }));
    await screenQueued();

    const firstPage = await ops(['list', '--brand', 'shengfutong', '--limit', '2']);
    const token = /--page (\S+)/.exec(firstPage.out)?.[1];
    const secondPage = await ops(['list', '--brand', 'shengfutong', '--limit', '2', '--page', token ?? '']);

    expect(firstPage.code).toBe(0);
    const listed = [...firstPage.out.matchAll(/PA-[\dA-Z]{4}-[\dA-Z]{4}/g), ...secondPage.out.matchAll(/PA-[\dA-Z]{4}-[\dA-Z]{4}/g)].map((m) => m[0]);
    expect(listed).toEqual(submitted.map((s) => s.reference).reverse());
    expect(secondPage.out).toContain('已是最后一页');
    const { phone } = submitted[0]!;
    expect(firstPage.out + secondPage.out).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    for (const { phone: full } of submitted) expect(firstPage.out + secondPage.out).not.toContain(full);
    expect(firstPage.out).toContain('司马**');
    expect(firstPage.out).not.toContain('司马相如');
  });

  it('filters by status and refuses an unknown one with exit code 2', async () => {
    const pending = await ops(['list', '--status', 'pending_review', '--limit', '200']);
    const wrong = await ops(['list', '--status', 'waiting']);

    expect(pending.out).toContain('审核中');
    expect(pending.out).not.toMatch(/未通过审核/);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--status 不认识 “waiting”');
  });
});

describe('show', () => {
  it('shows everything, with the full phone, the history and the attribution', async () => {
    const { reference, phone } = await submit({ name: '诸葛亮', attribution: { utm_source: 'baidu', landingPage: '/articles/lakala-rates/' } });
    await screenQueued();

    const shown = await ops(['show', reference.toLowerCase()]);

    expect(shown.code).toBe(0);
    for (const text of [reference, '诸葛亮', phone, 'system:screening', '审核中 (pending_review)', 'utm_source', 'baidu', '/articles/lakala-rates/']) {
      expect(shown.out).toContain(text);
    }
  });

  it('prints a note as written: a carriage return in it cannot paint a fake line over a real one', async () => {
    const { reference } = await submit({ note: '下午联系\r状态      已激活 (activated)' });

    const shown = await ops(['show', reference]);

    expect(shown.out).not.toContain('\r');
    expect(shown.out).toContain('下午联系\\u000d状态');
  });

  it('shows the other applications from the same phone, for the person who calls', async () => {
    const first = await submit({ name: '冒用者' });
    const second = await submit({ phone: first.phone });
    await screenQueued();

    const shown = await ops(['show', second.reference]);

    expect(shown.out).toMatch(new RegExp(`同号其他申请\\s+${first.reference}`));
  });

  it('shows the console activity: who revealed the phone, notes, blocking', async () => {
    const { reference } = await submit();
    const activity = createDynamoDbConsoleActivityLog({ tableName: intake.tableName, documentClient: intake.documentClient });
    await activity.append(reference, { action: 'phone_revealed', at: new Date().toISOString(), by: 'console:reviewer' });
    await activity.append(reference, { action: 'note', at: new Date().toISOString(), by: 'console:admin', text: '周五下午再打' });

    const shown = await ops(['show', reference]);

    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/查看了完整手机号\s+console:reviewer/);
    expect(shown.out).toMatch(/写了备注\s+console:admin\s+周五下午再打/);
  });

  it('reports a request DynamoDB refuses as invalid (ValidationError) as what it is, not as a connection problem', async () => {
    const { reference } = await submit();
    // Fill the application item to within a few bytes of DynamoDB's 400 KB limit (as the unbounded reveal list used
    // to): the largest padding that still fits, so erasure's mark and history entry no longer do.
    const pad = (bytes: number) =>
      intake.documentClient.send(
        new UpdateCommand({
          TableName: intake.tableName,
          Key: { pk: `APP#${reference}`, sk: 'APP' },
          UpdateExpression: 'SET padding = :p',
          ExpressionAttributeValues: { ':p': 'x'.repeat(bytes) },
        }),
      );
    for (let bytes = 409_600; ; bytes -= 16) {
      if (
        await pad(bytes).then(
          () => true,
          () => false,
        )
      )
        break;
    }

    const erased = await ops(['erase', reference, '--yes']);

    expect(erased.code).toBe(1);
    expect(erased.err).toContain('ValidationError');
    expect(erased.err).toContain('不是网络或连接问题');
    expect(erased.err).not.toContain('无法访问 DynamoDB');
  });

  it('exit 1 for an unknown reference, exit 2 for something that is not one', async () => {
    expect(await ops(['show', 'PA-2222-2222'])).toMatchObject({ code: 1, err: expect.stringContaining('找不到申请 PA-2222-2222') });
    expect(await ops(['show', 'hello'])).toMatchObject({ code: 2, err: expect.stringContaining('申请编号不正确') });
  });
});

describe('advance, reject, withdraw', () => {
  it('records each valid step with who and why; refuses a skipped step with a bilingual message and exit 1', async () => {
    const { reference } = await submit();
    await screenQueued();

    const contacted = await ops(['advance', reference, 'contacted', '--note', '已电话联系，下午寄资料']);
    const skipped = await ops(['advance', reference, 'activated']);
    const approved = await ops(['advance', reference, 'approved', '--by', 'bob']);

    expect(contacted).toMatchObject({ code: 0, out: expect.stringContaining('改为“已电话联系”(contacted)（操作人 ops:tester）') });
    expect(skipped.code).toBe(1);
    expect(skipped.err).toContain('不能从“已电话联系”(contacted)改为“终端已激活”(activated)');
    expect(skipped.err).toContain('Cannot move from contacted to activated; allowed: approved, rejected, withdrawn.');
    expect(approved.code).toBe(0);
    const shown = (await ops(['show', reference])).out;
    expect(shown).toMatch(/已电话联系 \(contacted\)\s+ops:tester\s+已电话联系，下午寄资料/);
    expect(shown).toMatch(/审核通过，准备寄出 \(approved\)\s+ops:bob/);
  });

  it('reject needs a reason, closes the application and starts the retention clock', async () => {
    const { reference } = await submit();
    await screenQueued();

    const withoutReason = await ops(['reject', reference]);
    const rejected = await ops(['reject', reference, '--reason', '所在地区暂不支持']);

    expect(withoutReason.code).toBe(2);
    expect(rejected).toMatchObject({ code: 0, out: expect.stringContaining('个人信息将于') });
    expect(rejected.out).not.toContain('没有保存');
    const closedAt = Date.parse(String((await intake.application(reference))?.closedAt));
    expect((await intake.personalData(reference))?.expiresAt).toBe(Math.floor((closedAt + 180 * 86_400_000) / 1000));
    expect(await ops(['withdraw', reference])).toMatchObject({ code: 1, err: expect.stringContaining('closed (rejected)') });
  });
});

describe('staff text: one rule with the console', () => {
  it.each([
    ['a bidi override', '已联系\u202Egnp.exe'],
    ['an escape sequence', '\u001b]0;pwned\u0007'],
  ])('refuses --note with %s, as the console does', async (_, note) => {
    const { reference } = await submit();
    await screenQueued();

    const refused = await ops(['advance', reference, 'contacted', '--note', note]);

    expect(refused.code).toBe(2);
    expect(refused.err).toContain('控制字符');
    expect((await intake.application(reference))?.status).toBe('pending_review');
  });
});

describe('a reason that cannot be stored', () => {
  it('is reported, not passed off as recorded, when the personal data has expired', async () => {
    const { reference } = await submit();
    await screenQueued();
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(inject('dynamoDbEndpoint'))));
    await documents.send(
      new UpdateCommand({
        TableName: intake.tableName,
        Key: { pk: `APP#${reference}`, sk: 'PERSONAL' },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 60 },
      }),
    );
    documents.destroy();

    const rejected = await ops(['reject', reference, '--reason', '电话一直打不通']);

    expect(rejected.code).toBe(0);
    expect(rejected.out).toContain('改为“未通过审核”(rejected)');
    expect(rejected.out).toContain('备注/原因没有保存');
    expect(JSON.stringify(await intake.items())).not.toContain('电话一直打不通');
  });
});

describe('export', () => {
  it('writes UTF-8 with BOM, Chinese headers, one row per application, and notes quoted so they survive', async () => {
    const note = '下午 3 点后, 打"座机"\n别发短信';
    const { reference, phone } = await submit({ name: '黄月英', note, brand: 'undecided' });
    await screenQueued();

    const run = await ops(['export', '--brand', 'undecided', '--out', 'undecided.csv']);
    const bytes = await readFile(join(workDir, 'undecided.csv'));

    expect(run.code).toBe(0);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]!.slice(0, 4)).toEqual(['申请编号', '提交时间', '状态', '状态代码']);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(rows[0]!.map((header, i) => [header, rows[1]![i]]));
    expect(row).toMatchObject({ 申请编号: reference, 状态代码: 'pending_review', 品牌: '未定', 姓名: '黄月英', 手机号: phone, 备注: note });
    expect(run.err).toContain('导出：1/1');
  });

  it('labels trapped spam in Chinese, not by its code', async () => {
    await submit({ website: 'http://seo.example' });

    await ops(['export', '--status', 'spam', '--out', 'spam.csv']);
    const rows = parseCsv((await readFile(join(workDir, 'spam.csv'))).subarray(3).toString('utf8'));

    expect(rows.length).toBeGreaterThan(1);
    const automatic = rows[0]!.indexOf('自动审核');
    for (const row of rows.slice(1)) expect(row[automatic]).toBe('拦截：填写了隐藏字段（机器人陷阱）');
  });

  it('refuses to overwrite a file unless --force, and --masked leaves out name, phone and note', async () => {
    await writeFile(join(workDir, 'existing.csv'), 'keep me');

    const refused = await ops(['export', '--out', 'existing.csv']);
    const masked = await ops(['export', '--out', 'existing.csv', '--force', '--masked']);

    expect(refused.code).toBe(1);
    expect(masked.code).toBe(0);
    const text = await readFile(join(workDir, 'existing.csv'), 'utf8');
    expect(text).not.toContain('黄月英');
    expect(text).not.toMatch(/1[3-9]\d{9}/);
  });
});

describe('erase', () => {
  it('by phone: leaves no name, phone, phone hash or note anywhere in the table, and keeps the anonymised decision', async () => {
    const phone = uniquePhone();
    const phoneHash = createHmacPseudonymiser(LOCAL_PHONE_HASH_SECRET).pseudonymise(phone);
    const first = await submit({ phone, name: '貂蝉', note: '请找貂蝉本人' });
    const second = await submit({ phone, name: '貂蝉', note: '第二次申请' });
    await screenQueued();
    await ops(['advance', first.reference, 'contacted', '--note', '貂蝉说周五回电']);
    await ops(['block', '--phone', phone, '--reason', '测试']);
    expect(JSON.stringify(await intake.items())).toContain(phoneHash);

    const erased = await ops(['erase', '--phone', phone, '--yes']);

    expect(erased.code).toBe(0);
    expect(erased.out).toContain('该号码的屏蔽记录也已删除');
    const items = await intake.items();
    const everything = JSON.stringify(items);
    for (const trace of [phone, phone.slice(-8), phoneHash, '貂蝉', '第二次申请', '周五回电']) expect(everything, trace).not.toContain(trace);
    // The idempotency records held a hash of the whole request (name and phone included): gone too.
    const erasedReferences = [first.reference, second.reference];
    expect(items.filter((item) => item.kind !== 'application' && erasedReferences.includes(String(item.reference)))).toEqual([]);
    expect(await intake.application(first.reference)).toMatchObject({
      status: 'withdrawn',
      erasure: { by: 'ops:tester' },
      brand: 'lakala',
      statusHistory: expect.arrayContaining([expect.objectContaining({ status: 'withdrawn', code: 'erased', by: 'ops:tester' })]),
    });
    expect(await intake.application(second.reference)).toMatchObject({ status: 'withdrawn', erasure: {} });
    expect(await intake.application(first.reference)).not.toHaveProperty('samePhoneAs');
    expect((await ops(['show', first.reference])).out).toContain('由 ops:tester 删除');
  });

  it("by reference: the same person's other application no longer links to the erased one (attack review round three, finding 4)", async () => {
    const phone = uniquePhone();
    const erasedOne = await submit({ phone, name: '甄宓' });
    const other = await submit({ phone, name: '甄宓' });
    await screenQueued();
    expect(await intake.application(other.reference)).toMatchObject({ samePhoneAs: new Set([erasedOne.reference]) });

    const erased = await ops(['erase', erasedOne.reference, '--yes']);

    expect(erased.code).toBe(0);
    expect(await intake.application(other.reference)).not.toHaveProperty('samePhoneAs');
    expect(JSON.stringify(await intake.items())).not.toContain(`"${erasedOne.reference}"]`);
    expect((await ops(['show', other.reference])).out).not.toContain(erasedOne.reference);
  });

  it('asks first: no terminal → exit 2, "no" → exit 1, and nothing is erased; "yes" erases', async () => {
    const { reference, phone } = await submit({ name: '孙尚香' });

    const noTerminal = await ops(['erase', reference]);
    const declined = await ops(['erase', reference], 'no');
    const stillThere = JSON.stringify(await intake.items()).includes(phone);
    const confirmed = await ops(['erase', reference], 'yes');

    expect([noTerminal.code, declined.code, stillThere]).toEqual([2, 1, true]);
    expect(confirmed.code).toBe(0);
    expect(JSON.stringify(await intake.items())).not.toContain(phone);
  });
});

describe('block', () => {
  it('rejects the next application from a blocked number; unblock lets it through again', async () => {
    const phone = uniquePhone();
    await ops(['block', '--phone', `+86 ${phone}`]);
    const blocked = await submit({ phone });
    await screenQueued();
    await ops(['unblock', '--phone', phone]);
    const later = await submit({ phone: uniquePhone() });
    await screenQueued();

    expect(await intake.application(blocked.reference)).toMatchObject({ status: 'rejected', screening: { code: 'blocked_phone' } });
    expect(await intake.application(later.reference)).toMatchObject({ status: 'pending_review' });
    expect(JSON.stringify(await intake.items())).not.toContain(`BLOCKED#${createHmacPseudonymiser(LOCAL_PHONE_HASH_SECRET).pseudonymise(phone)}`);
  });
});

describe('stats', () => {
  it('counts this table per day, brand, status and landing page, with bars', async () => {
    await submit({ brand: 'unionpay', attribution: { landingPage: '/articles/unionpay-guide/' } });
    await submit({ website: 'spam' });
    await screenQueued();
    const items = await intake.items();
    // Statistics count an application at its first status change (screening); one still `submitted` is not yet counted.
    const genuine = items.filter((item) => item.kind === 'application' && item.status !== 'submitted').length;
    const spam = items.filter((item) => item.kind === 'spam').length;

    const run = await ops(['stats', '--days', '7']);

    expect(run.code).toBe(0);
    expect(run.out).toContain(`最近 7 天：有效申请 ${genuine} 份，垃圾提交 ${spam} 份`);
    expect(run.out).toMatch(/银联\s+1\s+[\d.]+%\s+█/);
    expect(run.out).toMatch(/\/articles\/unionpay-guide\/\s+1\s+0\s+0\s+0\.0%/);
    expect(run.out).toContain('提交时拦截：填写了隐藏字段');
  });
});

describe('migrate-activity', () => {
  it('moves reveals and blocking stored in the old layout (lists on the application) to activity items, once; show and erasure work after', async () => {
    const { reference } = await submit({ name: '荀彧' });
    // The layout before activity items: lists on the application item, which nothing reads any more.
    const reveals = Array.from({ length: 250 }, (_, i) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(), by: 'console:old-reviewer' }));
    await intake.documentClient.send(
      new UpdateCommand({
        TableName: intake.tableName,
        Key: { pk: `APP#${reference}`, sk: 'APP' },
        UpdateExpression: 'SET consoleReveals = :reveals, consoleBlocking = :blocking',
        ExpressionAttributeValues: { ':reveals': reveals, ':blocking': [{ action: 'phone_blocked', at: '2026-01-02T00:00:00.000Z', by: 'console:old-admin' }] },
      }),
    );
    const activity = createDynamoDbConsoleActivityLog({ tableName: intake.tableName, documentClient: intake.documentClient });
    const activityItems = async () => (await intake.items()).filter((item) => item.kind === 'console_activity' && item.reference === reference);
    expect(await activity.activityOf(reference)).toEqual([]);

    const first = await ops(['migrate-activity']);
    const again = await ops(['migrate-activity']);

    expect(first).toMatchObject({ code: 0, out: expect.stringMatching(/其中 1 份有旧格式记录，共迁移 251 条/) });
    expect(again).toMatchObject({ code: 0, out: expect.stringMatching(/其中 0 份有旧格式记录，共迁移 0 条/) });
    expect(await activityItems()).toHaveLength(251);
    const application = await intake.application(reference);
    expect(application).not.toHaveProperty('consoleReveals');
    expect(application).not.toHaveProperty('consoleBlocking');
    expect(await activity.activityOf(reference)).toContainEqual({ action: 'phone_blocked', at: '2026-01-02T00:00:00.000Z', by: 'console:old-admin' });
    expect((await ops(['show', reference])).out).toContain('console:old-admin');
    expect((await ops(['erase', reference, '--yes'])).code).toBe(0);
  });
});

describe('call', () => {
  it('records a call attempt through the console use case: 约回电 needs a time; 接通 moves it to 已电话联系', async () => {
    const { reference } = await submit();
    await screenQueued();

    const noTime = await ops(['call', reference, 'callback']);
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const later = await ops(['call', reference, 'callback', '--next', `${tomorrow} 14:00`, '--note', '下午方便', '--by', 'wang']);
    const reached = await ops(['call', reference, 'reached', '--by', 'wang']);

    expect(noTime.code).toBe(2);
    expect(noTime.err).toContain('约回电时请填写下次打电话的时间');
    expect(later.code).toBe(0);
    expect(later.out).toContain(`已记录 ${reference}：约回电（第 1 次）`);
    expect(reached.out).toContain('状态改为“已电话联系”');
    expect(await intake.application(reference)).toMatchObject({ status: 'contacted', owner: { id: 'wang' }, calls: { attempts: 2, lastOutcome: 'reached' } });
  });

  it('refuses a --next that is no real date or time instead of rolling it over (2 月 30 日 is not 3 月 2 日)', async () => {
    const { reference } = await submit();
    await screenQueued();
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);

    // `24:00` would roll over to the day after tomorrow, inside the window the use case accepts.
    for (const next of ['2026-02-30 14:00', `${tomorrow} 24:00`, `${tomorrow} 25:00`, `${tomorrow} 14:60`]) {
      const refused = await ops(['call', reference, 'callback', '--next', next]);
      expect(refused, next).toMatchObject({ code: 2, err: expect.stringContaining(`--next 要写成 “2026-12-08 14:00”（中国时间），现在是 “${next}”`) });
    }
    expect((await intake.application(reference))?.calls).toBeUndefined();
  });
});

describe('restore-to-call', () => {
  it('puts 审核中 applications written before the toCall index back on the "to call" list, and may run again', async () => {
    const store = createDynamoDbBackOfficeStore({ tableName: intake.tableName, documentClient: intake.documentClient });
    const { reference } = await submit();
    await screenQueued();
    const onList = async () => (await allPagesOf((paging) => store.listToCall({ limit: 100, ...paging }))).flat().map((item) => item.reference);
    expect(await onList()).toContain(reference);
    // As an application in 审核中 looked before the index: no toCall keys.
    await intake.documentClient.send(
      new UpdateCommand({ TableName: intake.tableName, Key: { pk: `APP#${reference}`, sk: 'APP' }, UpdateExpression: 'REMOVE gsi4pk, gsi4sk' }),
    );
    expect(await onList()).not.toContain(reference);

    const restored = await ops(['restore-to-call']);
    const again = await ops(['restore-to-call']);

    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/已把 \d+ 份“审核中”的申请放进“待打电话”列表/);
    expect(await onList()).toContain(reference);
    expect(await intake.application(reference)).toMatchObject({
      gsi4pk: expect.stringMatching(/^TOCALL#\d$/),
      gsi4sk: expect.stringMatching(new RegExp(`#${reference}$`)),
    });
    expect(again.code).toBe(0);
  });
});

describe('dlq', () => {
  it('lists failed messages with their reference and receive count, and redrives them to the review queue', async () => {
    const { reference } = await submit();
    await intake.drainReviewQueue();
    for (const MessageBody of [JSON.stringify({ reference }), 'garbage']) {
      await sqs.send(new SendMessageCommand({ QueueUrl: intake.reviewDeadLetterQueueUrl, MessageBody }));
    }

    const listed = await ops(['dlq', 'list']);
    const redriven = await ops(['dlq', 'redrive']);
    const after = await ops(['dlq', 'list']);

    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`${reference}\\s+1\\s`));
    expect(listed.out).toContain('无法解析："garbage"');
    expect(redriven.out).toContain('已把 2 条消息放回审核队列');
    expect(after.out).toContain('死信队列是空的');
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: intake.reviewQueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => m.Body).sort()).toEqual([JSON.stringify({ reference }), 'garbage'].sort());
  });
});

describe('as a separate process', () => {
  function spawnCli(args: string[]): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['functions/ops/cli.ts', ...args], {
        cwd: REPOSITORY_ROOT,
        env: { ...process.env, ...intake.env, OPS_USER: 'tester' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code: code ?? -1, out, err }));
    });
  }

  it('exits 0 with help, 1 on a refused transition, 2 on a wrong option', async () => {
    const { reference } = await submit();
    await screenQueued();

    const [help, refused, wrong] = await Promise.all([spawnCli(['--help']), spawnCli(['advance', reference, 'shipped']), spawnCli(['list', '--colour'])]);

    expect(help).toMatchObject({ code: 0, out: expect.stringContaining('erase') });
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('Cannot move from pending_review to shipped') });
    expect(wrong).toMatchObject({ code: 2, err: expect.stringContaining('不认识的选项 --colour') });
  });
});
