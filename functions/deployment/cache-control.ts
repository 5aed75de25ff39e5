/**
 * How long browsers and CloudFront keep each file of the built site. The publish script stores it on every S3 object
 * (functions/deployment/publish-site.ts) and the distribution's response headers policies send the same values
 * (infra/constructs/site-distribution.ts): one definition for both.
 */

/**
 * Files whose URL stays the same across builds (pages, search index, feed): always revalidate. no-transform: Baidu (and
 * carrier proxies) must not transcode pages into their own mobile copies; HTML forbids the <meta http-equiv> form.
 */
export const revalidateCacheControl = 'public, max-age=0, must-revalidate, no-transform';
/** Content-hashed build assets (`/_astro/*`): a year, never revalidated. */
export const immutableCacheControl = 'public, max-age=31536000, immutable';

/** Astro names every file under this prefix by its content hash: a changed file is a new URL. */
export const hashedAssetPrefix = '_astro/';

/** The Cache-Control of one site path (bucket key, no leading slash). */
export function cacheControlFor(path: string): string {
  return path.startsWith(hashedAssetPrefix) ? immutableCacheControl : revalidateCacheControl;
}
