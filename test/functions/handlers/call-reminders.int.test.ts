/**
 * The call reminders end to end: the scheduled handler reads the leads due from DynamoDB Local and posts the digest to a
 * local test receiver standing in for the team's 钉钉 robot, signed as 钉钉 checks it, or publishes it to the ops topic.
 * Configured as on AWS (the topic, or the robot's settings from the application secret), its calls are recorded for
 * the IAM check under each notice setting (test/iam: its role differs with -c newApplicationNotices).
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsCall } from '../../../functions/adapters/aws-clients.ts';
import { createDynamoDbLeadStore } from '../../../functions/adapters/dynamodb-lead-store.ts';
import { loadConfig } from '../../../functions/config.ts';
import { functionEnvironments } from '../../../functions/function-environments.ts';
import { createCallRemindersHandler } from '../../../functions/handlers/call-reminders.ts';
import { summariseAttempt, toCallOrderOf, type CallAttempt } from '../../../functions/domain/leads.ts';
import { callDelta } from '../../../functions/domain/stats-counters.ts';
import { chinaDay, startOfChinaDay } from '../../../functions/domain/time.ts';
import { isWorkingDay } from '../../../functions/domain/working-days.ts';
import { batchReadItemKinds, callsDuring, callNames } from '../../support/aws-call-count.ts';
import { manualClock } from '../../support/in-memory-ports.ts';
import { applyThroughApi } from '../../support/apply-through-api.ts';
import { startIntakeServer, type IntakeServer } from '../../support/intake-server.ts';
import { startChatRobotReceiver, type ChatRobotReceiver } from '../../support/chat-robot-receiver.ts';

const SECRET = 'SECtest-reminders-secret';
let intake: IntakeServer;
/** The team's 钉钉 robot. */
let robot: ChatRobotReceiver;
/** The reminders' AWS calls when made with recorded clients (one run's at a time: see callsDuring). */
const reminderCalls: AwsCall[] = [];

beforeAll(async () => {
  robot = await startChatRobotReceiver();
  // The ops topic as in the dev stage, and the robot's settings in the application secret for the chat setting.
  intake = await startIntakeServer({
    withOpsTopic: true,
    chatWebhook: { platform: 'dingtalk', url: `${robot.origin}/robot/send?access_token=from-secret`, secret: SECRET },
    observeCalls: (caller, call) => {
      if (caller === 'call-reminders') reminderCalls.push(call);
    },
  });
});
afterAll(async () => {
  await intake?.close();
  await robot?.close();
});

it('posts overdue first calls, signed for 钉钉, with masked phones and console links; nothing on a day off', async () => {
  const { reference, phone } = await applyThroughApi(intake.url);
  await intake.store.updateStatus({ ...(await planScreening(reference)) });
  // The robot's settings from the environment, as in the local stack: without APP_SECRET_ARN the notifier reads no secret.
  const { APP_SECRET_ARN: _fromSecret, ...withoutSecret } = intake.env;
  const env = {
    ...withoutSecret,
    OPS_NOTIFIER: 'chat',
    CHAT_WEBHOOK_PLATFORM: 'dingtalk',
    CHAT_WEBHOOK_URL: `${robot.origin}/robot/send?access_token=abc`,
    CHAT_WEBHOOK_SECRET: SECRET,
    CONSOLE_URL: 'https://pos.example.cn/console/',
  };
  const clients = intake.unrecordedClients();
  // Two weeks on, at 09:30 China time: the first call is long overdue.
  const at = (day: string) => createCallRemindersHandler(loadConfig(functionEnvironments['call-reminders'], env), clients, manualClock(`${day}T01:30:00Z`));

  const dayOff = await at(dayFromTwoWeeksOn(false))();
  const workingDay = await at(dayFromTwoWeeksOn(true))();

  expect(dayOff).toEqual({ posted: false, reason: 'day_off' });
  expect(workingDay).toMatchObject({ posted: true });
  expect(robot.received).toHaveLength(1);
  const { url, body } = robot.received[0]!;
  const timestamp = url.searchParams.get('timestamp')!;
  expect(url.searchParams.get('sign')).toBe(createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64'));
  expect(body.text.content).toContain(`${reference}｜`);
  expect(body.text.content).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  expect(body.text.content).toContain(`https://pos.example.cn/console/#/applications/${reference}`);
  expect(body.text.content).not.toContain(phone);
});

describe('configured as each stage setting deploys it (calls recorded for the IAM check)', () => {
  it('e-mail notices (the dev stage): publishes the digest to the ops topic', async () => {
    const { reference } = await applyThroughApi(intake.url);
    await intake.store.updateStatus({ ...(await planScreening(reference)) });
    const config = loadConfig(functionEnvironments['call-reminders'], intake.env);
    expect(config.OPS_NOTIFIER).toBe('sns');

    const result = await createCallRemindersHandler(config, intake.recordedClients('call-reminders'), manualClock(`${dayFromTwoWeeksOn(true)}T01:30:00Z`))();

    expect(result).toMatchObject({ posted: true });
    expect((await intake.opsTopicMessages()).join('\n')).toContain(`${reference}｜`);
  });

  it('chat notices (-c newApplicationNotices=chat): reads the robot from the application secret and posts there', async () => {
    const { reference } = await applyThroughApi(intake.url);
    await intake.store.updateStatus({ ...(await planScreening(reference)) });
    // What CDK sets with grantChatNotices: the secret's ARN (already in intake.env) and the console's address.
    const { OPS_TOPIC_ARN: _topic, ...env } = intake.env;
    const config = loadConfig(functionEnvironments['call-reminders'], { ...env, OPS_NOTIFIER: 'chat', CONSOLE_URL: 'https://pos.example.cn/console/' });
    robot.received.length = 0;

    const result = await createCallRemindersHandler(
      config,
      intake.recordedClients('call-reminders', 'chat-notices'),
      manualClock(`${dayFromTwoWeeksOn(true)}T01:30:00Z`),
    )();

    expect(result).toMatchObject({ posted: true });
    expect(robot.received.map(({ url }) => url.searchParams.get('access_token'))).toEqual(['from-secret']);
    expect(robot.received[0]!.body.text.content).toContain(`${reference}｜`);
  });
});

it('reads only the leads due by the end of the day, from the toCall index: not every application in 审核中', async () => {
  const day = dayFromTwoWeeksOn(true);
  const nextDay = chinaDay(new Date(Date.parse(startOfChinaDay(day)!) + 36 * 3_600_000).toISOString());
  const overdue = await screenedLead();
  const callbackToday = await screenedLead({ nextCallAt: `${day}T06:00:00.000Z` }); // 14:00 China time
  const callbackTomorrow = await screenedLead({ nextCallAt: `${nextDay}T02:00:00.000Z` }); // 10:00 China time the next day
  const config = loadConfig(functionEnvironments['call-reminders'], intake.env);
  const remind = createCallRemindersHandler(config, intake.recordedClients('call-reminders'), manualClock(`${day}T01:30:00Z`));

  const { result, calls } = await callsDuring(reminderCalls, () => remind());

  const digest = (await intake.opsTopicMessages()).join('\n');
  expect(digest).toContain(`${overdue}｜`);
  expect(digest).toContain(`${callbackToday}｜`);
  expect(digest).not.toContain(callbackTomorrow);
  // One query per toCall shard (due by the end of the day), then the leads found, read whole in one batch. Here each
  // read lead is a line of the digest; a lead already called with no callback set would be read too (due by the end of
  // its next working day) without being a line. Before, the byStatus index listed every lead in 审核中, due or not.
  expect(callNames(calls)).toEqual(['BatchGetItem', 'Query toCall', 'Query toCall', 'Query toCall', 'Query toCall', 'sns Publish']);
  expect(result).toMatchObject({ posted: true });
  const lines = result.posted ? result.lines : 0;
  expect(batchReadItemKinds(calls)).toEqual([...Array(lines).fill('APP'), ...Array(lines).fill('PERSONAL')]);
});

/** A lead in 审核中; with `nextCallAt`, called once already and asked to call back then. Its reference. */
async function screenedLead(callback?: { nextCallAt: string }): Promise<string> {
  const { reference } = await applyThroughApi(intake.url);
  await intake.store.updateStatus({ ...(await planScreening(reference)) });
  if (callback) {
    const record = await intake.store.findByReference(reference);
    if (record?.kind !== 'application') throw new Error('not stored');
    const attempt: CallAttempt = { reference, at: new Date().toISOString(), by: 'console:reviewer', outcome: 'callback', nextCallAt: callback.nextCallAt };
    const calls = summariseAttempt(undefined, attempt);
    const leads = createDynamoDbLeadStore({ tableName: intake.tableName, documentClient: intake.documentClient });
    const written = await leads.recordCall(attempt, calls, 0, callDelta(record, undefined, attempt, 'reviewer'), toCallOrderOf({ ...record, calls }));
    if (written !== 'recorded') throw new Error(`the callback was not recorded: ${written}`);
  }
  return reference;
}

/** Screening's move to 审核中, as the review worker would write it. */
async function planScreening(reference: string) {
  const { planStatusChange } = await import('../../../functions/domain/status-transitions.ts');
  const record = await intake.store.findByReference(reference);
  if (record?.kind !== 'application') throw new Error('not stored');
  return planStatusChange(record, 'pending_review', { at: new Date(), by: 'system:screening' }, 180);
}

/** The first China day from two weeks on that is (or is not) a working day on the calendar. */
function dayFromTwoWeeksOn(working: boolean): string {
  for (let offset = 14; ; offset++) {
    const day = chinaDay(new Date(Date.now() + offset * 86_400_000).toISOString());
    if (isWorkingDay(day) === working) return day;
  }
}
