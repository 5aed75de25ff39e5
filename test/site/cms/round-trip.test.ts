/**
 * Opening and saving every existing article and brand file in the editor without changes loses nothing.
 * Keystatic rewrites YAML in its own style (block lists, quoted dates, folded long lines) and normalises some MDX
 * whitespace, so the test compares what the files mean: the frontmatter/brand values as the content schema reads
 * them, and the article body's MDX syntax tree (positions left out). Iterates over whatever is in content/ now.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { gfm } from 'micromark-extension-gfm';
import { mdxjs } from 'micromark-extension-mdxjs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test, vi } from 'vitest';
import { articleFrontmatterSchema, productSchema } from '../../../site/src/content-schemas.ts';
import { CONTENT_DIR } from '../../../site/src/content-location.ts';

// The editor runs Keystatic's browser build; its Node build stubs the MDX field. Test the one marketers use.
vi.mock('@keystatic/core', async () => import((await import('./keystatic-files.ts')).keystaticBrowserBuild('keystatic-core.js')));
vi.mock(
  '@keystatic/core/content-components',
  async () => import((await import('./keystatic-files.ts')).keystaticBrowserBuild('keystatic-core-content-components.js')),
);

const { openAndSave } = await import('./keystatic-files.ts');
const { default: editorConfig } = await import('../../../site/keystatic.config.ts');

const decoder = new TextDecoder();
const contentRoot = path.dirname(CONTENT_DIR);

/** Splits `---\nfrontmatter\n---\nbody`. */
function splitArticle(text: string): { frontmatter: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error('no frontmatter');
  return { frontmatter: parseYaml(match[1]!), body: match[2]! };
}

/** The MDX syntax tree (GFM tables, like the site's MDX) without source positions: what the site renders. */
function mdxTree(body: string): unknown {
  const tree = fromMarkdown(body, { extensions: [mdxjs(), gfm()], mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()] });
  return JSON.parse(JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value)));
}

const articleFiles = readdirSync(path.join(CONTENT_DIR, 'articles')).filter((name) => name.endsWith('.mdx'));
const productFiles = readdirSync(path.join(CONTENT_DIR, 'products')).filter((name) => name.endsWith('.yaml'));

describe('articles survive the editor unchanged', () => {
  test('there are articles to try', () => expect(articleFiles.length).toBeGreaterThan(0));

  test.each(articleFiles)('%s', (file) => {
    const original = readFileSync(path.join(CONTENT_DIR, 'articles', file));
    const saved = openAndSave(editorConfig.collections!.articles!, 'body', file.replace(/\.mdx$/, ''), original, contentRoot);
    const before = splitArticle(decoder.decode(original));
    const after = splitArticle(decoder.decode(saved));
    expect(articleFrontmatterSchema.parse(after.frontmatter)).toEqual(articleFrontmatterSchema.parse(before.frontmatter));
    expect(mdxTree(after.body)).toEqual(mdxTree(before.body));
  });
});

describe('brand files survive the editor unchanged', () => {
  test('there are brand files to try', () => expect(productFiles.length).toBeGreaterThan(0));

  test.each(productFiles)('%s', (file) => {
    const original = readFileSync(path.join(CONTENT_DIR, 'products', file));
    const saved = openAndSave(editorConfig.collections!.products!, undefined, file.replace(/\.yaml$/, ''), original, contentRoot);
    const after = parseYaml(decoder.decode(saved));
    const before = parseYaml(decoder.decode(original));
    // Raw values first ("unknown" must stay null, never become 0 or vanish), then what the site reads.
    expect(after).toEqual(JSON.parse(JSON.stringify(before)));
    expect(productSchema.parse(after)).toEqual(productSchema.parse(before));
  });
});

describe('the comparison notices a loss', () => {
  test("an image outside the article's folder comes back as text (why the content check refuses such paths)", () => {
    const planted = readFileSync(path.join(CONTENT_DIR, 'articles', articleFiles[0]!), 'utf8').replace(
      /\n---\n/,
      '\n---\n\n![柜台上的电签 POS 机](./images/elsewhere.png)\n',
    );
    const saved = openAndSave(editorConfig.collections!.articles!, 'body', 'planted', new TextEncoder().encode(planted), contentRoot);
    expect(mdxTree(splitArticle(decoder.decode(saved)).body)).not.toEqual(mdxTree(splitArticle(planted).body));
  });
});
