/**
 * What the content check needs from an article body: internal links, images and MDX component uses, each with
 * its file line. The body is parsed as MDX (micromark's MDX extensions into mdast, the parser family @astrojs/mdx
 * builds on), so code blocks, inline code and JSX are told apart exactly as the site build tells them apart.
 * A body the build could not parse comes back with `syntaxError` instead of a partial scan.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown, type MdxJsxFlowElement, type MdxJsxTextElement } from 'mdast-util-mdx';
import { mdxjs } from 'micromark-extension-mdxjs';

type Root = ReturnType<typeof fromMarkdown>;
/** Any node of the tree (the MDX extensions register their node types into mdast's content maps). */
type Nodes = Root | Root['children'][number] | MdxJsxFlowElement | MdxJsxTextElement;

export interface Located {
  line: number;
}

export interface LinkUse extends Located {
  href: string;
}

export interface ImageUse extends Located {
  src: string;
  /** undefined = no alt attribute at all (HTML <img>); '' = empty alt. */
  alt: string | undefined;
  /** How it was written, for the message. */
  source: string;
}

export interface ComponentUse extends Located {
  name: string;
  props: Record<string, string>;
}

/** A call to action that promises something free: a link to /apply/ or a heading saying 免费申请. */
export interface FreeCta extends Located {
  /** The words as written. */
  text: string;
  /** The same block or the next one says what may still be charged (押金 and 流量费). */
  qualified: boolean;
}

/** A figure (a number with a unit a merchant acts on: 元, %, 天, 个工作日, 分钟) in a sentence that cites nothing. */
export interface UnsourcedFigure extends Located {
  /** The figure as written, e.g. 0.03%、99 元、三四十元. */
  figure: string;
}

/** A figure that does cite its source (its sentence has a link, or it sits in <Callout type="example">). */
export interface SourcedFigure extends Located {
  figure: string;
}

/**
 * A sentence that hedges the site's data in general terms (“…以合同为准”“仅供参考”) and cites nothing. Said once per
 * article with a link to /data-notes/; repeated, it reads as boilerplate and hides the one instruction that matters.
 */
export interface DataCaveat extends Located {
  /** The sentence, trimmed, for the message. */
  sentence: string;
}

/** Words to check for advertising-law absolutes and other wording rules: visible text outside quotes and code. */
export interface PlainText extends Located {
  text: string;
}

export interface BodyScan {
  links: LinkUse[];
  images: ImageUse[];
  components: ComponentUse[];
  freeCtas: FreeCta[];
  unsourcedFigures: UnsourcedFigure[];
  sourcedFigures: SourcedFigure[];
  /** Generic data caveats in document order (sentences with 为准/仅供参考 and no outside link of their own). */
  dataCaveats: DataCaveat[];
  /** Each text node's words, with quoted passages («“…”», 「…」, blockquotes) left out. */
  plainTexts: PlainText[];
  /** Set when the body is not valid MDX (the site build would fail on it): where and what, in the parser's words. */
  syntaxError?: Located & { message: string };
}

/**
 * @param body the MDX text after the frontmatter
 * @param firstLine file line number of the body's first line
 */
export function scanMdxBody(body: string, firstLine: number): BodyScan {
  const scan: BodyScan = { links: [], images: [], components: [], freeCtas: [], unsourcedFigures: [], sourcedFigures: [], dataCaveats: [], plainTexts: [] };
  let tree: Root;
  try {
    tree = fromMarkdown(body, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] });
  } catch (error) {
    scan.syntaxError = { line: firstLine + lineOfParseError(error) - 1, message: (error as Error).message };
    return scan;
  }
  const lineOf = (node: Nodes) => firstLine + (node.position?.start.line ?? 1) - 1;
  const sourceOf = (node: Nodes) => body.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);

  visit(tree, (node) => {
    switch (node.type) {
      case 'link':
      case 'definition':
        scan.links.push({ line: lineOf(node), href: node.url });
        break;
      case 'image':
        scan.images.push({ line: lineOf(node), src: node.url, alt: (node.alt ?? '').trim(), source: sourceOf(node) });
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        if (!node.name) break;
        const line = lineOf(node);
        const props = stringProps(node);
        if (props.href !== undefined) scan.links.push({ line, href: props.href });
        if (node.name === 'img') scan.images.push({ line, src: props.src ?? '', alt: props.alt, source: openingTagOf(sourceOf(node)) });
        if (/^[A-Z]/.test(node.name)) scan.components.push({ line, name: node.name, props });
        break;
      }
    }
  });
  scan.freeCtas = freeCtasOf(tree, lineOf);
  collectFigures(tree, lineOf, scan);
  collectPlainTexts(tree, lineOf, scan);
  return scan;
}

/**
 * A number with a unit: Arabic (0.6%、99 元、3–10 个工作日、+0.03–0.05%) or a Chinese amount of money (三四十元、
 * 六十元). Years and dates carry no such unit (2024 年, 2024-05-01); 下一个工作日, 每万元 and 几十元 name no figure.
 */
export const FIGURE =
  /(?:\d[\d,]*(?:\.\d+)?(?:\s*[–~～\-—至到]\s*\d[\d,]*(?:\.\d+)?)?\s*(?:%|％|个工作日|工作日|万?元|天|分钟))|(?:[一二三四五六七八九两][一二三四五六七八九十两百千万]*元)/gu;

/**
 * The wording of a generic caveat about the data. A sentence that also links an outside source points to something the
 * merchant can open (the PBOC list, a document): that is an instruction, not boilerplate, and is not counted. A link
 * inside the site (say to /data-notes/) does not make a second caveat any less repeated.
 */
export const DATA_CAVEAT = /为准|仅供参考/u;

/** Sentence ends (a figure must cite in its own sentence, not somewhere else in the paragraph). */
const SENTENCE_END = /[。！？!?]/u;
/** Stand for a link inside the flattened text of a block, so a sentence knows it cites something (and what kind). */
const LINK_MARK = '\u0001';
const SITE_LINK_MARK = '\u0002';

/**
 * Every figure in the body, sourced or not, and every generic data caveat (both are read sentence by sentence). A figure is sourced when its sentence holds a link (the reader can open
 * the source) or it sits inside <Callout type="example"> (a worked example, labelled as such on the page).
 * Blocks are paragraphs, headings and table rows; code is never read.
 */
function collectFigures(tree: Root, lineOf: (node: Nodes) => number, scan: BodyScan): void {
  const walk = (node: Nodes, example: boolean) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableRow') {
      figuresOfBlock(node, lineOf, example, scan);
      return;
    }
    const isExample =
      (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'Callout' && stringProps(node).type === 'example';
    if ('children' in node) for (const child of node.children) walk(child as Nodes, example || isExample);
  };
  walk(tree, false);
}

function figuresOfBlock(block: Nodes, lineOf: (node: Nodes) => number, example: boolean, scan: BodyScan): void {
  // The block flattened to text, each piece remembering the line it starts on.
  const pieces: { text: string; line: number }[] = [];
  const flatten = (node: Nodes) => {
    if (node.type === 'text') pieces.push({ text: node.value, line: lineOf(node) });
    else if (node.type === 'link') pieces.push({ text: node.url.startsWith('/') ? SITE_LINK_MARK : LINK_MARK, line: lineOf(node) });
    else if (node.type === 'tableCell') pieces.push({ text: ' | ', line: lineOf(node) });
    if (node.type === 'inlineCode' || node.type === 'code') return;
    if ('children' in node) for (const child of node.children) flatten(child as Nodes);
  };
  flatten(block);
  const lineAt = (offset: number) => {
    let at = 0;
    for (const piece of pieces) {
      if (offset < at + piece.text.length) return piece.line + (piece.text.slice(0, offset - at).match(/\n/g)?.length ?? 0);
      at += piece.text.length;
    }
    return pieces.at(-1)?.line ?? lineOf(block);
  };
  const text = pieces.map((piece) => piece.text).join('');
  let sentenceStart = 0;
  for (const sentence of text.split(new RegExp(`(?<=${SENTENCE_END.source})`, 'u'))) {
    const cites = example || sentence.includes(LINK_MARK) || sentence.includes(SITE_LINK_MARK);
    if (DATA_CAVEAT.test(sentence) && !sentence.includes(LINK_MARK)) {
      scan.dataCaveats.push({ line: lineAt(sentenceStart + (DATA_CAVEAT.exec(sentence)?.index ?? 0)), sentence: sentence.trim() });
    }
    for (const match of sentence.matchAll(FIGURE)) {
      const clause = clauseAround(sentence, match.index);
      const figure = { line: lineAt(sentenceStart + match.index), figure: match[0].replace(/\s+/g, ' ').trim() };
      // A link elsewhere in the sentence does not make hearsay citable (“其他渠道口头报价从三四十元到六十元不等”).
      (cites && !HEARSAY.test(clause) ? scan.sourcedFigures : scan.unsourcedFigures).push(figure);
    }
    sentenceStart += sentence.length;
  }
}

/** Words that say a figure comes from something nobody can open: an oral quote, a rumour. */
const HEARSAY = /口头|听说|据说|传言|网传|业内流传/u;

/** The clause (between ，；、 and sentence ends) around `index`. */
function clauseAround(sentence: string, index: number): string {
  const before =
    sentence
      .slice(0, index)
      .split(/[，,；;]/u)
      .at(-1) ?? '';
  const after = sentence.slice(index).split(/[，,；;]/u)[0] ?? '';
  return before + after;
}

/** Quoted passages: what a law or a document says, in its words, may use words our own sentences must not. */
const QUOTED = /“[^”]*”|「[^」]*」|《[^》]*》/gu;

/** Leaves out quoted passages, keeping the rest of the text (so the words around a quote are still read). */
export function withoutQuotes(text: string): string {
  return text.replace(QUOTED, (quote) => ' '.repeat(quote.length));
}

/** Text nodes outside blockquotes and code, quotes blanked out, for the wording rules. */
function collectPlainTexts(tree: Root, lineOf: (node: Nodes) => number, scan: BodyScan): void {
  const walk = (node: Nodes) => {
    if (node.type === 'blockquote' || node.type === 'code' || node.type === 'inlineCode') return;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      // Quotes may span several text nodes (“…[link]…”), so blank them on the block's whole text.
      const texts: { text: string; line: number }[] = [];
      visit(node, (child) => {
        if (child.type === 'text') texts.push({ text: child.value, line: lineOf(child) });
      });
      const joined = withoutQuotes(texts.map((piece) => piece.text).join(''));
      let at = 0;
      for (const piece of texts) {
        scan.plainTexts.push({ line: piece.line, text: joined.slice(at, at + piece.text.length) });
        at += piece.text.length;
      }
      return;
    }
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const props = stringProps(node);
      for (const key of ['title', 'q'] as const) if (props[key]) scan.plainTexts.push({ line: lineOf(node), text: withoutQuotes(props[key]) });
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
}

/** What a "免费" call to action must say next to it: the deposit, the SIM fee and the non-refundable 服务费/激活费. */
const CHARGES_NAMED = [['押金'], ['流量费'], ['服务费', '激活费']] as const;

/**
 * "免费" calls to action among the top-level blocks: a heading with 免费申请, or a link to /apply/ whose words say
 * 免费. Each must have, in its own block or the next one, what may still be charged (the explanation of "free" is not
 * itself a call to action: a heading such as “免费”到底免的是什么 names no application).
 */
function freeCtasOf(tree: Root, lineOf: (node: Nodes) => number): FreeCta[] {
  const blocks = tree.children as Nodes[];
  return blocks.flatMap((block, index) => {
    const ctas: { node: Nodes; text: string }[] = [];
    if (block.type === 'heading' && textOf(block).includes('免费申请')) ctas.push({ node: block, text: textOf(block) });
    visit(block, (node) => {
      if (node.type === 'link' && node.url.startsWith('/apply/') && textOf(node).includes('免费')) ctas.push({ node, text: textOf(node) });
    });
    const next = blocks[index + 1];
    const nearby = textOf(block) + (next ? textOf(next) : '');
    const qualified = CHARGES_NAMED.every((anyOf) => anyOf.some((charge) => nearby.includes(charge)));
    return ctas.map(({ node, text }) => ({ line: lineOf(node), text, qualified }));
  });
}

/** The visible words of a node. */
function textOf(node: Nodes): string {
  let text = '';
  visit(node, (child) => {
    if (child.type === 'text' || child.type === 'inlineCode') text += child.value;
  });
  return text;
}

/**
 * The body line a parse error points at. micromark's messages carry it as `line` or `place` when the parser knows
 * a point, and otherwise only in the text (`Expected a closing tag for \`<Callout>\` (3:1-3:21)`).
 */
function lineOfParseError(error: unknown): number {
  const { line, place, message } = error as { line?: number; place?: { line?: number; start?: { line?: number } }; message?: string };
  return line ?? place?.line ?? place?.start?.line ?? Number(/\((\d+):\d+/.exec(message ?? '')?.[1] ?? 1);
}

/** Depth-first, in document order (so findings come out sorted by line). */
function visit(node: Nodes, enter: (node: Nodes) => void): void {
  enter(node);
  if ('children' in node) for (const child of node.children) visit(child as Nodes, enter);
}

/** String-valued attributes: `id="x"`, `brand='y'`, `title={"z"}` (a plain string literal in braces). */
function stringProps(element: MdxJsxFlowElement | MdxJsxTextElement): Record<string, string> {
  const props: Record<string, string> = {};
  for (const attribute of element.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') continue;
    if (typeof attribute.value === 'string') props[attribute.name] = attribute.value;
    else if (attribute.value === null || attribute.value === undefined) continue;
    else {
      const literal = /^\s*(["'`])([^"'`]*)\1\s*$/.exec(attribute.value.value);
      if (literal?.[2] !== undefined) props[attribute.name] = literal[2];
    }
  }
  return props;
}

/** `<img src="…" alt="…" />` out of an element's source, for messages. */
function openingTagOf(source: string): string {
  const end = source.indexOf('>');
  return end === -1 ? source : source.slice(0, end + 1);
}

/** Noise tokens copied from the seed page's SEO tricks: never publish them. */
export const NOISE_TOKENS = ['POSS', '身份F证', '刷ka卡'] as const;

/**
 * Latin words that legitimately sit inside Chinese text without spaces (e.g. 拉卡拉POS机, 流量SIM卡).
 * Any other Latin letters wedged between Chinese characters (身份F证明, 刷ka卡) look like the seed's SEO noise.
 */
const LATIN_WORDS_IN_CHINESE = new Set([
  'POS',
  'MPOS',
  'SIM',
  'NFC',
  'QR',
  'APP',
  'ID',
  'IC',
  'SN',
  'KYC',
  'PIN',
  'WIFI',
  'WI',
  'FI',
  'GPRS',
  'USB',
  'VIP',
  'AI',
  'OCR',
  'PDF',
  'UTM',
  'AWS',
  'PIPL',
  'HTTPS',
  'SAAS',
  'OK',
  'A',
  'B',
  'C',
]);

export interface NoiseHit extends Located {
  token: string;
}

/** Every noise token and every suspicious Latin-in-Chinese spelling, line by line. */
export function findNoise(text: string, firstLine = 1): NoiseHit[] {
  const hits: NoiseHit[] = [];
  text.split('\n').forEach((lineText, index) => {
    const line = firstLine + index;
    const covered: [number, number][] = [];
    for (const token of NOISE_TOKENS) {
      for (let at = lineText.indexOf(token); at !== -1; at = lineText.indexOf(token, at + token.length)) {
        hits.push({ line, token });
        covered.push([at, at + token.length]);
      }
    }
    for (const match of lineText.matchAll(/(\p{Script=Han})([A-Za-z]+)(\p{Script=Han})/gu)) {
      const start = match.index + (match[1] ?? '').length;
      const word = match[2] ?? '';
      if (LATIN_WORDS_IN_CHINESE.has(word.toUpperCase())) continue;
      if (covered.some(([from, to]) => start < to && start + word.length > from)) continue;
      hits.push({ line, token: match[0] });
    }
  });
  return hits;
}
