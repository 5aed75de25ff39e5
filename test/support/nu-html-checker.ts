/**
 * The W3C Nu HTML Checker (the `vnu-jar` package, run on the Java that DynamoDB Local already needs), over many
 * files in one JVM: starting the JVM costs more than checking a few hundred pages.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** vnu-jar's main export is the jar's path (a String object). */
const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));

export interface NuMessage {
  file: string;
  line: number;
  message: string;
  /** The markup the message points at. */
  extract: string;
}

interface NuReport {
  messages: { type: string; subType?: string; url?: string; lastLine?: number; firstLine?: number; message: string; extract?: string }[];
}

/** Every error the checker finds in `files` (warnings and info are left out). */
export async function nuHtmlErrors(files: readonly string[]): Promise<NuMessage[]> {
  if (files.length === 0) return [];
  const args = ['-jar', vnuJar, '--format', 'json', '--errors-only', '--exit-zero-always', '--stdout', ...files];
  const { stdout } = await run('java', args, { maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(stdout) as NuReport;
  return report.messages
    .filter((message) => message.type === 'error' || message.subType === 'fatal')
    .map((message) => ({
      file: message.url?.startsWith('file:') ? fileURLToPath(message.url) : (message.url ?? '?'),
      line: message.lastLine ?? message.firstLine ?? 0,
      message: message.message,
      extract: (message.extract ?? '').replace(/\s+/g, ' ').trim(),
    }));
}
