import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import FigureDisclaimer from '../../../../site/src/components/FigureDisclaimer.astro';
import { textOf } from '../../support.ts';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('FigureDisclaimer', () => {
  test('says the figures are for reference, with the verification date and sources', async () => {
    const html = await container.renderToString(FigureDisclaimer, {
      props: { verifiedAt: new Date('2026-11-20T00:00:00Z'), sources: ['代理商公开报价汇总', '公司公告'] },
    });

    expect(textOf(html)).toMatch(/仅供参考.*2026年11月20日.*代理商公开报价汇总；公司公告/);
  });
});

describe('FigureDisclaimer with many sources', () => {
  test('points to the brand pages instead of listing every source', async () => {
    const html = await container.renderToString(FigureDisclaimer, {
      props: { verifiedAt: new Date('2026-11-20T00:00:00Z'), sources: ['甲', '乙', '丙', '丁'] },
    });

    expect(html).toMatch(/<a href="\/brands\/"[^>]*>品牌页<\/a>/);
    expect(textOf(html)).not.toContain('丁');
  });
});
