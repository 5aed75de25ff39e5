import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

// Load the CloudFront Function the way CloudFront does: a script that defines a global `handler`.
const source = readFileSync(new URL('../../../infra/edge/directory-index.js', import.meta.url), 'utf8');
const sandbox: { handler?: (event: unknown) => any } = {};
runInNewContext(source, sandbox);
const handler = sandbox.handler!;

type QueryString = Record<string, { value: string; multiValue?: { value: string }[] }>;
const viewerRequest = (uri: string, querystring: QueryString = {}) => ({
  version: '1.0',
  context: { eventType: 'viewer-request' },
  viewer: { ip: '203.0.113.7' },
  request: { method: 'GET', uri, querystring, headers: {}, cookies: {} },
});

describe('directory-index CloudFront Function', () => {
  it.each([
    ['/', '/index.html'],
    ['/articles/lakala-review/', '/articles/lakala-review/index.html'],
  ])('serves %s from %s', (uri, expected) => {
    const result = handler(viewerRequest(uri));

    expect(result.uri).toBe(expected);
    expect(result.statusCode).toBeUndefined();
  });

  it.each(['/_astro/page.D3x9.js', '/favicon.svg', '/404.html', '/pagefind/pagefind.js'])('passes the file %s through unchanged', (uri) => {
    expect(handler(viewerRequest(uri)).uri).toBe(uri);
  });

  it('redirects a directory URL without its slash permanently, keeping UTM parameters', () => {
    const result = handler(
      viewerRequest('/articles/lakala-review', {
        utm_source: { value: 'wechat' },
        utm_campaign: { value: 'spring%20sale' },
        tag: { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] },
      }),
    );

    expect(result).toEqual({
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: '/articles/lakala-review/?utm_source=wechat&utm_campaign=spring%20sale&tag=a&tag=b' } },
    });
  });

  it('redirects without a dangling "?" when there is no query string', () => {
    expect(handler(viewerRequest('/apply')).headers.location.value).toBe('/apply/');
  });

  it.each([
    ['//evil.example/x', '/evil.example/x/'],
    ['///evil.example/x', '/evil.example/x/'],
    ['/\\evil.example/x', '/evil.example/x/'],
    ['/\\/evil.example/x', '/evil.example/x/'],
    // Browsers drop tab, CR and LF in URLs: each of these would read as //evil.example/x/.
    ['/\t/evil.example/x', '/evil.example/x/'],
    ['/\r/evil.example/x', '/evil.example/x/'],
    ['/\n/evil.example/x', '/evil.example/x/'],
    ['/\t\\\n/evil.example/x', '/evil.example/x/'],
  ])('never redirects %j to another host: tab, CR and LF removed, leading slashes collapse into one', (uri, location) => {
    const result = handler(viewerRequest(uri));

    expect(result.statusCode).toBe(301);
    expect(result.headers.location.value).toBe(location);
  });
});
