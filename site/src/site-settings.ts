/**
 * What differs between a local build and the production site, read once from the environment at build time and
 * validated; a malformed value stops the build with an error naming the variable. `npm run publish` sets them from the
 * stage file and the deployed address (functions/deployment/site-build.ts); without them a build describes the local
 * stack (`npm start`, previews).
 *
 * astro.config.ts makes SITE_URL Astro's `site`, so canonical URLs, the sitemap, RSS, Open Graph, JSON-LD, robots.txt
 * and the copy-link box all follow it. Kept out of consts.ts on purpose: consts.ts is bundled into browser scripts
 * (the calculator) and Lambdas (server-rendered pages), which must neither read the build's environment nor carry zod.
 */
import { z } from 'astro/zod';
import { siteOperatorFor, type SiteOperator } from '../../functions/deployment/site-operator.ts';
import { stageNames, stages } from '../../functions/deployment/stages.ts';

/** Hosts a plain-http origin is acceptable for: this machine. Anything public is served over https. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const siteSettingsSchema = z.object({
  /** Public origin of the site, scheme + host (+ port), no path: `https://pos.example.com`. */
  SITE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://pos.example.com' })
    .default('http://127.0.0.1:4321')
    .transform((value) => new URL(value))
    .refine((url) => url.pathname === '/' && url.search === '' && url.hash === '', 'must be an origin only, without path, query or #')
    .refine((url) => url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname), 'must use https (http only for 127.0.0.1/localhost)')
    .transform((url) => url.origin),
  /** Where merchants send privacy requests (PIPL access, correction, deletion, withdrawal); shown on /privacy/. */
  PRIVACY_CONTACT_EMAIL: z.email('must be an e-mail address').default('privacy-contact-not-set@example.invalid'),
  /** The stage being published (`npm run publish` sets it): its settings in functions/deployment/stages.ts apply. Unset: a local build. */
  SITE_STAGE: z.enum(stageNames, { error: `must be one of ${stageNames.join(', ')}` }).optional(),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema> & {
  /** Who runs the site (PIPL Art. 17): footer, /privacy/, next to the apply form's consents, contact blocks. */
  SITE_OPERATOR: SiteOperator;
};

/** Parse the settings from `env`; throws one error listing every problem, each naming its variable. */
export function parseSiteSettings(env: Record<string, string | undefined>): SiteSettings {
  const result = siteSettingsSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid site settings: ${problems}`);
  }
  const stage = result.data.SITE_STAGE;
  return { ...result.data, SITE_OPERATOR: siteOperatorFor(stage, stage === undefined ? undefined : stages[stage].operator) };
}

export const { SITE_URL, PRIVACY_CONTACT_EMAIL, SITE_STAGE, SITE_OPERATOR } = parseSiteSettings(process.env);
