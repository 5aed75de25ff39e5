import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import ModelFigures from '../../../../site/src/components/ModelFigures.astro';
import { fixtureModels, textOf } from '../../support.ts';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('ModelFigures', () => {
  test('shows the settlement and deposit notes, which explain figures that are not public', async () => {
    const { model } = fixtureModels('lakala')[0]!;
    const explained = {
      ...model,
      settlement: { ...model.settlement, note: '秒到加收未找到可引用的公开报价' },
      deposit: { ...model.deposit, note: '来源网页以 100 元举例' },
    };

    const html = await container.renderToString(ModelFigures, { props: { model: explained } });

    expect(textOf(html)).toContain('秒到加收未找到可引用的公开报价');
    expect(textOf(html)).toContain('来源网页以 100 元举例');
  });
});
