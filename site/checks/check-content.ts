/**
 * `npm run check:content` — validates content/ and prints each problem as `file:line 说明`, then a summary.
 * Exits 1 when there is any error (reminders alone do not fail).
 *
 *   --dir <path>         content root to check (default: CONTENT_DIR, else the repository's content/)
 *   --today YYYY-MM-DD   date used for the age of figures (default: today)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONTENT_DIR } from '../src/content-location.ts';
import { checkContent } from './content-checker.ts';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, today: { type: 'string' } },
});

if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
  console.error(`--today 要写成 YYYY-MM-DD（现在是 ${values.today}）`);
  process.exit(2);
}

const contentDir = path.resolve(values.dir ?? CONTENT_DIR);
const today = values.today ? new Date(`${values.today}T00:00:00Z`) : new Date();
const { files, problems } = await checkContent({ contentDir, today });

for (const problem of problems) {
  const where = `${path.relative(process.cwd(), problem.file) || problem.file}:${problem.line}`;
  console.log(`${where} ${problem.severity === 'warning' ? '提醒：' : ''}${problem.message}`);
}
const errors = problems.filter((problem) => problem.severity === 'error').length;
const reminders = problems.length - errors;
console.log(`内容检查：${files.length} 个文件，${errors} 个问题${reminders ? `，${reminders} 条提醒` : ''}${errors ? '' : '。✓'}`);
process.exitCode = errors ? 1 : 0;
