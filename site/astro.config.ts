import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { CONTENT_CACHE_DIR } from './src/content-location.ts';
import { SITE_URL } from './src/site-settings.ts';
import { articleLastModified } from './src/sitemap-lastmod.ts';

const lastModified = articleLastModified();

export default defineConfig({
  // The public origin (env SITE_URL, see site-settings.ts): canonical URLs, sitemap, RSS and Open Graph follow it.
  site: SITE_URL,
  // Directory URLs with a trailing slash everywhere, so /articles/foo/ is one file on S3/CloudFront and one canonical URL.
  trailingSlash: 'always',
  // Every stylesheet a file, never a <style> tag: the CSP's style-src has no 'unsafe-inline' (functions/http/cloudfront-behaviour.ts).
  build: { format: 'directory', inlineStylesheets: 'never' },
  cacheDir: CONTENT_CACHE_DIR,
  integrations: [
    mdx(),
    // Drafts are never built in production, so they cannot reach the sitemap. 404, the review console, search (results
    // need JavaScript, noindex) and the status lookup (a form, no content) are not pages to index.
    sitemap({
      filter: (page) => !/^\/(404|console\/|search\/|status\/)/.test(new URL(page).pathname),
      // Baidu and Bing re-crawl by <lastmod>: an article's updatedAt, else its publishedAt.
      serialize: (item) => {
        const day = lastModified.get(new URL(item.url).pathname);
        return day ? { ...item, lastmod: day } : item;
      },
    }),
  ],
  image: {
    service: { entrypoint: 'astro/assets/services/sharp' },
    // Article images get srcset/sizes for phone screens first.
    layout: 'constrained',
  },
  server: { host: '127.0.0.1', port: 4321 },
  vite: {
    build: {
      rollupOptions: {
        // MDX modules carry Astro's own "use astro:head-inject" directive; the bundler's warning about it is noise.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
  devToolbar: { enabled: false },
});
