/**
 * Running measured child processes, and the temporary places they work in. Everything a benchmark writes goes to a
 * fresh directory under the OS temp dir; the repository's own outputs (site/dist, caches, infra/cdk.out) are only read.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const repoPath = (...segments: string[]) => path.join(REPO_ROOT, ...segments);

export interface Workspace {
  dir: string;
  remove(): Promise<void>;
}

export async function createWorkspace(name: string): Promise<Workspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `pos-bench-${name}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Lets code generated in `dir` import the repository's packages (Node and Vite resolve bare imports by walking up
 * to a node_modules folder). Whatever runs there must keep its caches out of node_modules, which is the real one.
 */
export async function linkRepositoryPackages(dir: string): Promise<void> {
  await symlink(repoPath('node_modules'), path.join(dir, 'node_modules'), 'dir');
}

export interface MeasuredRun {
  wallMs: number;
  /** Highest resident memory of the process and its descendants; undefined where /proc is unavailable. */
  peakRssBytes: number | undefined;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Names the step in error messages. */
  label: string;
}

const RSS_SAMPLE_INTERVAL_MS = 100;

/** Run a command to completion, timing it and sampling the memory of its whole process tree. Fails on a non-zero exit. */
export function runMeasured(command: string, args: readonly string[], options: RunOptions): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    const memory = child.pid === undefined ? undefined : new TreeMemorySampler(child.pid);
    const timer = memory && setInterval(() => memory.sample(), RSS_SAMPLE_INTERVAL_MS);

    child.once('error', (error) => {
      clearInterval(timer);
      reject(new Error(`${options.label}: could not start ${command}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearInterval(timer);
      const wallMs = performance.now() - startedAt;
      const run = { wallMs, peakRssBytes: memory?.peakBytes(), stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
      if (code === 0) return resolve(run);
      const tail = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-30).join('\n');
      reject(new Error(`${options.label} failed (${signal ?? `exit code ${code}`}):\n${tail}`));
    });
  });
}

/**
 * Peak memory of a process tree from /proc: the largest sampled sum of VmRSS over the tree, or the largest single
 * VmHWM (the kernel's own high-water mark) if that is higher, since a short spike can fall between samples.
 */
class TreeMemorySampler {
  private peakSumKb = 0;
  private peakSingleKb = 0;
  private readonly available = existsSync('/proc/self/status');
  private readonly rootPid: number;

  constructor(rootPid: number) {
    this.rootPid = rootPid;
  }

  sample(): void {
    if (!this.available) return;
    let sumKb = 0;
    for (const pid of descendantsAndSelf(this.rootPid)) {
      const status = readStatus(pid);
      sumKb += status.VmRSS ?? 0;
      this.peakSingleKb = Math.max(this.peakSingleKb, status.VmHWM ?? 0);
    }
    this.peakSumKb = Math.max(this.peakSumKb, sumKb);
  }

  peakBytes(): number | undefined {
    if (!this.available) return undefined;
    return Math.max(this.peakSumKb, this.peakSingleKb) * 1024;
  }
}

function descendantsAndSelf(rootPid: number): number[] {
  const pids = [rootPid];
  for (let index = 0; index < pids.length; index++) {
    const pid = pids[index]!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited between samples
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      } catch {
        // the task ended while we looked
      }
    }
  }
  return pids;
}

function readStatus(pid: number): { VmRSS?: number | undefined; VmHWM?: number | undefined } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) : undefined;
    };
    return { VmRSS: kb('VmRSS'), VmHWM: kb('VmHWM') };
  } catch {
    return {};
  }
}
