/** The site's default share card: og:image of every page that has no card of its own. */
import type { APIRoute } from 'astro';
import { DEFAULT_SHARE_CARD_TITLE, renderShareCard } from '../../lib/share-images.ts';

export const GET: APIRoute = async () =>
  new Response(new Uint8Array(await renderShareCard(DEFAULT_SHARE_CARD_TITLE)), { headers: { 'Content-Type': 'image/png' } });
