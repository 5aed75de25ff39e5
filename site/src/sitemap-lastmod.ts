/**
 * `<lastmod>` for the sitemap: each article's updatedAt (else publishedAt), read from the frontmatter of the files the
 * build reads (CONTENT_DIR). Runs in astro.config.ts, before collections exist, so it parses the frontmatter itself;
 * the dates were already validated by the content schema in the same build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONTENT_DIR } from './content-location.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

/** The day a YAML date field names, as YYYY-MM-DD (YAML may already have turned it into a Date). */
function isoDay(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/** Site path of every article (`/articles/<slug>/`) → the day it last changed. */
export function articleLastModified(contentDir = CONTENT_DIR): Map<string, string> {
  const dir = path.join(contentDir, 'articles');
  const days = new Map<string, string>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.mdx'))) {
    const frontmatter = FRONTMATTER.exec(readFileSync(path.join(dir, name), 'utf8'))?.[1];
    const data = frontmatter ? (parse(frontmatter) as { updatedAt?: unknown; publishedAt?: unknown } | null) : null;
    const day = isoDay(data?.updatedAt) ?? isoDay(data?.publishedAt);
    if (day) days.set(`/articles/${name.replace(/\.mdx$/, '')}/`, day);
  }
  return days;
}
