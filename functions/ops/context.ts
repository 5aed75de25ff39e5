/**
 * What every ops command gets: the terminal (injectable, so tests run commands in process), option parsing with
 * Chinese messages, and a connection to the chosen target built on first use (the adapters load only after the
 * target's SDK variables are set, as a Lambda's do at cold start).
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { isMainlandMobile, normalisePhone } from '#domain/phone.ts';
import type { Clock, DeadLetterQueue, BackOfficeStore, LeadStore, Pseudonymiser } from '#domain/ports.ts';
import { isSafeStaffText, unsafeStaffTextMessage, type ConsoleActivityLog, type EmbeddedActivityMigration } from '#domain/console-activity.ts';
import { normaliseReference } from '#domain/reference.ts';
import type { OpsTarget } from './target.ts';
import type { AwsCallObserver } from '../adapters/aws-clients.ts';

export interface CliIo {
  /** Standard output: results (tables, records). */
  out(text: string): void;
  /** Standard error: headers, progress, warnings and errors. */
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars redraw in place only then). */
  errIsTerminal: boolean;
  env: Record<string, string | undefined>;
  /** Directory relative paths (`--out`) resolve against. */
  cwd: string;
  /** Ask on the terminal and return the line typed; undefined when there is no terminal to ask. */
  ask(question: string): Promise<string | undefined>;
  /** Told of every DynamoDB/SQS call (tests record them to check the operator's IAM policy); the terminal has none. */
  observeAwsCalls?: AwsCallObserver;
}

export interface OpsConnection {
  target: OpsTarget;
  store: BackOfficeStore;
  /** Owners and call attempts (domain/leads.ts), and the history entries they write. */
  leads: LeadStore;
  /** The console's activity log (reveals, notes, blocking), for `show`. */
  activity: ConsoleActivityLog;
  /** Moves activity stored in the old layout (lists on the application item) to activity items: `migrate-activity`. */
  activityMigration: EmbeddedActivityMigration;
  clock: Clock;
  failedCallDaysBeforeClosing: number;
  retentionDays: number;
  deadLetters(): Promise<DeadLetterQueue>;
  pseudonymiser(): Promise<Pseudonymiser>;
}

export interface CommandContext {
  io: CliIo;
  connect(): Promise<OpsConnection>;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help: usage, options, examples. */
  help: string;
  options: ParseArgsOptionsConfig;
  /** Positional arguments: exactly this many, or a range. */
  positionals: { min: number; max: number };
  run(input: { positionals: string[]; values: Record<string, string | boolean | undefined> }, context: CommandContext): Promise<number>;
}

/** Wrong or missing arguments: the message says what to type instead. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command ran but could not do what was asked (not found, refused). Exit code 1; the message is for ops. */
export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailed';
  }
}

/** Options every command accepts. */
export const commonOptions = {
  stage: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

export function parseCommandArgs(command: Command, args: string[]) {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...commonOptions, ...command.options }, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`不认识的选项 ${unknown[1]}`);
    const missing = /Option '([^']+)(?: <value>)?' argument missing/.exec(message);
    if (missing) throw new UsageError(`选项 ${missing[1]!.replace(/^-\w, /, '')} 后面缺少取值`);
    throw new UsageError(`参数有误：${message}`);
  }
}

/** `pa-7k3f-9q2m`, `PA7K3F9Q2M` → `PA-7K3F-9Q2M`, or a usage error naming what was typed. */
export function referenceArgument(raw: string | undefined): string {
  const reference = raw === undefined ? undefined : normaliseReference(raw);
  if (!reference) throw new UsageError(`申请编号不正确：“${raw ?? ''}”，应形如 PA-7K3F-9Q2M`);
  return reference;
}

/** A whole number option within bounds, or a usage error naming the option. */
export function integerOption(values: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} 应为 ${min}–${max} 之间的整数（收到 “${String(raw)}”）`);
  return value;
}

/** Free text for the history (`--note`, `--reason`): one paragraph of reasonable length, no control characters. */
export const NOTE_MAX_LENGTH = 500;
export function noteOption(values: Record<string, unknown>, name: string): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  if (text === '') throw new UsageError(`--${name} 不能为空`);
  if (Array.from(text).length > NOTE_MAX_LENGTH) throw new UsageError(`--${name} 最多 ${NOTE_MAX_LENGTH} 个字`);
  if (!isSafeStaffText(text)) throw new UsageError(`--${name} ${unsafeStaffTextMessage}`);
  return text;
}

/**
 * Who is acting, for the status history: `--by`, else `OPS_USER`, else the login name (`USER`). A letter, digit or
 * `._@-` only, so the history shows a name and nothing else.
 */
export function operatorOf(values: Record<string, unknown>, env: Record<string, string | undefined>): string {
  const name = (values.by as string | undefined) ?? env.OPS_USER ?? env.USER;
  if (!name) throw new UsageError('不知道是谁在操作：请加 --by 您的名字，或设置环境变量 OPS_USER');
  if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(name)) throw new UsageError(`操作人名字只能包含字母、数字和 ._@-，最多 64 个字符（收到 “${name}”）`);
  return name;
}

/** `--phone` as a normalised mainland mobile number (`+86 138-1234-5678` → `13812345678`), or a usage error. */
export function phoneOption(values: Record<string, unknown>): string {
  if (values.phone === undefined) throw new UsageError('需要 --phone 手机号');
  const phone = normalisePhone(String(values.phone));
  if (!isMainlandMobile(phone)) throw new UsageError('--phone 不是有效的 11 位手机号');
  return phone;
}
