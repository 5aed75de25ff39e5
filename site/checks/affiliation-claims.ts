/**
 * Articles must not claim a tie to a payment company the operator has not declared: "本站是拉卡拉官方授权服务商"
 * misleads merchants (our own articles tell them to check exactly such claims) unless the site settings say so
 * (functions/deployment/site-operator.ts `affiliations`, which ops fill in only with the contract in hand).
 */
import { BRAND_NAMES } from '#domain/catalogue.ts';

/** "本站/我们 …官方/授权/签约… 服务商/代理/渠道…": the site speaking of itself as someone's partner. */
const CLAIM =
  /(?:本站|我们|我司)[^。；！？\n]{0,16}?(?:官方|授权|特约|签约|直营|直属|一级|合作)[^。；！？\n]{0,8}?(?:服务商|代理商?|渠道|合作伙伴|网点|机构|商户服务中心)/gu;
const COMPANIES = [...Object.values(BRAND_NAMES), '银联商务'];

export interface AffiliationClaim {
  line: number;
  text: string;
}

/** Claims in `text` that name no company in `declared` (the operator's stated affiliations). */
export function undeclaredAffiliationClaims(text: string, declared: readonly string[], firstLine = 1): AffiliationClaim[] {
  const claims: AffiliationClaim[] = [];
  text.split('\n').forEach((lineText, index) => {
    for (const match of lineText.matchAll(CLAIM)) {
      const named = COMPANIES.filter((company) => match[0].includes(company));
      if (named.length > 0 && named.every((company) => declared.includes(company))) continue;
      claims.push({ line: firstLine + index, text: match[0] });
    }
  });
  return claims;
}
