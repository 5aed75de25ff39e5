/**
 * schema.org structured data for search engines, built from collection data (JsonLd.astro serialises it).
 * Organisation = the site itself: it writes the articles and publishes the comparisons.
 */
import { SITE_LOCALE, SITE_NAME } from '../consts.ts';
import { SITE_OPERATOR, SITE_URL } from '../site-settings.ts';
import type { Article } from './articles.ts';
import { isoDay } from './format.ts';
import type { ModelWithBrand } from './products.ts';
import { terminalTypeLabels } from '#functions/presentation/labels-zh.ts';

type JsonLdObject = Record<string, unknown>;

function absoluteUrl(path: string): string {
  return new URL(path, SITE_URL).href;
}

/** The site as an organisation, with the operator's registered name and contact (the same the footer shows). */
const organization = {
  '@type': 'Organization',
  name: SITE_NAME,
  legalName: SITE_OPERATOR.legalName,
  url: absoluteUrl('/'),
  logo: absoluteUrl('/icon-192.png'),
  email: SITE_OPERATOR.email,
  telephone: SITE_OPERATOR.phone,
};

/** Organization on its own (home page), so search engines learn who runs the site. */
export function organizationJsonLd(): JsonLdObject {
  return { '@context': 'https://schema.org', ...organization };
}

export function articleJsonLd(article: Article, imageUrl?: string): JsonLdObject {
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: article.data.title,
    description: article.data.description,
    datePublished: isoDay(article.data.publishedAt),
    dateModified: isoDay(article.data.updatedAt ?? article.data.publishedAt),
    inLanguage: SITE_LOCALE,
    mainEntityOfPage: absoluteUrl(`/articles/${article.id}/`),
    author: organization,
    publisher: organization,
    ...(imageUrl ? { image: imageUrl } : {}),
  };
}

export function faqJsonLd(faq: readonly { q: string; a: string }[]): JsonLdObject {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: faq.map(({ q, a }) => ({ '@type': 'Question', name: q, acceptedAnswer: { '@type': 'Answer', text: a } })),
  };
}

/**
 * A terminal model. No `offers`: an Offer needs a price, and "price 0" would be shown by search engines as 免费/¥0
 * with none of the deposit, SIM fee or non-refundable 服务费 beside it. The brand is the party that provides the
 * terminal (for a card scheme: 银联商务/银行收单, never "银联").
 */
function productJsonLd({ brand, model }: ModelWithBrand): JsonLdObject {
  return {
    '@type': 'Product',
    name: model.name,
    description: model.summary,
    category: terminalTypeLabels[model.terminalType],
    brand: { '@type': 'Brand', name: brand.data.name },
    url: absoluteUrl(`/brands/${brand.id}/#${model.id}`),
  };
}

/** A list of terminal models (brand page: one brand's models; comparison page: all of them). */
export function modelListJsonLd(name: string, models: readonly ModelWithBrand[]): JsonLdObject {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    name,
    numberOfItems: models.length,
    itemListElement: models.map((entry, index) => ({ '@type': 'ListItem', position: index + 1, item: productJsonLd(entry) })),
  };
}

export function websiteJsonLd(description: string): JsonLdObject {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: SITE_NAME,
    description,
    url: absoluteUrl('/'),
    inLanguage: SITE_LOCALE,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl('/search/')}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/** Where a page sits: 首页 › section › page. Each crumb is a site path and the name shown for it. */
export function breadcrumbJsonLd(crumbs: readonly { name: string; path: string }[]): JsonLdObject {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [{ name: '首页', path: '/' }, ...crumbs].map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: absoluteUrl(crumb.path),
    })),
  };
}
