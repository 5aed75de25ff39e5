import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import ComparisonTable from '../../../../site/src/components/ComparisonTable.astro';
import { fixtureModels, textOf } from '../../support.ts';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('ComparisonTable', () => {
  const models = fixtureModels('lakala', 'unionpay');

  test('renders one row per model, each headed by the model name', async () => {
    const html = await container.renderToString(ComparisonTable, { props: { models, caption: '各型号费率' } });

    const rows = [...html.matchAll(/<tr data-model="([^"]+)"/g)].map((match) => match[1]);
    expect(rows).toEqual(models.map((entry) => entry.ref));
    for (const { model } of models) expect(html).toMatch(new RegExp(`<th scope="row"[^>]*>\\s*<a [^>]*>${model.name}</a>`));
    expect(html).toMatch(/<caption[^>]*>各型号费率<\/caption>/);
  });

  test('fills cells from the data: caps, unpublished figures, D0 not listed, deposits', async () => {
    const html = await container.renderToString(ComparisonTable, { props: { models, caption: '对比' } });
    const row = (ref: string) => textOf(html.slice(html.indexOf(`data-model="${ref}"`)).split('</tr>')[0]!);

    expect(row('lakala/dianqian')).toContain('0.5%（封顶 20 元）');
    expect(row('lakala/dianqian')).toContain('99 元');
    expect(row('lakala/dianqian')).toContain('60 元/年');
    expect(row('unionpay/bank-pos')).toContain('未公开');
    // bank-pos lists no D0: the sources do not say it lacks D0, so the cell says 未公开, never 不支持.
    expect(row('unionpay/bank-pos')).not.toContain('不支持');
    expect(row('unionpay/bank-pos').match(/未公开/g)?.length).toBeGreaterThanOrEqual(2);
    expect(row('unionpay/bank-pos')).toContain('无押金');
  });

  test('every column header has a scope (screen readers announce headers per cell)', async () => {
    const html = await container.renderToString(ComparisonTable, { props: { models, caption: '对比' } });

    const headers = html.match(/<th(?:\s[^>]*)?>/g) ?? [];

    expect(headers.length).toBeGreaterThan(12);
    expect(headers.filter((header) => !/scope="(col|row)"/.test(header))).toEqual([]);
  });
});
