/**
 * After a publish, tell search engines which pages changed, when the stage file holds their keys
 * (functions/deployment/stages.ts searchSubmission): IndexNow (Bing, Yandex, Seznam, Naver…) and Baidu's 普通收录 push.
 * Unset keys skip the engine; a failed push is reported and never fails the publish (the sitemap still lists the page).
 */
import type { StageSettings } from './stages.ts';

export interface SearchEngineEndpoints {
  /** https://api.indexnow.org/indexnow */
  readonly indexNow: string;
  /** http://data.zz.baidu.com/urls */
  readonly baidu: string;
}

export const searchEngineEndpoints: SearchEngineEndpoints = {
  indexNow: 'https://api.indexnow.org/indexnow',
  baidu: 'http://data.zz.baidu.com/urls',
};

/** The key file IndexNow fetches to check that we own the host (published with the site). */
export function indexNowKeyFile(key: string): { path: string; body: Uint8Array } {
  return { path: `${key}.txt`, body: new TextEncoder().encode(key) };
}

/** Public URLs of the changed pages (HTML only; `x/index.html` → `https://host/x/`). */
export function changedPageUrls(siteUrl: string, uploadedPaths: readonly string[]): string[] {
  return uploadedPaths
    .filter((path) => path.endsWith('.html') && path !== '404.html')
    .map((path) => new URL(path.endsWith('index.html') ? path.slice(0, -'index.html'.length) : path, `${siteUrl}/`).href);
}

/** One line per engine: what was sent, or why not. */
export async function submitChangedPages(
  siteUrl: string,
  urls: readonly string[],
  keys: StageSettings['searchSubmission'],
  endpoints: SearchEngineEndpoints = searchEngineEndpoints,
): Promise<string[]> {
  if (urls.length === 0) return [];
  const host = new URL(siteUrl).host;
  const outcomes: string[] = [];
  const attempt = async (engine: string, send: () => Promise<Response>) => {
    try {
      const answer = await send();
      outcomes.push(answer.ok ? `${engine}：已提交 ${urls.length} 个网址` : `${engine}：提交失败（HTTP ${answer.status}），不影响发布`);
    } catch (error) {
      outcomes.push(`${engine}：提交失败（${error instanceof Error ? error.message : String(error)}），不影响发布`);
    }
  };
  if (keys?.indexNowKey) {
    const key = keys.indexNowKey;
    await attempt('IndexNow', () =>
      fetch(endpoints.indexNow, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ host, key, keyLocation: `${siteUrl}/${indexNowKeyFile(key).path}`, urlList: urls }),
        signal: AbortSignal.timeout(10_000),
      }),
    );
  }
  if (keys?.baiduToken) {
    const url = `${endpoints.baidu}?site=${encodeURIComponent(siteUrl)}&token=${encodeURIComponent(keys.baiduToken)}`;
    await attempt('百度', () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: urls.join('\n'), signal: AbortSignal.timeout(10_000) }),
    );
  }
  return outcomes;
}
