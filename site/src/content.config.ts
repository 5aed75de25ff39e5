/**
 * Content collections. The fields and their rules (one comment per field) live in ./content-schemas.ts,
 * which the Node content check imports too; here they are bound to Astro's loaders, `image()` and `reference()`.
 */
import path from 'node:path';
import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { articleSchema, productSchema, SLUG_PATTERN, tagSchema } from './content-schemas.ts';
import { CONTENT_DIR } from './content-location.ts';

/** `content/articles/<slug>.mdx` → id `<slug>` → `/articles/<slug>/`. The file name, never a frontmatter `slug`. */
function articleIdFromFileName({ entry }: { entry: string }): string {
  const id = entry.replace(/\.mdx$/, '');
  if (!SLUG_PATTERN.test(id)) {
    throw new Error(`content/articles/${entry}：文件名会成为网址，只能用小写英文字母、数字和连字符（例如 lakala-deregistration.mdx）`);
  }
  return id;
}

/** Articles: MDX files directly in content/articles/ (images sit in sub-folders beside them). */
const articles = defineCollection({
  loader: glob({ base: path.join(CONTENT_DIR, 'articles'), pattern: '*.mdx', generateId: articleIdFromFileName }),
  schema: ({ image }) => articleSchema({ cover: image(), tag: reference('tags'), brand: reference('products') }),
});

/** Brands and their models: one YAML file per brand, id = file name (lakala, shengfutong, unionpay). */
const products = defineCollection({
  loader: glob({ base: path.join(CONTENT_DIR, 'products'), pattern: '*.yaml' }),
  schema: productSchema,
});

/** Tags: one list in content/tags.yaml. */
const tags = defineCollection({
  loader: file(path.join(CONTENT_DIR, 'tags.yaml')),
  schema: tagSchema,
});

export const collections = { articles, products, tags };
