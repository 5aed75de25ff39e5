/**
 * Generated articles for the build benchmark: valid frontmatter (checked with the real schema before a file is
 * written), Chinese bodies of realistic length with headings, lists, a table and internal links, varied tags and
 * brands, and an FAQ on some. Plain Markdown only (no MDX components), so a bare Astro site can render the very same
 * files. Seeded, so every run builds the same content.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify, parse } from 'yaml';
import { z } from 'astro/zod';
import { articleSchema, BRAND_IDS } from '../../site/src/content-schemas.ts';
import { DAY_MS } from '#domain/time.ts';

export const GENERATED_SLUG_PREFIX = 'bench-';

const frontmatterSchema = articleSchema({ cover: z.string(), tag: z.string(), brand: z.string() });
type Frontmatter = z.input<typeof frontmatterSchema>;

export interface GeneratedArticles {
  count: number;
  /** Characters of Markdown body over all articles (frontmatter excluded). */
  bodyCharacters: number;
  withFaq: number;
}

/**
 * Write `count` articles named `bench-00001.mdx`… into every directory of `targets`, using the tags and product
 * models found in `contentDir` (a copy of content/) so every reference resolves.
 */
export async function generateArticles(count: number, contentDir: string, targets: readonly string[]): Promise<GeneratedArticles> {
  const catalogue = readCatalogue(contentDir);
  const random = seededRandom(20_261_125);
  await Promise.all(targets.map((target) => mkdir(target, { recursive: true })));
  let bodyCharacters = 0;
  let withFaq = 0;
  for (let index = 1; index <= count; index++) {
    const slug = slugOf(index);
    const { frontmatter, body } = composeArticle(index, count, catalogue, random);
    frontmatterSchema.parse(frontmatter); // a generator bug must fail here, not as a confusing build error
    const file = `---\n${stringify(frontmatter)}---\n\n${body}\n`;
    await Promise.all(targets.map((target) => writeFile(path.join(target, `${slug}.mdx`), file)));
    bodyCharacters += body.length;
    if (frontmatter.faq) withFaq++;
  }
  return { count, bodyCharacters, withFaq };
}

const slugOf = (index: number) => `${GENERATED_SLUG_PREFIX}${String(index).padStart(5, '0')}`;

interface Catalogue {
  tagIds: string[];
  brands: { id: string; name: string; modelRefs: string[] }[];
}

function readCatalogue(contentDir: string): Catalogue {
  const tags = parse(readFileSync(path.join(contentDir, 'tags.yaml'), 'utf8')) as { id: string }[];
  const productsDir = path.join(contentDir, 'products');
  const brands = readdirSync(productsDir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => {
      const id = file.replace(/\.yaml$/, '');
      const data = parse(readFileSync(path.join(productsDir, file), 'utf8')) as { name: string; models: { id: string }[] };
      return { id, name: data.name, modelRefs: data.models.map((model) => `${id}/${model.id}`) };
    })
    .filter((brand) => (BRAND_IDS as readonly string[]).includes(brand.id));
  return { tagIds: tags.map((tag) => tag.id), brands };
}

type Random = () => number;

/** mulberry32: tiny, fast and good enough to vary content reproducibly. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function pickDistinct<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return picked;
}

const FIRST_DAY = Date.UTC(2024, 0, 1);
const LAST_DAY = Date.UTC(2026, 10, 20);
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

function composeArticle(index: number, count: number, catalogue: Catalogue, random: Random): { frontmatter: Frontmatter; body: string } {
  const brands = pickDistinct(random, catalogue.brands, pick(random, [0, 1, 1, 1, 2]));
  const subject = brands[0] ? `${brands[0].name}${pick(random, MACHINE_KINDS)}` : pick(random, MERCHANT_SUBJECTS);
  const published = FIRST_DAY + between(random, 0, (LAST_DAY - FIRST_DAY) / DAY_MS) * DAY_MS;
  const updated = random() < 0.4 ? Math.min(LAST_DAY, published + between(random, 1, 300) * DAY_MS) : undefined;
  const faq = random() < 0.3 ? pickDistinct(random, FAQ, between(random, 1, 3)) : undefined;

  const frontmatter: Frontmatter = {
    title: `${subject}的${pick(random, ASPECTS)}：${pick(random, ANGLES)}`,
    description: describe(random),
    publishedAt: isoDay(published),
    ...(updated !== undefined && updated > published && { updatedAt: isoDay(updated) }),
    tags: pickDistinct(random, catalogue.tagIds, between(random, 1, 3)),
    brands: brands.map((brand) => brand.id) as Frontmatter['brands'],
    products: brands.flatMap((brand) => pickDistinct(random, brand.modelRefs, between(random, 0, 1))),
    ...(faq && { faq }),
  };
  const related = slugOf(((index + between(random, 1, count)) % count) + 1);
  return { frontmatter, body: composeBody(random, brands, related) };
}

function describe(random: Random): string {
  for (;;) {
    const text = pickDistinct(random, SENTENCES, 2).join('');
    if (text.length >= 40 && text.length <= 120) return text;
  }
}

function composeBody(random: Random, brands: Catalogue['brands'], relatedSlug: string): string {
  const links = [
    '可以用[费率计算器](/calculator/)代入自己的流水算一算。',
    '各品牌的费率和押金放在一起看，见[品牌对比](/compare/)。',
    `相关内容也可以参考[这篇文章](/articles/${relatedSlug}/)。`,
    ...brands.map((brand) => `更多${brand.name}的资料见[品牌页](/brands/${brand.id}/)。`),
  ];
  const sections = pickDistinct(random, HEADINGS, between(random, 4, 6)).map((heading, sectionIndex) => {
    const paragraphs = Array.from({ length: between(random, 2, 3) }, () => pickDistinct(random, SENTENCES, between(random, 3, 5)).join(''));
    if (sectionIndex === 1)
      paragraphs.push(
        pickDistinct(random, CHECKLIST, between(random, 3, 5))
          .map((item) => `- ${item}`)
          .join('\n'),
      );
    if (sectionIndex === 2 && random() < 0.5) paragraphs.push(RATE_TABLE);
    if (random() < 0.5) paragraphs.push(pick(random, links));
    return `## ${heading}\n\n${paragraphs.join('\n\n')}`;
  });
  const opening = pickDistinct(random, SENTENCES, 3).join('');
  return [opening, ...sections, '以上数字均为参考，以服务商官方 App 和合同为准。'].join('\n\n');
}

const MACHINE_KINDS = ['电签 POS', '智能 POS', '传统 POS', '收款码牌'];
const MERCHANT_SUBJECTS = ['个体户收款', '小超市收银', '早餐店收款', '水果摊收款', '小微商户', '夫妻店', '流动摊位', '社区便利店'];
const ASPECTS = ['费率', '押金', '流量费', '到账方式', '注销流程', '激活绑定', '常见故障', '渠道核查', '申请流程'];
const ANGLES = ['一文看懂', '常见误区', '签约前要问的问题', '实用清单', '避坑要点', '新手指南'];

const HEADINGS = [
  '先弄清楚费率由哪几部分组成',
  '押金和流量费要问清楚',
  '到账方式怎么选更划算',
  '如何确认机器来自正规渠道',
  '激活和绑定的常见步骤',
  '日常使用中的注意事项',
  '不用了之后怎么收尾',
  '遇到问题时先查这几项',
  '不同经营场景的选择建议',
  '签约前的核对清单',
];

const SENTENCES = [
  '刷卡手续费按每笔交易金额的百分比计算，信用卡和储蓄卡的费率往往不一样。',
  '储蓄卡交易常见单笔封顶，金额较大时封顶规则能省下不少手续费。',
  '扫码收款的费率通常低于刷信用卡，但不同服务商的政策差别不小。',
  '签约前最好让业务员把费率写进合同，或者在官方 App 里直接看到。',
  '押金一般在达到约定交易量后退还，具体门槛要以书面条款为准。',
  '流量费是机器内置物联网卡的年费，很多机型在激活后第二年开始收取。',
  '秒到服务方便资金周转，但往往会按笔或按比例另收一笔费用。',
  '一清机器由持牌机构直接把钱结算到商户本人的银行卡上，资金路径更清楚。',
  '如果到账的付款方不是收单机构本身，就需要警惕是否属于二清。',
  '收到机器后先核对机身序列号，再到官方渠道完成实名和绑定。',
  '绑定的结算卡应当是本人名下的银行卡，尽量不要使用他人的卡。',
  '第一笔交易建议用小额测试，确认到账时间和扣费是否与约定一致。',
  '长期不用的机器可能进入休眠甚至被注销，重新启用时要再走一遍流程。',
  '不再使用的机器要主动联系客服办理注销，避免继续产生流量费。',
  '机器出现故障时，先检查电量、网络信号和打印纸，再考虑联系售后。',
  '交易失败的提示往往带有代码，记下代码再咨询客服能更快找到原因。',
  '不要把机器借给他人使用，也不要替陌生人刷卡套现。',
  '任何以提额、降费率为名索要验证码的电话都要提高警惕。',
  '个体户和小微商户都可以申请，所需材料以收单机构的要求为准。',
  '客单价较高、经常有顾客刷信用卡的门店，更适合配一台刷卡终端。',
  '以扫码为主的小摊位，一张聚合码牌往往就能满足日常收款。',
  '智能 POS 功能更全，可以打印小票、管理商品，但价格和押金通常也更高。',
  '电签 POS 体积小、激活快，是很多小商户的第一台收款设备。',
  '比较不同品牌时，应当把费率、押金、流量费和秒到费放在一起算总账。',
  '同一品牌在不同渠道的报价可能不同，一切以官方 App 和合同为准。',
  '每月交易额越大，费率上的细小差别累计起来就越明显。',
  '遇到承诺零费率或终身免流量费的宣传，要仔细看清附加条件。',
  '保留好合同、收据和聊天记录，日后有争议时可以作为依据。',
  '收单机构的牌照信息可以在中国人民银行官网的许可机构名单里查到。',
  '如果更换了结算银行卡，需要在官方渠道重新提交变更申请。',
  '节假日的到账规则因结算方式而异，资金安排要提前考虑。',
  '申请提交后，工作人员通常会打电话核实信息，请保持手机畅通。',
  '机器寄到后请当面检查外包装，发现破损及时拍照留存。',
  '月流水不高的商户，更应该关注押金和流量费这类固定支出。',
];

const CHECKLIST = [
  '费率：信用卡、储蓄卡、扫码分别是多少',
  '押金：金额多少、何时退、退还条件是什么',
  '流量费：每年多少、从什么时候开始扣',
  '到账：T1 还是 D0，秒到是否另外收费',
  '渠道：能否在官方 App 中实名并绑定机器',
  '注销：不用时如何办理，之后是否还会扣费',
];

const RATE_TABLE = [
  '| 交易类型 | 常见参考费率 | 说明 |',
  '| --- | --- | --- |',
  '| 信用卡 | 约 0.6% | 以合同为准 |',
  '| 储蓄卡 | 约 0.5% | 部分机型单笔封顶 |',
  '| 扫码 | 约 0.38% | 各服务商政策不同 |',
].join('\n');

const FAQ = [
  { q: '申请机器需要交钱吗？', a: '多数渠道免费寄送机器，但可能收取押金或流量费，达到交易量后退还的条件要在签约前问清楚。' },
  { q: '个人没有营业执照可以申请吗？', a: '不少收单机构支持以个人身份申请小微商户，所需材料以机构审核要求为准。' },
  { q: '到账时间一般是多久？', a: 'T1 是下一个工作日到账，D0 是当天到账，具体以签约的结算方式为准，秒到可能另外收费。' },
  { q: '机器不用了怎么办？', a: '联系官方客服办理注销并解绑结算卡，确认之后不会再扣流量费，押金按条款办理退还。' },
  { q: '怎么判断机器是不是一清？', a: '看第一笔交易到账时银行记录的付款方，如果是持牌收单机构本身，一般就是一清。' },
  { q: '费率可以自己调整吗？', a: '费率由签约条款决定，调整需要通过官方渠道办理，自称能私下调低费率的要提高警惕。' },
];
