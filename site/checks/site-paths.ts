/**
 * Which site paths exist, so the content check can tell a broken internal link from a good one without building.
 * Fixed pages come from the files in site/src/pages (a page added there is linkable at once); content pages from
 * the content itself; static files from site/public.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const PAGE_EXTENSIONS = /\.(astro|md|mdx|ts|js)$/;

/** `/compare/` for pages/compare/index.astro, `/rss.xml` for pages/rss.xml.ts; dynamic routes ([slug]) are skipped. */
export async function fixedPagePaths(pagesDir: string): Promise<Set<string>> {
  const files = await readdir(pagesDir, { recursive: true });
  const paths = new Set<string>();
  for (const file of files.map((name) => name.split(path.sep).join('/'))) {
    if (!PAGE_EXTENSIONS.test(file) || file.includes('[') || file.startsWith('_') || file.includes('/_')) continue;
    const route = file.replace(PAGE_EXTENSIONS, '');
    if (route === '404') continue;
    if (/\.[a-z]+$/.test(route))
      paths.add(`/${route}`); // endpoints such as rss.xml keep their name
    else paths.add(`/${route.replace(/(^|\/)index$/, '')}/`.replace(/\/+/g, '/'));
  }
  return paths;
}

/** `/favicon.svg`, `/styles/site.css`, ... */
export async function publicFilePaths(publicDir: string): Promise<Set<string>> {
  const files = await readdir(publicDir, { recursive: true, withFileTypes: true });
  return new Set(
    files.filter((entry) => entry.isFile()).map((entry) => `/${path.relative(publicDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`),
  );
}
