import { SITE_URL } from '../site-settings.ts';

/** Everything public may be crawled except the API and the review console; the sitemap URL is absolute, from the one site constant. */
export function GET() {
  const sitemap = new URL('/sitemap-index.xml', SITE_URL);
  return new Response(`User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /console/\n\nSitemap: ${sitemap.href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
