/**
 * Product data helpers: brands (one collection entry per YAML file) and their models flattened for
 * comparison tables and the calculator. Types come from the collection schema.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { BRAND_IDS } from '../content-schemas.ts';

export type Brand = CollectionEntry<'products'>;
export type ProductModel = Brand['data']['models'][number];
type Rates = ProductModel['rates'];
export type Rate = NonNullable<Rates['debit'] | Rates['credit'] | Rates['qr'] | Rates['nfc']>;

/** A model together with its brand, identified as `brand/model` (the id articles use). */
export interface ModelWithBrand {
  ref: string;
  brand: Brand;
  model: ProductModel;
}

/** Brands in the fixed display order of BRAND_IDS. */
export async function getBrands(): Promise<Brand[]> {
  const brands = await getCollection('products');
  return brands.sort((a, b) => brandOrder(a.id) - brandOrder(b.id));
}

export async function getAllModels(): Promise<ModelWithBrand[]> {
  return modelsOf(await getBrands());
}

export function modelsOf(brands: readonly Brand[]): ModelWithBrand[] {
  return brands.flatMap((brand) => brand.data.models.map((model) => ({ ref: `${brand.id}/${model.id}`, brand, model })));
}

/** Resolve `brand/model`; throws naming the reference so a typo in an article fails the build. */
export async function getModel(ref: string): Promise<ModelWithBrand> {
  const found = (await getAllModels()).find((candidate) => candidate.ref === ref);
  if (!found) throw new Error(`找不到型号 ${ref}：请检查 content/products/ 里的品牌文件和型号 id`);
  return found;
}

/** The oldest `verifiedAt` among the figure groups shown, for the "figures as of" disclaimer. */
export function oldestVerification(models: readonly ProductModel[]): Date | undefined {
  const dates = models.flatMap((model) => [model.rates.verifiedAt, model.settlement.verifiedAt, model.deposit.verifiedAt, model.simFee.verifiedAt]);
  return dates.length ? new Date(Math.min(...dates.map((date) => date.getTime()))) : undefined;
}

/** Distinct sources of the figure groups shown, for the disclaimer. */
export function figureSources(models: readonly ProductModel[]): string[] {
  return [...new Set(models.flatMap((model) => [model.rates.source, model.settlement.source, model.deposit.source, model.simFee.source]))];
}

function brandOrder(id: string): number {
  const index = (BRAND_IDS as readonly string[]).indexOf(id);
  return index === -1 ? BRAND_IDS.length : index;
}

/**
 * A brand page's meta description: brand, tagline and what the page covers, within MAX_META_DESCRIPTION_CHARS
 * (content-schemas.ts; the tagline is at most 40 characters by schema, so the sentence always fits whole, as
 * test/site/build.test.ts checks).
 */
export function brandPageDescription(brand: Brand): string {
  return `${brand.data.name} POS 机：${brand.data.tagline}。费率、押金、流量费、到账方式和牌照在一页看清。`;
}
