/**
 * The call reminders' digest in Chinese (use-cases/call-reminders.ts says what is due; this words it for the chat
 * robot or the ops topic): a summary line, then per owner the lines with masked phone, city and a console link.
 */
import { consoleLink } from './console-link.ts';
import { chinaTime, maskedPhoneText } from './labels-zh.ts';
import type { CallDigest, ReminderLine } from '../use-cases/call-reminders.ts';

/** Lines listed per owner; the rest are counted. */
const LISTED_PER_OWNER = 10;

const hhmm = (iso: string) => chinaTime(iso).slice(11);

/** The digest's text. `consoleUrl` (`…/console/`) links each line. */
export function composeCallDigest({ lines, at }: CallDigest, consoleUrl?: string): string {
  const owners = new Map<string, ReminderLine[]>();
  for (const line of lines) owners.set(line.owner ?? '', [...(owners.get(line.owner ?? '') ?? []), line]);
  const overdue = lines.filter((line) => line.kind === 'overdue_first_call').length;
  const sections = [...owners]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([owner, own]) => {
      const listed = own.slice(0, LISTED_PER_OWNER).map((line) => {
        const what = line.kind === 'overdue_first_call' ? '超过承诺时间，还没打第一个电话' : `约好 ${hhmm(line.dueAt)} 回电`;
        return `· ${line.reference}｜${line.city}｜${maskedPhoneText(line.maskedPhone)}｜${what}${consoleUrl ? `\n  ${consoleLink(consoleUrl, line.reference)}` : ''}`;
      });
      const more = own.length > LISTED_PER_OWNER ? [`  ……另有 ${own.length - LISTED_PER_OWNER} 份`] : [];
      return [`【${owner || '未认领'}】${own.length} 份`, ...listed, ...more].join('\n');
    });
  return [`待打电话提醒（${chinaTime(at)}）：超时未打第一个电话 ${overdue} 份，今天要回电 ${lines.length - overdue} 份`, ...sections].join('\n\n');
}
