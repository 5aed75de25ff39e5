/**
 * Whether a figure group's `source` lets a reader check the figures: every part of it (parts are separated by
 * "；") must be a web address, or a named document — a 《…》 title — together with its year or date.
 * "代理商公开报价汇总" or "行业常见做法" name nothing anyone can open, so they do not count.
 */

/** A web address. */
const WEB_ADDRESS = /https?:\/\/[^\s，。；、（）()]+\.[^\s，。；、（）()]+/i;
/** A document title in book-title marks. */
const NAMED_DOCUMENT = /《[^《》]{2,}》/;
/** A year (2016), which also covers a full date (2016-03-14) or a document number (〔2016〕557号). */
const YEAR = /(?:19|20)\d{2}/;

/** The parts of `source` that are neither a web address nor a named document with a year or date. */
export function uncitedParts(source: string): string[] {
  return source
    .split(/[；;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .filter((part) => !WEB_ADDRESS.test(part) && !(NAMED_DOCUMENT.test(part) && YEAR.test(part)));
}

/** True when every part of `source` is a web address or a named document with a year or date. */
export function isCitableSource(source: string): boolean {
  return source.trim() !== '' && uncitedParts(source).length === 0;
}
