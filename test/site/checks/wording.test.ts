import { describe, expect, test } from 'vitest';
import { FIGURE, withoutQuotes } from '../../../site/checks/mdx-scan.ts';
import { absoluteTerms, freeWithoutQualifier, unionpayAsProduct } from '../../../site/checks/wording.ts';

const words = (hits: { words: string }[]) => hits.map((hit) => hit.words);

describe('广告法 absolutes', () => {
  test.each([
    ['受理范围最广', '最广'],
    ['码牌：只收扫码，成本最低', '最低'],
    ['这几年最普及的机型', '最普及'],
    ['品牌层面可以放心', '品牌层面可以放心'],
    ['行业第一的服务商', '第一'],
    ['唯一指定渠道', '唯一'],
    ['办理首选', '首选'],
    ['100% 下款', '100%'],
    ['国家级认证', '国家级'],
    ['0 费率刷卡', '0 费率'],
    ['包过，秒批', '包过'],
  ])('flags %s', (text, found) => {
    expect(words(absoluteTerms(text))).toContain(found);
  });

  test.each([
    ['最近一次核实'],
    ['最好先问清楚'],
    ['最常见的情况'],
    ['最多收到封顶金额'],
    ['最高人民法院的解释'],
    ['第一步：填写申请表'],
    ['第一笔交易到账后'],
    ['2011 年首批'],
    ['一清与二清最大的区别'],
  ])('leaves plain language alone: %s', (text) => {
    expect(absoluteTerms(text)).toEqual([]);
  });

  test('quoted words are left out before the rules run', () => {
    expect(absoluteTerms(withoutQuotes('业务员说“最低费率”，文件写着「最高不超过」'))).toEqual([]);
  });
});

describe('免费 in titles and descriptions', () => {
  test('a title may not say 免费 unquoted; a quoted “免费” is the topic, not a promise', () => {
    expect(words(freeWithoutQualifier('免费申请 POS 机', 'title'))).toEqual(['免费']);
    expect(freeWithoutQualifier(withoutQuotes('“免费”免了什么'), 'title')).toEqual([]);
  });

  test('a description must name the deposit and a fee that is never refunded', () => {
    expect(freeWithoutQualifier('免费申请，押金达标可退', 'description')).toHaveLength(1);
    expect(freeWithoutQualifier('机器免费，激活时可能收押金，流量费和服务费不退', 'description')).toEqual([]);
  });
});

describe('银联 as a product', () => {
  test.each([['办一台银联 POS 机'], ['银联的机器'], ['银联个人 POS'], ['银联品牌']])('flags %s', (text) => {
    expect(unionpayAsProduct(text)).toHaveLength(1);
  });

  test.each([['银联商务 POS'], ['能受理银联卡'], ['银联二维码'], ['银联闪付']])('allows %s', (text) => {
    expect(unionpayAsProduct(text)).toEqual([]);
  });
});

describe('what counts as a figure', () => {
  test.each([['0.6%'], ['99 元'], ['3 到 10 个工作日'], ['约 5 分钟'], ['三四十元'], ['10 万元'], ['0.03%–0.05%']])('%s', (text) => {
    expect(text.match(FIGURE)).not.toBeNull();
  });

  test.each([['2024 年'], ['2024-05-01'], ['下一个工作日'], ['几十元'], ['每万元'], ['T1、D0']])('not %s', (text) => {
    expect(text.match(FIGURE)).toBeNull();
  });
});
