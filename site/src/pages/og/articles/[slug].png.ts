/** Each published article's share card, with its title, drawn at build time. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getPublishedArticles } from '../../../lib/articles.ts';
import { renderShareCard } from '../../../lib/share-images.ts';

export const getStaticPaths = (async () =>
  (await getPublishedArticles()).map((article) => ({ params: { slug: article.id }, props: { title: article.data.title } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(new Uint8Array(await renderShareCard((props as { title: string }).title)), { headers: { 'Content-Type': 'image/png' } });
