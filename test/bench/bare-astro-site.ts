/**
 * The build baseline: the smallest Astro 7 + @astrojs/mdx site that renders a folder of MDX articles as pages
 * through a content collection (minimal config, one layout, one `[...slug].astro` page). Whatever our site's build
 * costs beyond this is the price of its own pages, components and integrations.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { linkRepositoryPackages } from './processes.ts';

/** Folder (relative to the site root) whose `*.mdx` files become pages. */
export const BARE_SITE_ARTICLES_DIR = 'articles';

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'bare-astro-mdx-site', private: true, type: 'module' }, null, 2),
  // The cache must stay in this folder: node_modules is a link to the repository's.
  'astro.config.mjs': `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({ integrations: [mdx()], cacheDir: './.astro-cache' });
`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const articles = defineCollection({ loader: glob({ base: './${BARE_SITE_ARTICLES_DIR}', pattern: '*.mdx' }) });

export const collections = { articles };
`,
  'src/layouts/Layout.astro': `---
const { title } = Astro.props;
---
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width" />
    <title>{title}</title>
  </head>
  <body>
    <main><slot /></main>
  </body>
</html>
`,
  'src/pages/[...slug].astro': `---
import { getCollection, render } from 'astro:content';
import Layout from '../layouts/Layout.astro';

export async function getStaticPaths() {
  const articles = await getCollection('articles');
  return articles.map((article) => ({ params: { slug: article.id }, props: { article } }));
}

const { article } = Astro.props;
const { Content } = await render(article);
---
<Layout title={article.data.title}>
  <h1>{article.data.title}</h1>
  <Content />
</Layout>
`,
};

/** Write the bare site into `root` (empty); its articles go into `<root>/articles`. */
export async function createBareAstroSite(root: string): Promise<{ articlesDir: string }> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  await linkRepositoryPackages(root);
  return { articlesDir: path.join(root, BARE_SITE_ARTICLES_DIR) };
}
