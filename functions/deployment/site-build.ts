/**
 * The environment `npm run build` gets when a stage is published: the address it is served from (the stack's SiteUrl
 * output, so dev's canonical URLs name its CloudFront address too), the stage's privacy contact, and the stage name
 * (site/src/site-settings.ts reads the rest of the stage file from it). Values left in the operator's shell never
 * reach the published pages.
 */
import { stages, type StageName } from './stages.ts';

/** Variables the site build reads; anything of the same name in the caller's environment is replaced or dropped. */
const siteBuildVariables = ['SITE_URL', 'PRIVACY_CONTACT_EMAIL', 'SITE_STAGE'] as const;

export function siteBuildEnvironment(stage: StageName, siteUrl: string, inherited: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...inherited };
  for (const name of siteBuildVariables) delete env[name];
  const privacyContact = stages[stage].privacyContact;
  return { ...env, SITE_URL: siteUrl, SITE_STAGE: stage, ...(privacyContact !== undefined && { PRIVACY_CONTACT_EMAIL: privacyContact }) };
}
