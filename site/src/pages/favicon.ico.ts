/** `/favicon.ico`: Baidu, 360, Sogou and many in-app browsers ask for it whatever the page links. */
import type { APIRoute } from 'astro';
import { renderFaviconIco } from '../lib/share-images.ts';

export const GET: APIRoute = async () => new Response(new Uint8Array(await renderFaviconIco()), { headers: { 'Content-Type': 'image/x-icon' } });
