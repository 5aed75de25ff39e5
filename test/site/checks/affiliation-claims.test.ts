import { describe, expect, it } from 'vitest';
import { undeclaredAffiliationClaims } from '../../../site/checks/affiliation-claims.ts';

describe('undeclaredAffiliationClaims', () => {
  it("flags the site calling itself a company's authorised partner when the settings state no such tie", () => {
    const text = '第一行\n本站是拉卡拉官方授权服务商，办理放心。\n我们作为盛付通签约渠道为您服务。';

    expect(undeclaredAffiliationClaims(text, [])).toEqual([
      { line: 2, text: '本站是拉卡拉官方授权服务商' },
      { line: 3, text: '我们作为盛付通签约渠道' },
    ]);
  });

  it('accepts a claim the settings state, and still flags one about another company', () => {
    const text = '本站是拉卡拉授权服务商。\n我们也是银联商务合作机构。';

    expect(undeclaredAffiliationClaims(text, ['拉卡拉'])).toEqual([{ line: 2, text: '我们也是银联商务合作机构' }]);
  });

  it("leaves advice about checking other people's claims alone", () => {
    expect(undeclaredAffiliationClaims('办理前请核实对方是不是拉卡拉授权服务商，要求出示授权书。', [])).toEqual([]);
  });

  it('flags a claim that names no company at all (一级代理 of whom?)', () => {
    expect(undeclaredAffiliationClaims('我们是一级代理渠道，价格最低。', ['拉卡拉'])).toEqual([{ line: 1, text: '我们是一级代理' }]);
  });
});
