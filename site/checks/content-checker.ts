/**
 * The content check: validates content/ the way the build will read it, and reports every problem as
 * file:line plus a Chinese sentence a marketer can act on. Plain Node (no Astro runtime), reusing the exact
 * schemas of site/src/content.config.ts via content-schemas.ts.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'astro/zod';
import { BRAND_NAMES } from '#domain/catalogue.ts';
import {
  articleFrontmatterSchema,
  articleImagePrefix,
  CALLOUT_TYPES,
  BRAND_IDS,
  MAX_FIGURE_AGE_DAYS,
  productSchema,
  SLUG_PATTERN,
  tagSchema,
} from '../src/content-schemas.ts';
import { DATA_CAVEAT, FIGURE, findNoise, scanMdxBody, withoutQuotes, type BodyScan } from './mdx-scan.ts';
import { isStageName, stages } from '#functions/deployment/stages.ts';
import { undeclaredAffiliationClaims } from './affiliation-claims.ts';
import { fixedPagePaths, publicFilePaths } from './site-paths.ts';
import { uncitedParts } from './source-citation.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';
import { chineseIssueMessage, fieldName } from './zod-messages.ts';
import { absoluteTerms, freeWithoutQualifier, lineAt, unionpayAsProduct, type WordingHit } from './wording.ts';
import { DAY_MS } from '#domain/time.ts';
import { chinaWorkingCalendar, type WorkingCalendarYear } from '#domain/china-working-calendar.ts';

export interface Problem {
  /** Absolute path of the file. */
  file: string;
  line: number;
  message: string;
  /** Errors fail the check; warnings are reminders (e.g. figures due for re-verification soon). */
  severity: 'error' | 'warning';
}

export interface CheckReport {
  /** Every file the check read. */
  files: string[];
  problems: Problem[];
}

export interface CheckOptions {
  /** The content root (holds articles/, products/, tags.yaml). */
  contentDir: string;
  /** "Today" for the age of figures; injectable so tests do not depend on the calendar. */
  today: Date;
  /** Astro pages and static files, to know which fixed site paths exist. */
  pagesDir?: string;
  publicDir?: string;
  /** The working-day calendar the first-call due times use (injectable so a test can leave a year out). */
  workingCalendar?: readonly WorkingCalendarYear[];
  /**
   * Companies the operator states a tie to (site-operator.ts `affiliations`).
   * @default those of the stage in SITE_STAGE (none for a local check)
   */
  affiliations?: readonly string[];
}

function stageAffiliations(): readonly string[] {
  const stage = process.env.SITE_STAGE;
  return isStageName(stage) ? (stages[stage].operator?.affiliations ?? []) : [];
}

/** Where the working-day calendar lives, for the file:line of its problems. */
const workingCalendarFile = fileURLToPath(new URL('../../functions/domain/china-working-calendar.ts', import.meta.url));

/** Figures this close to the maximum age get a reminder before they become an error. */
const REMINDER_DAYS_BEFORE_EXPIRY = 30;

/** MDX components available in articles without an import line, and the props the check verifies. */
const ARTICLE_COMPONENTS = new Set(['Callout', 'ProductCard', 'ApplyCta', 'QA', 'NextSteps']);
const CALLOUT_TYPE_SET: ReadonlySet<string> = new Set(CALLOUT_TYPES);

const siteDir = fileURLToPath(new URL('..', import.meta.url));

type ReportFn = (file: string, line: number, message: string, severity?: Problem['severity']) => void;

interface ArticleFile {
  file: string;
  slug: string;
  text: string;
  frontmatter: YamlSource | undefined;
  bodyFirstLine: number;
  body: string;
  draft: boolean;
}

export async function checkContent(options: CheckOptions): Promise<CheckReport> {
  const problems: Problem[] = [];
  const files: string[] = [];
  const report: ReportFn = (file, line, message, severity = 'error') => problems.push({ file, line, message, severity });
  const read = async (file: string) => {
    files.push(file);
    return readFile(file, 'utf8');
  };

  const tagIds = await checkTags(options.contentDir, read, report);
  const { brandIds, modelRefs } = await checkProducts(options.contentDir, options.today, read, report);
  await checkArticles(options, { tagIds, brandIds, modelRefs }, read, report);
  checkWorkingCalendar(options.workingCalendar ?? chinaWorkingCalendar, options.today, report);

  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { files, problems };
}

type ReadFn = (file: string) => Promise<string>;

/**
 * The promise "1–2 个工作日内" is counted on mainland China's calendar: without this year's official holidays and
 * adjusted working days, due times would count weekends only. An error once the year has begun without them; a
 * reminder in December while next year's are missing (the notice usually comes out in November).
 */
function checkWorkingCalendar(calendar: readonly WorkingCalendarYear[], today: Date, report: ReportFn): void {
  const year = Number(new Date(today.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const has = (wanted: number) => calendar.some((entry) => entry.year === wanted);
  const advice = '请按国务院办公厅当年的《部分节假日安排的通知》补充放假和调休上班日期，并注明来源；不要按农历估算';
  if (!has(year)) report(workingCalendarFile, 1, `工作日历缺少 ${year} 年：${advice}`);
  else if (today.getUTCMonth() === 11 && !has(year + 1)) report(workingCalendarFile, 1, `工作日历还没有 ${year + 1} 年：通知发布后${advice}`, 'warning');
}

/** tags.yaml: schema, duplicate ids. Returns the tag ids. */
async function checkTags(contentDir: string, read: ReadFn, report: ReportFn): Promise<Set<string>> {
  const tagsFile = path.join(contentDir, 'tags.yaml');
  const tagIds = new Set<string>();
  if (!existsSync(tagsFile)) {
    report(tagsFile, 1, '缺少标签文件 tags.yaml：文章的 tags 要引用这里的 id');
  } else {
    const text = await read(tagsFile);
    const source = parseYaml(tagsFile, text, 1, report);
    reportNoise(tagsFile, text, 1, report);
    if (source?.data !== undefined) {
      if (!Array.isArray(source.data)) {
        report(tagsFile, 1, 'tags.yaml 应该是一个列表，每项以「- id: ...」开头');
      } else {
        source.data.forEach((item: unknown, index) => {
          const describe = (issuePath: readonly PropertyKey[]) => `第 ${index + 1} 个标签的字段 ${fieldName(issuePath)}`;
          validate(tagSchema, item, tagsFile, source, [index], report, describe);
          checkYamlWording(tagsFile, source, item, [index], report);
          const id = (item as { id?: unknown } | null)?.id;
          if (typeof id !== 'string') return;
          if (tagIds.has(id)) report(tagsFile, source.lineOf([index, 'id']), `标签 id ${id} 重复了`);
          tagIds.add(id);
        });
      }
    }
  }

  return tagIds;
}

/** Product files: names, schema, figure age. Returns the brand ids and the `brand/model` references. */
async function checkProducts(contentDir: string, today: Date, read: ReadFn, report: ReportFn) {
  const productsDir = path.join(contentDir, 'products');
  const brandIds = new Set<string>();
  const modelRefs = new Set<string>();
  for (const name of await listFiles(productsDir)) {
    const file = path.join(productsDir, name);
    if (!name.endsWith('.yaml')) {
      if (/\.(ya?ml|json)$/.test(name)) report(file, 1, `网站只读取 .yaml 文件，${name} 不会被使用：请改名为 .yaml`, 'warning');
      continue;
    }
    const brand = name.replace(/\.yaml$/, '');
    const knownBrand = BRAND_IDS.find((id) => id === brand);
    if (knownBrand === undefined) {
      report(file, 1, `品牌文件名只能是 ${BRAND_IDS.map((id) => `${id}.yaml`).join('、')}`);
    }
    brandIds.add(brand);
    const text = await read(file);
    reportNoise(file, text, 1, report);
    const source = parseYaml(file, text, 1, report);
    if (source?.data === undefined) continue;
    const models = (source.data as { models?: unknown } | null)?.models;
    if (Array.isArray(models)) {
      for (const model of models) {
        const id = (model as { id?: unknown } | null)?.id;
        if (typeof id === 'string') modelRefs.add(`${brand}/${id}`);
      }
    }
    validate(productSchema, source.data, file, source, [], report);
    checkYamlWording(file, source, source.data, [], report);
    checkProductCaveats(file, source, report);
    checkBrandTextFigures(file, source, report);
    // The application form and ops show the catalogue's name; the site must call the brand the same.
    const brandName = (source.data as { name?: unknown } | null)?.name;
    if (knownBrand !== undefined && typeof brandName === 'string' && brandName.trim() !== BRAND_NAMES[knownBrand]) {
      report(
        file,
        source.lineOf(['name']),
        `字段 name：品牌名要写“${BRAND_NAMES[knownBrand]}”，和申请表里的一致（要改名请联系开发，改 functions/domain/catalogue.ts）`,
      );
    }
    // Age is checked on the raw data, so an outdated figure is reported even while another field is still wrong.
    for (const groupPath of figureGroupPaths(source.data)) {
      const verifiedAt = calendarDay(valueAt(source.data, [...groupPath, 'verifiedAt']));
      if (verifiedAt) {
        checkAge(file, source.lineOf([...groupPath, 'verifiedAt']), fieldName([...groupPath, 'verifiedAt']), verifiedAt, today, report);
      }
      checkSourceCitation(file, source, [...groupPath, 'source'], report);
    }
  }
  if (brandIds.size === 0) report(productsDir, 1, '没有任何品牌文件（content/products/<品牌>.yaml）', 'warning');

  return { brandIds, modelRefs };
}

/** Articles: file names and slugs, frontmatter schema, references, links, images, components, noise. */
async function checkArticles(
  options: CheckOptions,
  { tagIds, brandIds, modelRefs }: { tagIds: Set<string>; brandIds: Set<string>; modelRefs: Set<string> },
  read: ReadFn,
  report: ReportFn,
): Promise<void> {
  // Read every article first: links between articles need every slug and draft flag.
  const articlesDir = path.join(options.contentDir, 'articles');
  const articles: ArticleFile[] = [];
  const slugOwners = new Map<string, string>();
  for (const name of await listFiles(articlesDir)) {
    const file = path.join(articlesDir, name);
    if (/\.(md|markdown)$/i.test(name)) {
      report(file, 1, '文章要用 .mdx 后缀，这个文件不会被发布', 'warning');
      continue;
    }
    if (!name.endsWith('.mdx')) continue;
    const slug = name.replace(/\.mdx$/, '');
    if (!SLUG_PATTERN.test(slug)) {
      report(file, 1, `文件名 ${name} 会成为网址，只能用小写英文字母、数字和连字符，例如 lakala-deregistration.mdx`);
    }
    const owner = slugOwners.get(slug.toLowerCase());
    if (owner) report(file, 1, `网址重复：和 ${owner} 会生成同一个地址 /articles/${slug.toLowerCase()}/，请改一个文件名`);
    else slugOwners.set(slug.toLowerCase(), name);
    articles.push(await readArticle(file, slug, await read(file), report));
  }

  const publishedSlugs = new Set(articles.filter((article) => !article.draft).map((article) => article.slug));
  const draftSlugs = new Set(articles.filter((article) => article.draft).map((article) => article.slug));
  const fixedPaths = await fixedPagePaths(options.pagesDir ?? path.join(siteDir, 'src', 'pages'));
  const publicFiles = await publicFilePaths(options.publicDir ?? path.join(siteDir, 'public'));
  const site = { fixedPaths, publicFiles, publishedSlugs, draftSlugs, tagIds, brandIds };

  for (const article of articles) {
    const { file, frontmatter } = article;
    reportNoise(file, article.text, 1, report);
    for (const claim of undeclaredAffiliationClaims(article.text, options.affiliations ?? stageAffiliations())) {
      report(
        file,
        claim.line,
        `「${claim.text}」像是在说本站和某家机构有合作或授权关系，但站点设置里的运营方没有写明这种关系：请删掉或改写这句话；确有合同时，由运维在 functions/deployment/site-operator.ts 的 affiliations 里写明`,
      );
    }
    if (!frontmatter || frontmatter.data === undefined) continue;
    const data = frontmatter.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) {
      report(file, 2, 'frontmatter 里应该是「字段: 值」的形式，请对照 docs/content-guide.md 的示例');
      continue;
    }
    validate(articleFrontmatterSchema, data, file, frontmatter, [], report);

    // References the schema can only check for shape.
    listOf(data.tags).forEach((tag, index) => {
      if (typeof tag === 'string' && SLUG_PATTERN.test(tag) && !tagIds.has(tag)) {
        report(file, frontmatter.lineOf(['tags', index]), `字段 tags：标签 ${tag} 不存在，请先在 content/tags.yaml 里添加，或改用已有的标签`);
      }
    });
    listOf(data.brands).forEach((brand, index) => {
      if (typeof brand === 'string' && (BRAND_IDS as readonly string[]).includes(brand) && !brandIds.has(brand)) {
        report(file, frontmatter.lineOf(['brands', index]), `字段 brands：品牌 ${brand} 还没有产品文件 content/products/${brand}.yaml`);
      }
    });
    listOf(data.products).forEach((ref, index) => {
      if (typeof ref === 'string' && ref.includes('/') && !modelRefs.has(ref)) {
        report(file, frontmatter.lineOf(['products', index]), `字段 products：找不到型号 ${ref}，请核对 content/products/ 里的品牌文件名和型号 id`);
      }
    });
    if (typeof data.cover === 'string' && !existsSync(path.resolve(path.dirname(file), data.cover))) {
      report(file, frontmatter.lineOf(['cover']), `字段 cover：找不到图片文件 ${data.cover}（路径相对于文章所在的文件夹）`);
    }
    if (typeof data.cover === 'string') reportImageOutsideArticleFolder(file, frontmatter.lineOf(['cover']), data.cover, report);

    const scan = scanMdxBody(article.body, article.bodyFirstLine);
    if (scan.syntaxError) {
      report(
        file,
        scan.syntaxError.line,
        `正文不是有效的 MDX，网站无法生成这篇文章（常见原因：组件少了结束标签，或文字里有单独的 < 或 {）。解析器的说明：${scan.syntaxError.message}`,
      );
    }
    checkBodyLinks(article, scan, site, report);
    checkBodyImages(article, scan, report);
    checkBodyComponents(article, scan, { brandIds, modelRefs }, report);
    checkFigures(article, scan, data, report);
    checkArticleWording(article, scan, data, report);
    checkDataCaveats(article, scan, data, report);
    for (const cta of scan.freeCtas.filter((found) => !found.qualified)) {
      report(
        file,
        cta.line,
        `“${cta.text}”：写“免费”的申请入口，同一段或下一段要写明仍可能收取的费用（押金、流量费，以及有的渠道收的服务费或激活费），并链接到 /articles/free-application-process/ 的说明；也可以改用 <ApplyCta />，它自带这句说明`,
      );
    }
  }
}

async function readArticle(file: string, slug: string, text: string, report: ReportFn): Promise<ArticleFile> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) {
    report(file, 1, '文件开头缺少 frontmatter：第一行要是 ---，写完 title、description 等字段后再用一行 --- 结束');
    return { file, slug, text, frontmatter: undefined, body: text, bodyFirstLine: 1, draft: false };
  }
  const frontmatter = parseYaml(file, match[1] ?? '', 2, report);
  const bodyFirstLine = match[0].split('\n').length - (match[0].endsWith('\n') ? 0 : 1);
  const draft = (frontmatter?.data as { draft?: unknown } | undefined)?.draft === true;
  return { file, slug, text, frontmatter, body: text.slice(match[0].length), bodyFirstLine, draft };
}

function parseYaml(file: string, text: string, firstLine: number, report: ReportFn): YamlSource | undefined {
  const source = parseYamlSource(text, firstLine);
  for (const error of source.syntaxErrors) report(file, error.line, error.message);
  return source;
}

/** Runs a schema and reports each issue at the line of its field. Returns the parsed data when valid. */
function validate<Schema extends z.ZodType>(
  schema: Schema,
  data: unknown,
  file: string,
  source: YamlSource,
  basePath: readonly PropertyKey[],
  report: ReportFn,
  describe: (issuePath: readonly PropertyKey[]) => string = (issuePath) => `字段 ${fieldName(issuePath)}`,
): z.output<Schema> | undefined {
  const result = schema.safeParse(data, { error: chineseIssueMessage, reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const linePath = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
    const line = source.lineOf([...basePath, ...linePath]);
    report(file, line, issue.path.length ? `${describe(issue.path)}：${issue.message}` : issue.message);
  }
  return undefined;
}

function checkAge(file: string, line: number, field: string, verifiedAt: Date, today: Date, report: ReportFn): void {
  const ageDays = Math.floor((today.getTime() - verifiedAt.getTime()) / DAY_MS);
  const day = verifiedAt.toISOString().slice(0, 10);
  if (ageDays < 0) {
    report(file, line, `字段 ${field}：核实日期 ${day} 晚于今天，请检查是否写错`);
  } else if (ageDays > MAX_FIGURE_AGE_DAYS) {
    report(file, line, `字段 ${field}：这组数字核实于 ${day}，已经 ${ageDays} 天，超过 ${MAX_FIGURE_AGE_DAYS} 天的上限，请重新核实并更新日期`);
  } else if (ageDays > MAX_FIGURE_AGE_DAYS - REMINDER_DAYS_BEFORE_EXPIRY) {
    report(file, line, `字段 ${field}：这组数字核实于 ${day}，${MAX_FIGURE_AGE_DAYS - ageDays} 天后到期，请尽快重新核实`, 'warning');
  }
}

/** A figure's source must be something a reader can open: a web address, or a named document with its date. */
function checkSourceCitation(file: string, source: YamlSource, sourcePath: PropertyKey[], report: ReportFn): void {
  const value = valueAt(source.data, sourcePath);
  if (typeof value !== 'string') return;
  const uncited = uncitedParts(value);
  if (value.trim() !== '' && uncited.length === 0) return;
  report(
    file,
    source.lineOf(sourcePath),
    `字段 ${fieldName(sourcePath)}：“${uncited.join('；') || value}”无法核对。来源要写网址（https://…），或写带日期的文件名，例如《关于完善银行卡刷卡手续费定价机制的通知》（发改价格〔2016〕557号，2016-03-14）；找不到可引用的来源时，请把数字改为 null，并在 note 里说明`,
  );
}

/**
 * No figure without a source: a number with a unit in the body must sit in a sentence with a link, or inside
 * <Callout type="example">. FAQ answers are plain text (no links): a figure there must be one the body cites.
 */
function checkFigures(article: ArticleFile, scan: BodyScan, data: Record<string, unknown>, report: ReportFn): void {
  for (const { line, figure } of scan.unsourcedFigures) {
    report(
      article.file,
      line,
      `数字“${figure}”没有来源：商户会按它做决定。请在同一句里加上来源链接，例如 [来源](https://…)；举例计算请放进 <Callout type="example">；找不到来源就删去这个数字`,
    );
  }
  const cited = new Set(scan.sourcedFigures.map(({ figure }) => normalFigure(figure)));
  listOf(data.faq).forEach((item, index) => {
    const answer = (item as { a?: unknown } | null)?.a;
    if (typeof answer !== 'string' || !article.frontmatter) return;
    for (const match of answer.matchAll(FIGURE)) {
      if (cited.has(normalFigure(match[0]))) continue;
      report(
        article.file,
        article.frontmatter.lineOf(['faq', index, 'a']),
        `字段 faq[${index}].a：数字“${match[0]}”没有来源。问答里不能放链接，所以这个数字要在正文里带来源写一次（同一句有链接），或从回答里删去`,
      );
    }
  });
}

/**
 * The brand's own sentences (tagline, summary, pros, cons, licence) have no `source` field: a figure there cannot be
 * checked. Figures belong in a model's figure groups, which name their source and verification date.
 */
function checkBrandTextFigures(file: string, source: YamlSource, report: ReportFn): void {
  const data = source.data as Record<string, unknown> | null;
  const paths: PropertyKey[][] = [['tagline'], ['summary'], ['company', 'licence']];
  for (const list of ['pros', 'cons'] as const) for (const index of listOf(data?.[list]).keys()) paths.push([list, index]);
  for (const at of paths) {
    const value = valueAt(data, at);
    if (typeof value !== 'string') continue;
    for (const match of value.matchAll(FIGURE)) {
      report(
        file,
        source.lineOf(at),
        `字段 ${fieldName(at)}：数字“${match[0]}”没有来源。品牌介绍、优缺点里不写数字：请写进型号的 rates、settlement、deposit 或 simFee（带 source 和 verifiedAt），这里只写不带数字的说法`,
      );
    }
  }
}

/**
 * Each article says its data caveat once: one generic “…为准”/“仅供参考” sentence (body, callout titles, FAQ answers and
 * description together), which links to /data-notes/ where sources, verification dates and 未公开 are explained.
 * Every further one is reported at its line. A sentence with its own link cites a specific source and is not counted.
 */
function checkDataCaveats(article: ArticleFile, scan: BodyScan, data: Record<string, unknown>, report: ReportFn): void {
  const caveats: { line: number; sentence: string }[] = [...scan.dataCaveats];
  for (const { line, name, props } of scan.components) {
    if (name === 'Callout' && props.title && DATA_CAVEAT.test(props.title)) caveats.push({ line, sentence: props.title });
  }
  const frontmatter = article.frontmatter;
  if (frontmatter) {
    const fields: { at: PropertyKey[]; value: unknown }[] = [{ at: ['description'], value: data.description }];
    for (const [index, item] of listOf(data.faq).entries()) fields.push({ at: ['faq', index, 'a'], value: (item as { a?: unknown } | null)?.a });
    for (const { at, value } of fields) {
      if (typeof value !== 'string') continue;
      for (const sentence of value.split(/(?<=[。！？])/u)) {
        if (DATA_CAVEAT.test(sentence)) caveats.push({ line: frontmatter.lineOf(at), sentence: sentence.trim() });
      }
    }
  }
  caveats.sort((a, b) => a.line - b.line);
  const [first, ...repeated] = caveats;
  if (first === undefined) return;
  for (const caveat of repeated) {
    report(
      article.file,
      caveat.line,
      `“${shorten(caveat.sentence)}”：这篇文章在第 ${first.line} 行已经说过一次“以…为准/仅供参考”。数据的来源和局限统一写在“数据说明”页（/data-notes/），每篇文章只留一句并链接过去；需要商户去做的事请直接写出来（例如“签约时在官方 App 里核对费率并截图”），指向具体出处的请在同一句加上链接`,
    );
  }
}

function shorten(sentence: string): string {
  return sentence.length > 40 ? `${sentence.slice(0, 40)}…` : sentence;
}

function normalFigure(figure: string): string {
  return figure.replace(/\s+/g, '').replace('％', '%');
}

/** 广告法 absolutes and "银联" products in the body and the frontmatter; "免费" in the title and description. */
function checkArticleWording(article: ArticleFile, scan: BodyScan, data: Record<string, unknown>, report: ReportFn): void {
  for (const { line, text } of scan.plainTexts) {
    reportWording(article.file, text, line, [...absoluteTerms(text), ...unionpayAsProduct(text)], report);
  }
  const frontmatter = article.frontmatter;
  if (!frontmatter) return;
  for (const field of ['title', 'description'] as const) {
    const value = data[field];
    if (typeof value !== 'string') continue;
    const text = withoutQuotes(value);
    const hits = [...absoluteTerms(text), ...unionpayAsProduct(text), ...freeWithoutQualifier(text, field)];
    reportWording(article.file, text, frontmatter.lineOf([field]), hits, report, `字段 ${field}：`);
  }
  listOf(data.faq).forEach((item, index) => {
    for (const key of ['q', 'a'] as const) {
      const value = (item as Record<string, unknown> | null)?.[key];
      if (typeof value !== 'string') continue;
      const text = withoutQuotes(value);
      reportWording(
        article.file,
        text,
        frontmatter.lineOf(['faq', index, key]),
        [...absoluteTerms(text), ...unionpayAsProduct(text)],
        report,
        `字段 faq[${index}].${key}：`,
      );
    }
  });
}

/** The same wording rules on every string of a YAML file (products, tags); taglines and summaries are descriptions. */
function checkYamlWording(file: string, source: YamlSource, value: unknown, at: PropertyKey[], report: ReportFn): void {
  for (const { at: stringAt, text: raw } of stringsIn(value, at)) {
    const text = withoutQuotes(raw);
    const key = stringAt.at(-1);
    const hits = [...absoluteTerms(text), ...unionpayAsProduct(text)];
    if (key === 'tagline' || key === 'summary' || key === 'description') hits.push(...freeWithoutQualifier(text, 'description'));
    reportWording(file, text, source.lineOf(stringAt), hits, report, `字段 ${fieldName(stringAt)}：`);
  }
}

/**
 * Brand data never says the generic caveat: every figure it feeds is shown with the figure disclaimer (“实际标准以机构在
 * 激活时给出的为准”) and a link to /data-notes/, so a note ending in “以合同为准” only repeats it beside each number.
 */
function checkProductCaveats(file: string, source: YamlSource, report: ReportFn): void {
  for (const { at, text } of stringsIn(source.data, [])) {
    if (!DATA_CAVEAT.test(text)) continue;
    report(
      file,
      source.lineOf(at),
      `字段 ${fieldName(at)}：品牌页和对比页的每组数字旁边已经有统一说明（以激活时为准，链接到“数据说明”页），这里不再写“以…为准/仅供参考”。需要商户做的事请直接写出来，例如“请在签约时问清”`,
    );
  }
}

/** Every string in a parsed YAML value, with its path. */
function* stringsIn(value: unknown, at: PropertyKey[]): Generator<{ at: PropertyKey[]; text: string }> {
  if (typeof value === 'string') {
    yield { at, text: value };
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* stringsIn(item, [...at, index]);
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) yield* stringsIn(item, [...at, key]);
  }
}

function reportWording(file: string, text: string, firstLine: number, hits: WordingHit[], report: ReportFn, prefix = ''): void {
  for (const hit of hits) report(file, lineAt(text, hit.index, firstLine), `${prefix}“${hit.words}”：${hit.advice}`);
}

function reportNoise(file: string, text: string, firstLine: number, report: ReportFn): void {
  for (const hit of findNoise(text, firstLine)) {
    report(file, hit.line, `疑似 SEO 干扰写法「${hit.token}」：来自原始网页的故意错写（中文词里夹了字母或多写了字母），请改成正常写法`);
  }
}

interface SiteIndex {
  fixedPaths: Set<string>;
  publicFiles: Set<string>;
  publishedSlugs: Set<string>;
  draftSlugs: Set<string>;
  tagIds: Set<string>;
  brandIds: Set<string>;
}

function checkBodyLinks(article: ArticleFile, scan: BodyScan, site: SiteIndex, report: ReportFn): void {
  for (const { line, href } of scan.links) {
    const problem = internalLinkProblem(href, site, article.draft);
    if (problem) report(article.file, line, `链接 ${href}：${problem}`);
  }
}

/** Why an internal link would not work on the built site, or undefined when it is fine (or external). */
function internalLinkProblem(href: string, site: SiteIndex, fromDraft: boolean): string | undefined {
  if (/^(https?:|mailto:|tel:|#|\/\/)/i.test(href)) return undefined;
  if (!href.startsWith('/')) return '站内链接要从 / 开头写完整路径，例如 /compare/ 或 /articles/lakala-deregistration/';
  const url = new URL(href, 'https://site.invalid');
  const pathname = decodeURI(url.pathname);
  if (pathname === '/apply/') {
    const brand = url.searchParams.get('brand');
    return brand === null || site.brandIds.has(brand) ? undefined : `品牌 ${brand} 不存在（可用：${[...site.brandIds].join('、')}）`;
  }
  const exists = (candidate: string) => pathProblem(candidate, site, fromDraft);
  const problem = exists(pathname);
  if (problem === undefined) return undefined;
  if (!pathname.endsWith('/') && exists(`${pathname}/`) === undefined) return `网址结尾少了 /，请写成 ${pathname}/`;
  return problem;
}

function pathProblem(pathname: string, site: SiteIndex, fromDraft: boolean): string | undefined {
  if (site.fixedPaths.has(pathname) || site.publicFiles.has(pathname)) return undefined;
  const [, section, first, second, rest] = pathname.split('/');
  if (section === 'articles' && first === 'tag' && second && rest === '') {
    return site.tagIds.has(second) ? undefined : `标签 ${second} 不存在（content/tags.yaml 里没有）`;
  }
  if (section === 'articles' && first === 'brand' && second && rest === '') {
    return site.brandIds.has(second) ? undefined : `品牌 ${second} 没有产品文件`;
  }
  if (section === 'articles' && first && second === '' && rest === undefined) {
    if (site.publishedSlugs.has(first)) return undefined;
    if (site.draftSlugs.has(first)) return fromDraft ? undefined : '指向的是草稿文章，正式网站上没有这个页面';
    return `没有这篇文章（content/articles/${first}.mdx 不存在）`;
  }
  if (section === 'brands' && first && second === '' && rest === undefined) {
    return site.brandIds.has(first) ? undefined : `品牌 ${first} 没有产品文件`;
  }
  return '网站上没有这个页面';
}

/** An image outside `./images/<slug>/` would show as plain text in the editor and be lost when the article is saved there. */
function reportImageOutsideArticleFolder(file: string, line: number, src: string, report: ReportFn): void {
  const prefix = articleImagePrefix(path.basename(file, '.mdx'));
  if (!path.posix.normalize(src).startsWith(prefix.slice(2))) {
    report(file, line, `图片 ${src} 要放在这篇文章自己的图片文件夹里，写成 ${prefix}…（编辑器只认这个位置，放在别处的图片在编辑器里保存时会丢失）`);
  }
}

function checkBodyImages(article: ArticleFile, scan: BodyScan, report: ReportFn): void {
  for (const image of scan.images) {
    if (!image.alt) {
      report(article.file, image.line, `图片缺少替代文字：${image.source} 要写一句描述图片内容的话，例如 ![柜台上的电签 POS 机](./images/foo.png)`);
    }
    if (image.src && !/^(https?:)?\/\//.test(image.src) && !image.src.startsWith('/')) {
      if (!existsSync(path.resolve(path.dirname(article.file), image.src))) {
        report(article.file, image.line, `找不到图片文件 ${image.src}（路径相对于文章所在的文件夹）`);
      }
      reportImageOutsideArticleFolder(article.file, image.line, image.src, report);
    } else if (/^(https?:)?\/\//.test(image.src)) {
      report(article.file, image.line, `图片 ${image.src} 是外部网址：请把图片放到 content/articles/images/ 并用相对路径引用（外部资源在国内可能加载不出来）`);
    }
  }
}

function checkBodyComponents(article: ArticleFile, scan: BodyScan, data: { brandIds: Set<string>; modelRefs: Set<string> }, report: ReportFn): void {
  for (const { line, name, props } of scan.components) {
    if (!ARTICLE_COMPONENTS.has(name)) {
      report(article.file, line, `组件 <${name}> 不存在：文章里能直接用的组件是 ${[...ARTICLE_COMPONENTS].map((known) => `<${known}>`).join('、')}`);
      continue;
    }
    if (name === 'ProductCard') {
      if (props.id === undefined) report(article.file, line, '<ProductCard> 缺少 id，例如 <ProductCard id="lakala/dianqian" />');
      else if (!data.modelRefs.has(props.id)) report(article.file, line, `<ProductCard id="${props.id}">：找不到这个型号，请核对品牌文件名和型号 id`);
    }
    if (name === 'ApplyCta' && props.brand !== undefined && !data.brandIds.has(props.brand)) {
      report(article.file, line, `<ApplyCta brand="${props.brand}">：品牌不存在（可用：${[...data.brandIds].join('、')}）`);
    }
    if (name === 'Callout' && props.type !== undefined && !CALLOUT_TYPE_SET.has(props.type)) {
      report(article.file, line, `<Callout type="${props.type}">：type 只能是 tip、warning、info 或 example（举例计算）`);
    }
    if (name === 'QA' && !props.q) report(article.file, line, '<QA> 缺少问题 q，例如 <QA q="押金能退吗？">回答</QA>');
  }
}

/** Paths of every figure group with a verifiedAt: company, and each model's rates/settlement/deposit/simFee. */
function figureGroupPaths(product: unknown): PropertyKey[][] {
  const models = valueAt(product, ['models']);
  return [
    ['company'],
    ...listOf(models).flatMap((_, index) => (['rates', 'settlement', 'deposit', 'simFee'] as const).map((group) => ['models', index, group])),
  ];
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, segment) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[segment] : undefined),
    data,
  );
}

/** A YYYY-MM-DD value (string or YAML date) as UTC midnight; anything else is left to the schema to report. */
function calendarDay(value: unknown): Date | undefined {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const day = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? undefined : day;
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
