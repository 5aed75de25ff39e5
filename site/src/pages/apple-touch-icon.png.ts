/** The home-screen icon iOS asks for (180 × 180, not transparent). */
import type { APIRoute } from 'astro';
import { renderIconPng } from '../lib/share-images.ts';

export const GET: APIRoute = async () => new Response(new Uint8Array(await renderIconPng(180)), { headers: { 'Content-Type': 'image/png' } });
