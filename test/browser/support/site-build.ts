/**
 * The browser suite and the Lighthouse audit test the built site (`site/dist`), served by the local stack exactly as
 * CloudFront would serve it. Building takes a while, so an existing build is reused when nothing it is made from
 * changed since; otherwise `npm run build` (Astro + pagefind) runs once.
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { REPOSITORY_ROOT, SITE_DIST_DIR } from '../../../functions/local/local-environment.ts';

/** Everything the built pages are made from: site sources, content, and the domain/HTML code the pages import. */
const BUILD_INPUTS = ['site/src', 'site/public', 'site/astro.config.ts', 'content', 'functions/domain', 'functions/http', 'package.json'];
/** Written by pagefind, the last build step: a build that stopped half-way has none. */
const BUILD_OUTPUT_MARKER = join(SITE_DIST_DIR, 'pagefind', 'pagefind-entry.json');

async function newestModification(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestModification(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

export async function isSiteBuildFresh(): Promise<boolean> {
  const built = await stat(BUILD_OUTPUT_MARKER).catch(() => undefined);
  if (!built) return false;
  const inputs = await Promise.all(BUILD_INPUTS.map((input) => newestModification(join(REPOSITORY_ROOT, input))));
  return Math.max(...inputs) < built.mtimeMs;
}

/** Builds the site unless `site/dist` is newer than all its inputs. Returns whether it built. */
export async function ensureSiteBuilt(log: (line: string) => void = console.info): Promise<boolean> {
  if (await isSiteBuildFresh()) return false;
  log('Building the site (npm run build)…');
  const output: Buffer[] = [];
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const build = spawn('npm', ['run', 'build'], { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    build.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    build.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    build.once('error', reject);
    build.once('close', resolve);
  });
  if (exitCode !== 0) throw new Error(`npm run build failed (exit ${exitCode}):\n${Buffer.concat(output).toString('utf8')}`);
  return true;
}
