/** The files of a built site (`site/dist`) as publish-site.ts takes them: paths relative to the root, `/`-separated. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { BuildFile } from './publish-site.ts';

export async function readBuildDirectory(directory: string): Promise<BuildFile[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  if (files.length === 0) throw new Error(`${directory} holds no files: build the site first`);
  return Promise.all(
    files.map(async (entry) => {
      const absolute = join(entry.parentPath, entry.name);
      return { path: relative(directory, absolute).split(sep).join('/'), body: new Uint8Array(await readFile(absolute)) };
    }),
  );
}
