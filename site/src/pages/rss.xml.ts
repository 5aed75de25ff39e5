import rss from '@astrojs/rss';
import { SITE_DESCRIPTION, SITE_LOCALE, SITE_NAME, SITE_URL } from '../consts.ts';
import { getPublishedArticles } from '../lib/articles.ts';

/** Article feed, newest first; drafts never appear because it reads the same published list as the pages. */
export async function GET() {
  const articles = await getPublishedArticles();
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
      categories: article.data.tags.map((tag) => tag.id),
    })),
  });
}
