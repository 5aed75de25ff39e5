/**
 * schema.org structured data for search engines, built from collection data (JsonLd.astro serialises it).
 * Organisation = the site itself: it writes the articles and publishes the comparisons.
 */
import { SITE_LOCALE, SITE_NAME } from '../consts.ts';
import { SITE_URL } from '../site-settings.ts';
import type { Article } from './articles.ts';
import { describeDeposit, describeSimFee, isoDay } from './format.ts';
import type { ModelWithBrand } from './products.ts';
import { TERMINAL_TYPE_LABELS } from '#domain/catalogue.ts';

type JsonLdObject = Record<string, unknown>;

function absoluteUrl(path: string): string {
  return new URL(path, SITE_URL).href;
}

const organization = { '@type': 'Organization', name: SITE_NAME, url: absoluteUrl('/') };

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
 * The terminal itself is free to apply for, hence price 0; what a merchant may still pay (deposit, SIM fee) is in the
 * offer's description. An `offers` block is also what rich-result validators require of a Product.
 */
function productJsonLd({ brand, model }: ModelWithBrand): JsonLdObject {
  return {
    '@type': 'Product',
    name: model.name,
    description: model.summary,
    category: TERMINAL_TYPE_LABELS[model.terminalType],
    brand: { '@type': 'Brand', name: brand.data.name },
    url: absoluteUrl(`/brands/${brand.id}/#${model.id}`),
    offers: {
      '@type': 'Offer',
      price: 0,
      priceCurrency: 'CNY',
      url: absoluteUrl(`/apply/?brand=${brand.id}`),
      description: `免费申请，机器不收费。押金：${describeDeposit(model.deposit.amountYuan)}；流量费：${describeSimFee(model.simFee.yuanPerYear)}。数字仅供参考，以机构激活时的标准为准。`,
    },
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
