/**
 * Site search with Pagefind's own index and client (/pagefind/pagefind.js, written by `npm run build`).
 * The form is a plain GET form (?q=...), so results are linkable and the back button works.
 * Pagefind segments Chinese at index time because pages declare lang="zh-CN".
 */
import { enhanceCopyLinks } from './copy-link.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
}

const MAX_RESULTS = 20;

export async function initSearch(): Promise<void> {
  const form = document.querySelector<HTMLFormElement>('#search-form');
  const input = document.querySelector<HTMLInputElement>('#search-input');
  const status = document.querySelector<HTMLElement>('#search-status');
  const list = document.querySelector<HTMLOListElement>('#search-results');
  if (!form || !input || !status || !list) return;
  document.querySelector('#search-no-js')?.setAttribute('hidden', '');
  enhanceCopyLinks();

  const query = new URLSearchParams(location.search).get('q')?.trim() ?? '';
  input.value = query;
  if (!query) return;

  status.textContent = '正在搜索…';
  let pagefind: Pagefind;
  try {
    // A runtime URL, not a module Vite should bundle: the index only exists after `npm run build`.
    const url = '/pagefind/pagefind.js';
    pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
    await pagefind.options({ excerptLength: 40 });
  } catch {
    status.textContent = '搜索暂时不可用（本地预览没有搜索索引，请先运行 npm run build）。';
    return;
  }

  const search = await pagefind.search(query);
  const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
  list.replaceChildren(...results.map(renderResult));
  status.textContent = results.length
    ? `“${query}”找到 ${search.results.length} 条结果${search.results.length > MAX_RESULTS ? `，显示前 ${MAX_RESULTS} 条` : ''}。`
    : `没有找到和“${query}”相关的内容，换个说法试试，比如“费率”“注销”“押金”。`;
}

function renderResult(result: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'card';
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = result.url;
  link.textContent = result.meta.title ?? result.url;
  heading.append(link);
  const excerpt = document.createElement('p');
  excerpt.append(...excerptNodes(result.excerpt));
  item.append(heading, excerpt);
  return item;
}

/** Pagefind marks matches with <mark>; keep those and treat everything else as text. */
function excerptNodes(excerpt: string): Node[] {
  return excerpt.split(/(<mark>.*?<\/mark>)/g).map((part) => {
    const match = /^<mark>(.*)<\/mark>$/.exec(part);
    if (!match) return document.createTextNode(decodeEntities(part));
    const mark = document.createElement('mark');
    mark.textContent = decodeEntities(match[1] ?? '');
    return mark;
  });
}

function decodeEntities(text: string): string {
  const textarea = document.createElement('textarea');
  textarea.innerHTML = text;
  return textarea.value;
}
