import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { CONTENT_CACHE_DIR } from './src/content-location.ts';
import { SITE_URL } from './src/site-settings.ts';

export default defineConfig({
  // The public origin (env SITE_URL, see site-settings.ts): canonical URLs, sitemap, RSS and Open Graph follow it.
  site: SITE_URL,
  // Directory URLs with a trailing slash everywhere, so /articles/foo/ is one file on S3/CloudFront and one canonical URL.
  trailingSlash: 'always',
  build: { format: 'directory' },
  cacheDir: CONTENT_CACHE_DIR,
  integrations: [
    mdx(),
    // Drafts are never built in production, so they cannot reach the sitemap; 404 and the review console are not pages to index.
    sitemap({ filter: (page) => !/^\/(404|console\/)/.test(new URL(page).pathname) }),
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
