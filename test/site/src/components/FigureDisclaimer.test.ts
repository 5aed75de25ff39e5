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
      props: {
        verifiedAt: new Date('2026-11-20T00:00:00Z'),
        sources: ['《银行卡收单业务管理办法》（2013-07-05）', '《关于完善银行卡刷卡手续费定价机制的通知》（2016-03-14）'],
      },
    });

    expect(textOf(html)).toMatch(/仅供参考.*2026年11月20日.*《银行卡收单业务管理办法》（2013-07-05）；《关于完善银行卡刷卡手续费定价机制的通知》/);
  });

  test('turns a web address in a source into a link', async () => {
    const url = 'http://kaolafu.cn/buy/2539.html';

    const html = await container.renderToString(FigureDisclaimer, {
      props: { verifiedAt: new Date('2026-11-20T00:00:00Z'), sources: [`${url}（服务商报价页）`] },
    });

    expect(html).toContain(`<a href="${url}" rel="external nofollow">${url}</a>`);
    expect(textOf(html)).toContain(`来源：${url}（服务商报价页）。`);
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
