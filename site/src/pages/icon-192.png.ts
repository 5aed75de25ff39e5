/** A PNG icon for browsers and readers that do not take SVG icons (192 × 192). */
import type { APIRoute } from 'astro';
import { renderIconPng } from '../lib/share-images.ts';

export const GET: APIRoute = async () => new Response(new Uint8Array(await renderIconPng(192)), { headers: { 'Content-Type': 'image/png' } });
