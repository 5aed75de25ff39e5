/**
 * Runs a query against a built Pagefind index with Pagefind's own browser client, in Node.
 * Usage: node test/site/pagefind-query.ts <dist dir> <query>  → prints [{ url, title }] as JSON.
 * A separate process because the client is a browser module that fetches its index files: here fetch reads them
 * from disk instead.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [distDir, query] = process.argv.slice(2);
if (!distDir || !query) throw new Error('usage: pagefind-query.ts <dist dir> <query>');

const bundle = pathToFileURL(path.join(path.resolve(distDir), 'pagefind/'));
globalThis.fetch = (async (input: string | URL | Request) => {
  const url = new URL(input instanceof Request ? input.url : input, bundle);
  return new Response(await readFile(fileURLToPath(url)));
}) as typeof fetch;

interface PagefindResult {
  data(): Promise<{ url: string; meta: { title?: string } }>;
}

const pagefind = (await import(new URL('pagefind.js', bundle).href)) as {
  options(options: Record<string, unknown>): Promise<void>;
  search(term: string): Promise<{ results: PagefindResult[] }>;
};
await pagefind.options({ basePath: bundle.href });
const search = await pagefind.search(query);
const results = await Promise.all(search.results.map((result) => result.data()));
// Pagefind prefixes the page URL with its base path; keep the site path (/articles/x/).
const sitePath = (url: string) => url.slice(url.indexOf(path.resolve(distDir)) + path.resolve(distDir).length);
console.log(JSON.stringify(results.map((result) => ({ url: sitePath(result.url), title: result.meta.title }))));
