/**
 * Share cards (og:image) and the favicon set, drawn at build time with sharp from SVG: nothing is fetched, and the
 * Chinese text is set in the machine's own Noto Sans CJK (Debian `fonts-noto-cjk`, on CI and the build machines) via
 * fontconfig. 1200 × 630 is what WeChat's and Weibo's link previews crop from (WeChat takes the centre square, so the
 * title sits in the middle).
 */
import sharp from 'sharp';
// The icon the pages link as SVG, bundled as text (a file path would not survive the build's bundling).
import faviconSvg from '../../public/favicon.svg?raw';
import { DEFAULT_SHARE_CARD_PATH, DEFAULT_SHARE_CARD_TITLE, SHARE_CARD, SITE_NAME, shareCardAlt } from '#functions/http/page-shell.ts';

// Declared in the page shell, which the API's pages share: re-exported for the site's pages.
export { DEFAULT_SHARE_CARD_PATH, DEFAULT_SHARE_CARD_TITLE, SHARE_CARD, shareCardAlt };
/** Where each article's own card is served. */
export const articleShareCardPath = (slug: string) => `/og/articles/${slug}.png`;

const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
const CHARACTERS_PER_LINE = 14;
const MAX_LINES = 3;

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Title broken into lines that fit the card (CJK counts one per character; a long title ends with …). */
export function titleLines(title: string): string[] {
  const characters = Array.from(title);
  const lines: string[] = [];
  for (let i = 0; i < characters.length && lines.length < MAX_LINES; i += CHARACTERS_PER_LINE)
    lines.push(characters.slice(i, i + CHARACTERS_PER_LINE).join(''));
  if (characters.length > CHARACTERS_PER_LINE * MAX_LINES)
    lines[MAX_LINES - 1] = `${Array.from(lines[MAX_LINES - 1]!)
      .slice(0, -1)
      .join('')}…`;
  return lines;
}

/** A 1200 × 630 PNG: the title large in the middle, the site's name below, in the site's colours. */
export async function renderShareCard(title: string): Promise<Buffer> {
  const lines = titleLines(title);
  const lineHeight = 84;
  const top = SHARE_CARD.height / 2 - ((lines.length - 1) * lineHeight) / 2 - 20;
  const text = lines
    .map(
      (line, index) =>
        `<text x="600" y="${top + index * lineHeight}" font-size="64" font-weight="700" text-anchor="middle" dominant-baseline="middle">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SHARE_CARD.width}" height="${SHARE_CARD.height}">
<rect width="100%" height="100%" fill="#0b57d0"/>
<rect x="40" y="40" width="1120" height="550" rx="24" fill="#ffffff"/>
<g font-family="${FONT}" fill="#1f2328">${text}</g>
<rect x="520" y="${SHARE_CARD.height - 130}" width="160" height="6" rx="3" fill="#a83a06"/>
<text x="600" y="${SHARE_CARD.height - 90}" font-family="${FONT}" font-size="34" fill="#57606a" text-anchor="middle">${escapeXml(SITE_NAME)}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
}

/** The site's icon (public/favicon.svg) as a square PNG of `size` pixels on white (apple-touch icons are not transparent). */
export async function renderIconPng(size: number, background = '#ffffff'): Promise<Buffer> {
  return sharp(Buffer.from(faviconSvg), { density: Math.ceil((72 * size) / 32) })
    .resize(size, size)
    .flatten({ background })
    .png()
    .toBuffer();
}

/** `/favicon.ico` for the browsers and in-app readers that ask for nothing else: PNG images in an ICO container. */
export async function renderFaviconIco(sizes: readonly number[] = [16, 32, 48]): Promise<Buffer> {
  const images = await Promise.all(sizes.map((size) => renderIconPng(size)));
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(sizes[index]! % 256, entry); // width (0 means 256)
    header.writeUInt8(sizes[index]! % 256, entry + 1); // height
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(image.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += image.length;
  });
  return Buffer.concat([header, ...images]);
}
