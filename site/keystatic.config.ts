/**
 * The marketing editor (Keystatic, local mode): forms for the articles and the brand files in content/, started by
 * `npm run cms` (site/cms/start-editor.ts) and never part of `npm run build`. Every limit a form enforces is read from
 * src/content-schemas.ts (site/cms/schema-bounds.ts), so the editor and `npm run check:content` agree;
 * test/site/cms/editor-fields.test.ts checks them field by field.
 *
 * Paths are relative to the folder holding content/ (the editor starts there), and the files keep the layout the
 * site reads: `content/articles/<slug>.mdx` with images in `content/articles/images/`, `content/products/<brand>.yaml`.
 */
import { type ComponentSchema, collection, config, fields, type FormFieldStoredValue, type GenericPreviewProps } from '@keystatic/core';
import { block, wrapper } from '@keystatic/core/content-components';
import { parse as parseYaml } from 'yaml';
import { BRAND_IDS, BRAND_NAMES, SETTLEMENT_CODES, TERMINAL_TYPE_IDS } from '#domain/catalogue.ts';
import { calloutLabels, settlementLabels, terminalTypeLabels } from '#functions/presentation/labels-zh.ts';
import { articleFrontmatterSchema as article, CALLOUT_TYPES, productSchema, SLUG_PATTERN } from './src/content-schemas.ts';
import { figure } from './cms/figure-field.ts';
import { boundsOf, definedOnly, fieldAt, type Bounds } from './cms/schema-bounds.ts';
import tagsFile from '../content/tags.yaml?raw';

/** Relative to the folder holding content/; the same folder the article files use for `./images/…`. */
export const ARTICLE_IMAGES = { directory: 'content/articles/images', publicPath: './images/' } as const;

/** Tags offered by name; the file keeps their ids (content/tags.yaml, read when the editor starts). */
const tagOptions = (parseYaml(tagsFile) as { id: string; name: string }[]).map((tag) => ({ label: tag.name, value: tag.id }));

/** Models offered as 品牌/型号, from the brand files (read when the editor starts). */
const productFiles = import.meta.glob<string>('../content/products/*.yaml', { query: '?raw', import: 'default', eager: true });
const modelOptions = Object.entries(productFiles).flatMap(([file, source]) => {
  const brand = file.replace(/^.*\/|\.yaml$/g, '');
  const data = parseYaml(source) as { name: string; models: { id: string; name: string }[] };
  return data.models.map((model) => ({ label: `${model.name}（${brand}/${model.id}）`, value: `${brand}/${model.id}` }));
});

const brandOptions = BRAND_IDS.map((id) => ({ label: BRAND_NAMES[id], value: id }));

const lengthRule = (bounds: Bounds) => ({ length: definedOnly({ min: bounds.min, max: bounds.max }) });
const lengthHint = ({ min, max }: Bounds) => (min !== undefined && max !== undefined ? `${min}–${max} 字` : max !== undefined ? `最多 ${max} 字` : '');

/** A text field whose length rule comes from the content schema at `path`. */
function schemaText(schema: Parameters<typeof fieldAt>[0], path: string[], label: string, options: { description?: string; multiline?: boolean } = {}) {
  const bounds = boundsOf(fieldAt(schema, ...path));
  const description = [options.description, lengthHint(bounds)].filter(Boolean).join('；');
  return fields.text({ label, description, multiline: options.multiline ?? false, validation: lengthRule(bounds) });
}

/** An optional text field: left empty it stays out of the file; filled in, the schema's length rule applies. */
function optionalText(schema: Parameters<typeof fieldAt>[0], path: string[], label: string, description?: string) {
  const bounds = boundsOf(fieldAt(schema, ...path));
  const field = fields.text({
    label,
    description: [description, '可不填', lengthHint(bounds)].filter(Boolean).join('；'),
    multiline: true,
    validation: lengthRule(bounds),
  });
  return { ...field, validate: (value: string, args?: Parameters<typeof field.validate>[1]) => (value === '' ? value : field.validate(value, args)) };
}

const sourceField = (path: string[]) =>
  schemaText(productSchema, [...path, 'source'], '来源', {
    multiline: true,
    description: '读者能核对的网址（https://…）或带日期的文件名；多个来源用「；」隔开',
  });
const verifiedAtField = () => fields.date({ label: '核实日期', description: '最近一次核实这些数字的日期', validation: { isRequired: true } });

const percentField = (label: string, path: string[]) =>
  figure({ label: `${label}（%）`, description: '0.6 表示 0.6%', bounds: boundsOf(fieldAt(productSchema, 'models', '[]', 'rates', ...path, 'percent')) });

const optionalAmount = (label: string, path: string[], description?: string) => {
  const bounds = boundsOf(fieldAt(productSchema, 'models', '[]', ...path));
  // The editor's number field has only an inclusive minimum; amounts are in yuan, so "more than 0" starts at one fen.
  const min = bounds.above !== undefined ? bounds.above + 0.01 : bounds.min;
  return fields.number({ label, description: [description, '可不填'].filter(Boolean).join('；'), validation: definedOnly({ min, max: bounds.max }) });
};

const modelPath = (...path: string[]) => ['models', '[]', ...path];

const modelFields = fields.object(
  {
    id: fields.text({
      label: '型号 id',
      description: '小写英文、数字和连字符；文章里写作 品牌/型号',
      validation: { pattern: { regex: SLUG_PATTERN, message: '只能用小写英文字母、数字和连字符' } },
    }),
    name: schemaText(productSchema, modelPath('name'), '型号名称'),
    terminalType: fields.select({
      label: '机型',
      options: TERMINAL_TYPE_IDS.map((id) => ({ label: terminalTypeLabels[id], value: id })),
      defaultValue: 'dianqian',
    }),
    summary: schemaText(productSchema, modelPath('summary'), '一句话介绍'),
    rates: fields.object(
      {
        debit: fields.object(
          { percent: percentField('借记卡费率', ['debit']), capYuan: optionalAmount('单笔封顶（元）', ['rates', 'debit', 'capYuan']) },
          { label: '借记卡（储蓄卡）' },
        ),
        credit: fields.object(
          { percent: percentField('信用卡费率', ['credit']), capYuan: optionalAmount('单笔封顶（元）', ['rates', 'credit', 'capYuan']) },
          { label: '贷记卡（信用卡）' },
        ),
        qr: fields.object({ percent: percentField('扫码费率', ['qr']) }, { label: '微信/支付宝/云闪付扫码' }),
        nfc: fields.object(
          { percent: percentField('闪付费率', ['nfc']), limitYuan: optionalAmount('单笔限额（元）', ['rates', 'nfc', 'limitYuan']) },
          { label: '闪付/碰一碰' },
        ),
        note: optionalText(productSchema, modelPath('rates', 'note'), '补充说明'),
        source: sourceField(modelPath('rates')),
        verifiedAt: verifiedAtField(),
      },
      { label: '费率' },
    ),
    settlement: fields.object(
      {
        options: limitedMultiselect(
          '到账方式',
          SETTLEMENT_CODES.map((code) => ({ label: `${code} ${settlementLabels[code]}`, value: code })),
          boundsOf(fieldAt(productSchema, ...modelPath('settlement', 'options'))),
        ),
        d0SurchargePercent: optionalAmount('D0 加收（%）', ['settlement', 'd0SurchargePercent'], '支持 D0 却不填 = 未公开，计算器不会按 0 算'),
        d0FeeYuanPerTxn: optionalAmount('D0 每笔加收（元）', ['settlement', 'd0FeeYuanPerTxn'], '不填 = 没有按笔加收'),
        note: optionalText(productSchema, modelPath('settlement', 'note'), '补充说明'),
        source: sourceField(modelPath('settlement')),
        verifiedAt: verifiedAtField(),
      },
      { label: '到账' },
    ),
    deposit: fields.object(
      {
        amountYuan: figure({
          label: '押金（元）',
          description: '0 = 不收押金',
          bounds: boundsOf(fieldAt(productSchema, ...modelPath('deposit', 'amountYuan'))),
        }),
        refundCondition: optionalText(productSchema, modelPath('deposit', 'refundCondition'), '退还条件', '押金大于 0 时必填'),
        note: optionalText(productSchema, modelPath('deposit', 'note'), '补充说明'),
        source: sourceField(modelPath('deposit')),
        verifiedAt: verifiedAtField(),
      },
      { label: '押金' },
    ),
    simFee: fields.object(
      {
        yuanPerYear: figure({
          label: '流量费（元/年）',
          description: '0 = 不收',
          bounds: boundsOf(fieldAt(productSchema, ...modelPath('simFee', 'yuanPerYear'))),
        }),
        note: optionalText(productSchema, modelPath('simFee', 'note'), '补充说明'),
        source: sourceField(modelPath('simFee')),
        verifiedAt: verifiedAtField(),
      },
      { label: '流量费' },
    ),
  },
  { label: '型号' },
);

/** A choice that may be left out: "none" writes no attribute at all (`<ApplyCta />`), not `brand=""`. */
function optionalSelect(label: string, noneLabel: string, options: { label: string; value: string }[]) {
  const select = fields.select({ label, options: [{ label: noneLabel, value: '' }, ...options], defaultValue: '' });
  return { ...select, serialize: (value: string) => ({ value: value === '' ? undefined : value }) };
}

/** Several choices, between `bounds.min` and `bounds.max` of them (Keystatic's multiselect has no count rule). */
function limitedMultiselect(label: string, options: { label: string; value: string }[], bounds: Bounds) {
  const field = fields.multiselect({ label, description: `选 ${bounds.min ?? 0}–${bounds.max ?? options.length} 个`, options });
  const validate = (value: readonly string[]) => {
    if (value.length < (bounds.min ?? 0) || value.length > (bounds.max ?? Infinity)) {
      throw new Error(`「${label}」要选 ${bounds.min ?? 0}–${bounds.max ?? options.length} 个（现在选了 ${value.length} 个）`);
    }
    return field.validate(value);
  };
  return { ...field, validate, reader: { parse: (value: FormFieldStoredValue) => validate(field.reader.parse(value)) } };
}

/** A list with the schema's length rule; `itemLabel` names each item in the collapsed list. */
function listOf<Element extends ComponentSchema>(
  element: Element,
  label: string,
  bounds: Bounds,
  itemLabel?: (props: GenericPreviewProps<Element, unknown>) => string,
) {
  return fields.array(element, { label, ...definedOnly({ itemLabel }), validation: { length: definedOnly({ min: bounds.min, max: bounds.max }) } });
}

export default config({
  storage: { kind: 'local' },
  locale: 'zh-CN',
  ui: { brand: { name: 'POS 资讯站 内容编辑' } },
  collections: {
    articles: collection({
      label: '文章',
      path: 'content/articles/*',
      slugField: 'title',
      format: { contentField: 'body' },
      entryLayout: 'content',
      columns: ['title', 'publishedAt'],
      // The dev preview (drafts visible, with the content check's banner); `{slug}` is the file name.
      previewUrl: '/articles/{slug}/',
      schema: {
        title: fields.slug({
          name: { label: '标题', description: lengthHint(boundsOf(fieldAt(article, 'title'))), validation: lengthRule(boundsOf(fieldAt(article, 'title'))) },
          slug: {
            label: '文件名（网址）',
            description: '小写英文、数字和连字符，例如 lakala-deregistration；它就是文章的网址，发布后不要再改',
            validation: { pattern: { regex: SLUG_PATTERN, message: '只能用小写英文字母、数字和连字符' } },
          },
        }),
        description: schemaText(article, ['description'], '摘要', { multiline: true, description: '搜索结果、文章卡片和 RSS 里显示' }),
        publishedAt: fields.date({ label: '发布日期', validation: { isRequired: true }, defaultValue: { kind: 'today' } }),
        updatedAt: fields.date({ label: '更新日期', description: '可不填；不能早于发布日期' }),
        tags: limitedMultiselect('标签', tagOptions, boundsOf(fieldAt(article, 'tags'))),
        brands: fields.multiselect({ label: '相关品牌', description: '可不选；文章会出现在对应品牌页', options: brandOptions }),
        products: fields.multiselect({ label: '相关型号', description: '可不选；文末显示机型卡片', options: modelOptions }),
        faq: listOf(
          fields.object({
            q: schemaText(article, ['faq', '[]', 'q'], '问题'),
            a: schemaText(article, ['faq', '[]', 'a'], '回答', { multiline: true, description: '纯文字' }),
          }),
          '常见问答',
          definedOnly({ max: boundsOf(fieldAt(article, 'faq')).max }),
          (props) => props.fields.q.value || '（新问题）',
        ),
        draft: fields.checkbox({ label: '草稿', description: '勾选后只在本地预览出现，正式网站不发布' }),
        cover: fields.image({ label: '封面图', description: '可不选；选了就必须写替代文字', ...ARTICLE_IMAGES }),
        coverAlt: optionalText(article, ['coverAlt'], '封面图替代文字', '一句话描述图片内容'),
        body: fields.mdx({
          label: '正文',
          options: { image: ARTICLE_IMAGES },
          components: {
            Callout: wrapper({
              label: '提示框',
              schema: {
                type: fields.select({
                  label: '类型',
                  options: CALLOUT_TYPES.map((type) => ({ label: calloutLabels[type], value: type })),
                  defaultValue: 'info',
                }),
                title: fields.text({ label: '标题' }),
              },
            }),
            QA: wrapper({ label: '一问一答', schema: { q: fields.text({ label: '问题', validation: { length: { min: 1 } } }) } }),
            ProductCard: block({
              label: '机型卡片',
              schema: { id: fields.select({ label: '型号', options: modelOptions, defaultValue: modelOptions[0]?.value ?? '' }) },
            }),
            ApplyCta: block({
              label: '免费申请按钮',
              schema: { brand: optionalSelect('品牌', '不指定品牌', brandOptions) },
            }),
            // The site's one wording of what happens after applying (functions/http/html-fragments.ts NEXT_STEPS_HTML).
            NextSteps: block({ label: '申请后的步骤', schema: {} }),
          },
        }),
      },
    }),
    products: collection({
      label: '品牌与机型数据',
      path: 'content/products/*',
      slugField: 'name',
      format: { data: 'yaml' },
      previewUrl: '/brands/{slug}/',
      schema: {
        name: fields.slug({
          name: { label: '品牌名', validation: lengthRule(boundsOf(fieldAt(productSchema, 'name'))) },
          slug: { label: '品牌 id（文件名）' },
        }),
        kind: fields.select({
          label: '类型',
          options: [
            { label: '持牌支付机构', value: 'provider' },
            { label: '卡组织（如银联）', value: 'scheme' },
          ],
          defaultValue: 'provider',
        }),
        tagline: schemaText(productSchema, ['tagline'], '一句话定位'),
        summary: schemaText(productSchema, ['summary'], '介绍', { multiline: true }),
        company: fields.object(
          {
            legalName: schemaText(productSchema, ['company', 'legalName'], '公司全称'),
            founded: fields.integer({ label: '成立年份', description: '可不填', validation: boundsOf(fieldAt(productSchema, 'company', 'founded')) }),
            licence: optionalText(productSchema, ['company', 'licence'], '支付牌照说明'),
            oneClear: fields.checkbox({ label: '一清', description: '持牌机构直接结算给商户' }),
            listed: optionalText(productSchema, ['company', 'listed'], '上市信息'),
            source: sourceField(['company']),
            verifiedAt: verifiedAtField(),
          },
          { label: '公司信息' },
        ),
        pros: listOf(schemaText(productSchema, ['pros', '[]'], '优点'), '优点', boundsOf(fieldAt(productSchema, 'pros')), (props) => props.value),
        cons: listOf(schemaText(productSchema, ['cons', '[]'], '注意事项'), '注意事项', boundsOf(fieldAt(productSchema, 'cons')), (props) => props.value),
        models: listOf(modelFields, '型号', boundsOf(fieldAt(productSchema, 'models')), (props) => props.fields.name.value || '（新型号）'),
      },
    }),
  },
});
