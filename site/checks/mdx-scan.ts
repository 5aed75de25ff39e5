/**
 * What the content check needs from an article body: internal links, images and MDX component uses, each with
 * its file line. A light scanner (not a full MDX parser): fenced and inline code are blanked out first, so
 * examples inside code never count as real links or components.
 */

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

export interface BodyScan {
  links: LinkUse[];
  images: ImageUse[];
  components: ComponentUse[];
}

/**
 * @param body the MDX text after the frontmatter
 * @param firstLine file line number of the body's first line
 */
export function scanMdxBody(body: string, firstLine: number): BodyScan {
  const text = blankOutCode(body);
  const lineAt = (offset: number) => firstLine + countNewlines(text, offset);
  const scan: BodyScan = { links: [], images: [], components: [] };

  for (const match of text.matchAll(/(!?)\[([^\]\n]*)\]\(\s*<?([^()\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
    const [source, bang, label, target] = match;
    if (bang) scan.images.push({ line: lineAt(match.index), src: target, alt: label.trim(), source });
    else scan.links.push({ line: lineAt(match.index), href: target });
  }
  for (const match of text.matchAll(/<([A-Za-z][A-Za-z0-9]*)\b((?:[^>"'{}]|"[^"]*"|'[^']*'|\{[^}]*\})*?)\/?>/g)) {
    const [source, name, rawProps] = match;
    const line = lineAt(match.index);
    const props = parseProps(rawProps);
    if (props.href !== undefined) scan.links.push({ line, href: props.href });
    if (name === 'img') scan.images.push({ line, src: props.src ?? '', alt: props.alt, source });
    if (/^[A-Z]/.test(name)) scan.components.push({ line, name, props });
  }
  return scan;
}

/** String-valued attributes: `id="x"`, `brand='y'`, `title={"z"}`. */
function parseProps(raw: string): Record<string, string> {
  const props: Record<string, string> = {};
  for (const match of raw.matchAll(/([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/g)) {
    props[match[1]] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return props;
}

/** Replaces fenced code blocks and inline code with spaces, keeping every newline (so line numbers stay right). */
function blankOutCode(text: string): string {
  const blank = (code: string) => code.replace(/[^\n]/g, ' ');
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank).replace(/`[^`\n]+`/g, blank);
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** Noise tokens copied from the seed page's SEO tricks: never publish them. */
export const NOISE_TOKENS = ['POSS', '身份F证', '刷ka卡'] as const;

/**
 * Latin words that legitimately sit inside Chinese text without spaces (e.g. 拉卡拉POS机, 流量SIM卡).
 * Any other Latin letters wedged between Chinese characters (身份F证明, 刷ka卡) look like the seed's SEO noise.
 */
const LATIN_WORDS_IN_CHINESE = new Set([
  'POS', 'MPOS', 'SIM', 'NFC', 'QR', 'APP', 'ID', 'IC', 'SN', 'KYC', 'PIN', 'WIFI', 'WI', 'FI', 'GPRS', 'USB', 'VIP',
  'AI', 'OCR', 'PDF', 'UTM', 'AWS', 'PIPL', 'HTTPS', 'SAAS', 'OK', 'A', 'B', 'C',
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
      const start = match.index + match[1].length;
      const word = match[2];
      if (LATIN_WORDS_IN_CHINESE.has(word.toUpperCase())) continue;
      if (covered.some(([from, to]) => start < to && start + word.length > from)) continue;
      hits.push({ line, token: match[0] });
    }
  });
  return hits;
}
