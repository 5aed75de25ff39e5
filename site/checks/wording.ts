/**
 * Wording rules a merchant would otherwise act on, applied to text with quoted passages already blanked out
 * (see `withoutQuotes`): the words of a law or a document may be quoted, our own sentences may not say them.
 *
 * - 广告法 Art. 9 absolutes (最…/第一/唯一/首选/100%/国家级/0 费率/包过/秒批) and assurances (放心);
 * - "免费" in a title or description (search results and share cards show it with nothing beside it);
 * - "银联" as if it made or sold the machine (it is a card scheme: the machine comes from 银联商务 or a bank).
 */

export interface WordingHit {
  /** Offset in the text, to find the line. */
  index: number;
  /** The words as written. */
  words: string;
  /** What to do, in Chinese, for the marketer. */
  advice: string;
}

/**
 * 最 + a word that ranks a product or a choice. 最近/最后/最多/最常见/最好先 (had better) and the like are plain
 * language and stay allowed; 最高人民法院 is a name.
 */
const SUPERLATIVE =
  /最(?:佳|优|低|广|大(?!的区别|的不同|的风险)|全|快|强|便宜|普及|安全|稳定|可靠|正规|靠谱|省钱|省|划算|高(?!人民)|好(?=的|用)|先进|专业|权威|实惠|受欢迎|火|热门|合适)/gu;
const ABSOLUTES = /第一(?![步笔次件层个天张批时])|唯一|首选|100\s*[%％]|百分之百|国家级|0\s*费率|零费率|包过|秒批|品牌层面可以放心|可以放心|放心用/gu;

/** Absolute terms and assurances 广告法 does not allow without proof. */
export function absoluteTerms(text: string): WordingHit[] {
  const hits: WordingHit[] = [];
  for (const match of text.matchAll(SUPERLATIVE)) {
    hits.push({
      index: match.index,
      words: match[0],
      advice: '广告法不允许用“最”字比较或评价（最低、最广、最普及等），请写出具体事实和来源，或改成不带比较的说法',
    });
  }
  for (const match of text.matchAll(ABSOLUTES)) {
    hits.push({
      index: match.index,
      words: match[0],
      advice:
        '广告法禁止的绝对化用语或担保（第一、唯一、首选、100%、国家级、0 费率、包过、秒批、“放心”），请删去或改写成可核实的事实；引用法规原文时请放在引号「」或“”里',
    });
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** "银联" followed by a machine word, outside 银联商务/银联卡/银联二维码…: reads as a 银联-made product. */
const UNIONPAY_PRODUCT = /银联(?!商务|卡|云闪付|二维码|闪付|网络|规则|标准|认证|旗下)\s*(?:个人\s*)?(?:POS|品牌|的机器|机具|刷卡机|机器)/gu;

export function unionpayAsProduct(text: string): WordingHit[] {
  return [...text.matchAll(UNIONPAY_PRODUCT)].map((match) => ({
    index: match.index,
    words: match[0],
    advice: '银联是卡组织，不生产也不发放机器：请写“银联商务”或“银行收单”，说能力时写“能受理银联卡”；引用商户的说法时放在引号里',
  }));
}

/** What a "免费" in a description must name beside it: the deposit, and the fees that are never refunded. */
const FREE_QUALIFIERS = [['押金'], ['流量费', '服务费', '激活费']] as const;

/**
 * "免费" in a title (no room for the qualifier: quote it, e.g. “免费”) or in a description that does not name the
 * deposit and a non-refundable fee in the same text.
 */
export function freeWithoutQualifier(text: string, where: 'title' | 'description'): WordingHit[] {
  const at = text.indexOf('免费');
  if (at === -1) return [];
  if (where === 'description' && FREE_QUALIFIERS.every((any) => any.some((word) => text.includes(word)))) return [];
  return [
    {
      index: at,
      words: '免费',
      advice:
        where === 'title'
          ? '标题会单独出现在搜索结果和分享卡片里，不能写不带说明的“免费”：请删去，或加引号写成“免费”并在摘要里说明押金和不退的服务费/流量费'
          : '摘要会单独出现在搜索结果里：写“免费”时，同一句要写明可能收取的押金，以及不退的流量费或服务费/激活费',
    },
  ];
}

/** 1-based line of `index` in a text that starts on `firstLine`. */
export function lineAt(text: string, index: number, firstLine: number): number {
  return firstLine + (text.slice(0, index).match(/\n/g)?.length ?? 0);
}
