/**
 * Titles, descriptions and headings of the pages that both the static site and the API render (the API answers a
 * form posted without JavaScript with the same page): declared once, so the two cannot drift.
 */

/**
 * The apply page. Search results show the title and description with nothing beside them, so neither says 免费
 * without the deposit and the fees that are never refunded; the heading sits next to the free qualifier.
 */
export const applyPageText = {
  title: '申请 POS 机',
  description: '申请 POS 机：填姓名、手机号、城市和想要的品牌即可，不要身份证和银行卡。机器不收费，激活时可能收押金，流量费和部分渠道的服务费不退。',
  heading: '免费申请 POS 机',
} as const;

export const statusPageText = {
  title: '申请进度查询',
  description: '凭申请编号和手机号后 4 位，查看 POS 机申请处理到哪一步。',
  heading: '申请进度查询',
} as const;
