/**
 * `npm run cms` as a child process on a copy of content/ (the editor writes files; never into the repository's own
 * content/ from a test), on a free port of 127.0.0.1. Resolves once the editor prints that it is ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../../../functions/local/local-environment.ts';

export interface RunningEditor {
  url: string;
  /** The copy of content/ the editor reads and writes. */
  contentDir: string;
  /** Seconds from starting the process to the editor's "ready" line. */
  secondsToReady: number;
  stop(): Promise<void>;
}

/** What vitest puts into process.env (its own import.meta.env), which would turn the dev server into a test build. */
const TEST_RUNNER_VARIABLES = new Set(['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST']);

/** The environment a marketer's shell would give `npm run cms`: without the test runner's variables. */
function editorEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !TEST_RUNNER_VARIABLES.has(name) && !name.startsWith('VITEST')));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startEditorOnCopy(): Promise<RunningEditor> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'pos-editor-'));
  const contentDir = path.join(workDir, 'content');
  await cp(path.join(REPOSITORY_ROOT, 'content'), contentDir, { recursive: true });
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [path.join(REPOSITORY_ROOT, 'site/cms/start-editor.ts')], {
    cwd: REPOSITORY_ROOT,
    env: { ...editorEnvironment(), CONTENT_DIR: contentDir, CMS_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`editor not ready after 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('内容编辑器已就绪')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`editor exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    contentDir,
    secondsToReady: (performance.now() - started) / 1000,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
