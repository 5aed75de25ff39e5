/**
 * Article helpers. Drafts are filtered HERE and nowhere else: every page, the sitemap (via the pages built),
 * RSS and the search index (via the pages built) go through getPublishedArticles().
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { getAllModels } from './products.ts';

export type Article = CollectionEntry<'articles'>;
export type Tag = CollectionEntry<'tags'>;

/** Published articles, newest first. In `astro dev` drafts are included so writers can preview them. */
export async function getPublishedArticles(): Promise<Article[]> {
  const articles = await getCollection('articles', ({ data }) => import.meta.env.MODE === 'development' || !data.draft);
  await assertReferencesExist(articles);
  return articles.sort(newestFirst);
}

export async function getTags(): Promise<Tag[]> {
  return getCollection('tags');
}

export function newestFirst(a: Article, b: Article): number {
  return b.data.publishedAt.getTime() - a.data.publishedAt.getTime() || a.id.localeCompare(b.id);
}

/** Articles sharing the most tags and brands with `article` (ties: newer first), excluding itself. */
export function relatedArticles(article: Article, candidates: readonly Article[], limit = 3): Article[] {
  const tags = new Set(article.data.tags.map((tag) => tag.id));
  const brands = new Set(article.data.brands.map((brand) => brand.id));
  return candidates
    .filter((candidate) => candidate.id !== article.id)
    .map((candidate) => ({
      candidate,
      score: candidate.data.tags.filter((tag) => tags.has(tag.id)).length + candidate.data.brands.filter((brand) => brands.has(brand.id)).length,
    }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || newestFirst(a.candidate, b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/**
 * Astro's reference() checks the shape of a tag/brand id, not that the entry exists, so the build checks it here
 * (naming the file and field) instead of rendering a dead link. `npm run check:content` reports the same with line numbers.
 */
async function assertReferencesExist(articles: readonly Article[]): Promise<void> {
  const tagIds = new Set((await getTags()).map((tag) => tag.id));
  const brandIds = new Set((await getCollection('products')).map((brand) => brand.id));
  const modelRefs = new Set((await getAllModels()).map((model) => model.ref));
  const problems = articles.flatMap((article) =>
    [
      ...article.data.tags.filter((tag) => !tagIds.has(tag.id)).map((tag) => `字段 tags：标签 ${tag.id} 不在 content/tags.yaml 里`),
      ...article.data.brands.filter((brand) => !brandIds.has(brand.id)).map((brand) => `字段 brands：没有品牌文件 content/products/${brand.id}.yaml`),
      ...article.data.products.filter((ref) => !modelRefs.has(ref)).map((ref) => `字段 products：找不到型号 ${ref}`),
    ].map((problem) => `content/articles/${article.id}.mdx ${problem}`),
  );
  if (problems.length) throw new Error(problems.join('\n'));
}
