import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import RateFigure from '../../../../site/src/components/RateFigure.astro';
import { textOf } from '../../support.ts';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('RateFigure', () => {
  test.each([
    [null, '未公开'],
    [{ percent: null }, '未公开'],
    [{ percent: 0.6 }, '0.6%'],
    [{ percent: 0.5, capYuan: 20 }, '0.5%（封顶 20 元）'],
  ])('renders %j as %s', async (rate, text) => {
    const html = await container.renderToString(RateFigure, { props: { rate } });

    expect(textOf(html)).toBe(text);
  });

  test('marks an unpublished rate so it can be styled as such', async () => {
    expect(await container.renderToString(RateFigure, { props: { rate: null } })).toContain('rate-undisclosed');
  });
});
