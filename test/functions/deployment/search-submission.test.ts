import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedPageUrls, indexNowKeyFile, submitChangedPages } from '../../../functions/deployment/search-submission.ts';

const received: { url: string; type: string; body: string }[] = [];
let status = 200;
const server = createServer(async (request: IncomingMessage, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  received.push({ url: request.url ?? '', type: String(request.headers['content-type']), body });
  response.writeHead(status).end('{}');
});
let base: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('changedPageUrls', () => {
  it('lists changed pages by their public URL, without assets or the 404 page', () => {
    expect(changedPageUrls('https://pos.shop-pos.cn', ['articles/a/index.html', 'index.html', '_astro/x.css', '404.html'])).toEqual([
      'https://pos.shop-pos.cn/articles/a/',
      'https://pos.shop-pos.cn/',
    ]);
  });
});

describe('submitChangedPages', () => {
  const urls = ['https://pos.shop-pos.cn/articles/a/'];

  it('skips every engine whose key is not set', async () => {
    received.length = 0;
    expect(await submitChangedPages('https://pos.shop-pos.cn', urls, undefined, { indexNow: `${base}/indexnow`, baidu: `${base}/urls` })).toEqual([]);
    expect(received).toEqual([]);
  });

  it('sends IndexNow its JSON with the key location, and Baidu the URL list with the token', async () => {
    received.length = 0;
    status = 200;
    const outcomes = await submitChangedPages(
      'https://pos.shop-pos.cn',
      urls,
      { indexNowKey: 'a1b2c3d4e5f6', baiduToken: 'T0ken1234' },
      { indexNow: `${base}/indexnow`, baidu: `${base}/urls` },
    );

    expect(outcomes).toEqual(['IndexNow：已提交 1 个网址', '百度：已提交 1 个网址']);
    expect(JSON.parse(received[0]!.body)).toEqual({
      host: 'pos.shop-pos.cn',
      key: 'a1b2c3d4e5f6',
      keyLocation: 'https://pos.shop-pos.cn/a1b2c3d4e5f6.txt',
      urlList: urls,
    });
    expect(received[1]).toMatchObject({ url: '/urls?site=https%3A%2F%2Fpos.shop-pos.cn&token=T0ken1234', type: 'text/plain', body: urls[0] });
    expect(new TextDecoder().decode(indexNowKeyFile('a1b2c3d4e5f6').body)).toBe('a1b2c3d4e5f6');
  });

  it('reports a refused push without failing the publish', async () => {
    status = 403;
    expect(
      await submitChangedPages('https://pos.shop-pos.cn', urls, { baiduToken: 'T0ken1234' }, { indexNow: `${base}/indexnow`, baidu: `${base}/urls` }),
    ).toEqual(['百度：提交失败（HTTP 403），不影响发布']);
  });
});
