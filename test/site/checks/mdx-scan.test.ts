import { describe, expect, test } from 'vitest';
import { findNoise, scanMdxBody } from '../../../site/checks/mdx-scan.ts';

describe('findNoise', () => {
  test.each([
    ['办理需要身份F证。', '身份F证'],
    ['提供身份F证明材料', '身份F证'],
    ['支持刷ka卡和扫码', '刷ka卡'],
    ['避免丢失或POSS。', 'POSS'],
    ['请带好营业zhi执照', '业zhi执'],
  ])('flags %s', (text, token) => {
    expect(findNoise(text).map((hit) => hit.token)).toEqual([token]);
  });

  test.each([['拉卡拉POS机很常见'], ['流量SIM卡按年收费'], ['用闪付NFC碰一碰'], ['电签 POS 和智能 POS'], ['T1 到账，D0 加收']])(
    'leaves legitimate Latin words alone: %s',
    (text) => {
      expect(findNoise(text)).toEqual([]);
    },
  );

  test('reports each line number', () => {
    expect(findNoise('第一行\n第二行有POSS\n第三行刷ka卡', 10).map((hit) => hit.line)).toEqual([11, 12]);
  });
});

describe('scanMdxBody', () => {
  test('finds links, images and components with their lines, ignoring code', () => {
    const body = [
      '看[对比](/compare/)。',
      '![图](./a.png)',
      '<ProductCard id="lakala/dianqian" />',
      '`[x](/in-code/)`',
      '```',
      '<Fake />',
      '```',
      '<a href="/privacy/">隐私</a>',
    ].join('\n');

    const scan = scanMdxBody(body, 5);

    expect(scan.links).toEqual([
      { line: 5, href: '/compare/' },
      { line: 12, href: '/privacy/' },
    ]);
    expect(scan.images).toEqual([{ line: 6, src: './a.png', alt: '图', source: '![图](./a.png)' }]);
    expect(scan.components).toEqual([{ line: 7, name: 'ProductCard', props: { id: 'lakala/dianqian' } }]);
  });

  test('reads props spread over several lines', () => {
    const scan = scanMdxBody('<Callout\n  type="tip"\n  title="提示"\n>\n正文\n</Callout>', 1);

    expect(scan.components).toEqual([{ line: 1, name: 'Callout', props: { type: 'tip', title: '提示' } }]);
  });

  test('reads reference-style links, inline JSX links and <img> without alt', () => {
    const scan = scanMdxBody('见[对比][c]和<a href="/status/">查询</a>。\n\n<img src="./b.png" />\n\n[c]: /compare/', 1);

    expect(scan.links).toEqual([
      { line: 1, href: '/status/' },
      { line: 5, href: '/compare/' },
    ]);
    expect(scan.images).toEqual([{ line: 3, src: './b.png', alt: undefined, source: '<img src="./b.png" />' }]);
  });

  test('ignores tags that are only text inside code, however it is fenced', () => {
    const scan = scanMdxBody('~~~mdx\n<ApplyCta brand="x" />\n~~~\n\n``<Fake />``', 1);

    expect(scan).toEqual({ links: [], images: [], components: [], freeCtas: [], unsourcedFigures: [], sourcedFigures: [], dataCaveats: [], plainTexts: [] });
  });

  test('finds "免费" calls to action and whether the charges that may remain are named next to them', () => {
    const body = [
      '## 免费申请一台',
      '',
      '机器不要钱。',
      '',
      '想要就[免费申请](/apply/)。',
      '',
      '激活可能收押金，每年还有流量费，有的渠道收服务费。',
      '',
      '看[免费申请流程](/articles/free-application-process/)。',
      '',
      '## “免费”到底免的是什么',
    ].join('\n');

    const scan = scanMdxBody(body, 1);

    expect(scan.freeCtas).toEqual([
      { line: 1, text: '免费申请一台', qualified: false },
      { line: 5, text: '免费申请', qualified: true },
    ]);
  });

  test('a 免费 call to action that names the deposit and the SIM fee but not the non-refundable 服务费 is not qualified', () => {
    const scan = scanMdxBody(['想要就[免费申请](/apply/)。', '', '激活可能收押金，每年还有流量费。'].join('\n'), 1);

    expect(scan.freeCtas).toEqual([{ line: 1, text: '免费申请', qualified: false }]);
  });

  test('tells figures that cite their source from figures that do not, sentence by sentence', () => {
    const body = [
      '借记卡约 0.5%，封顶 20 元（[来源](https://example.com/)）。信用卡约 0.6%。',
      '',
      '| 项目 | 金额 |',
      '| --- | --- |',
      '| 押金 | 99 元 |',
      '',
      '<Callout type="example">',
      '一年约 1440 元。',
      '</Callout>',
      '',
      '`3 天` 在代码里不算；2024 年、2024-05-01 不是带单位的数字。',
    ].join('\n');

    const scan = scanMdxBody(body, 10);

    expect(scan.sourcedFigures.map(({ figure }) => figure)).toEqual(['0.5%', '20 元', '1440 元']);
    expect(scan.unsourcedFigures).toEqual([
      { line: 10, figure: '0.6%' },
      { line: 14, figure: '99 元' },
    ]);
  });

  test('reports a body the MDX build would reject, at its file line', () => {
    const scan = scanMdxBody('第一段。\n\n<Callout type="tip">\n没有结束标签', 10);

    expect(scan.syntaxError?.line).toBe(12);
    expect(scan.syntaxError?.message).toMatch(/Callout/);
    expect(scan.components).toEqual([]);
  });
});
