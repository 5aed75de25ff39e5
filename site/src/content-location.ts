/**
 * Where the content lives. Read once from the environment and validated, like all config:
 * `CONTENT_DIR` (absolute, or relative to the working directory) lets tests build a copy of content/ with
 * planted drafts; everyone else gets the repository's own content/ folder.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'astro/zod';

const REPOSITORY_CONTENT_DIR = fileURLToPath(new URL('../../content/', import.meta.url));

const environment = z.object({
  CONTENT_DIR: z
    .string()
    .min(1)
    .default(REPOSITORY_CONTENT_DIR)
    .transform((dir) => path.resolve(dir)),
});

export const { CONTENT_DIR } = environment.parse(process.env);

/**
 * Astro's build cache for this content. Astro reuses a cached entry whose file content is unchanged together with
 * its old file path, so a build of another content folder (a test's temporary copy) must not share the repository's
 * cache: it gets its own, inside that folder, and the repository's cache keeps pointing at content/.
 */
export const CONTENT_CACHE_DIR = CONTENT_DIR === path.resolve(REPOSITORY_CONTENT_DIR) ? './node_modules/.astro' : path.join(CONTENT_DIR, '.astro-cache');
