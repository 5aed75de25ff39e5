import rss from '@astrojs/rss';
import { SITE_DESCRIPTION, SITE_LOCALE, SITE_NAME } from '../consts.ts';
import { getPublishedArticles, getTags } from '../lib/articles.ts';
import { SITE_URL } from '../site-settings.ts';

/** Article feed, newest first; drafts never appear because it reads the same published list as the pages. */
export async function GET() {
  const [articles, tags] = await Promise.all([getPublishedArticles(), getTags()]);
  // Categories read as on the site (the tag's Chinese name), not the id in its URL. Every tag exists: getPublishedArticles checked.
  const tagNames = new Map(tags.map((tag) => [tag.id, tag.data.name]));
  return rss({
    title: SITE_NAME,
    description: SITE_DESCRIPTION,
    site: SITE_URL,
    trailingSlash: true,
    customData: `<language>${SITE_LOCALE.toLowerCase()}</language>`,
    items: articles.map((article) => ({
      title: article.data.title,
      description: article.data.description,
      pubDate: article.data.publishedAt,
      link: `/articles/${article.id}/`,
      categories: article.data.tags.flatMap((tag) => tagNames.get(tag.id) ?? []),
    })),
  });
}
