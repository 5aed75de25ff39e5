/**
 * Where an application came from, for the apply form's hidden `attribution.*` fields.
 *
 * Every page but the form ships zero JavaScript, so nothing can note the first page of a visit as it happens.
 * What the form can see is its own URL and `document.referrer`:
 * - `landingPage`: the page of this site the visitor came to the form from (a same-origin referrer: the article or
 *   brand page whose call to action they followed), or the form's own path when they arrived at it directly;
 * - `referrer`: the other site they came from, when they arrived at the form directly (a same-origin referrer is
 *   already recorded as `landingPage`);
 * - `utm_*`: from the form's URL, or else from the page they came from (campaign links usually point at articles).
 * Values the shared schema would reject (too long, control characters) are dropped: attribution must never stop a
 * merchant from applying.
 */
import { attributionSchema, type Attribution } from '#domain/application.ts';

const UTM_FIELDS = ['utm_source', 'utm_medium', 'utm_campaign'] as const;

export function attributionFor(page: URL, referrer: string): Attribution {
  const from = parseUrl(referrer);
  const sameOrigin = from !== undefined && from.origin === page.origin;
  const utmSource = UTM_FIELDS.some((field) => page.searchParams.has(field)) || !sameOrigin ? page : from;

  const candidate: Record<string, string | undefined> = {
    landingPage: sameOrigin ? from.pathname : page.pathname,
    referrer: from !== undefined && !sameOrigin ? referrer : undefined,
  };
  for (const field of UTM_FIELDS) candidate[field] = utmSource.searchParams.get(field) ?? undefined;

  const attribution: Record<string, string> = {};
  for (const [field, value] of Object.entries(candidate)) {
    if (value !== undefined && value !== '' && attributionSchema.safeParse({ [field]: value }).success) attribution[field] = value;
  }
  return attribution;
}

function parseUrl(text: string): URL | undefined {
  try {
    return text === '' ? undefined : new URL(text);
  } catch {
    return undefined;
  }
}
