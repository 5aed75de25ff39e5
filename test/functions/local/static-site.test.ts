import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticSiteHandler } from '../../../functions/local/static-site.ts';
import { send } from '../../support/http-client.ts';

let siteDir: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  siteDir = await mkdtemp(join(tmpdir(), 'site-'));
  await mkdir(join(siteDir, 'apply'), { recursive: true });
  await mkdir(join(siteDir, 'styles'), { recursive: true });
  await writeFile(join(siteDir, 'index.html'), '<h1>首页</h1>');
  await writeFile(join(siteDir, 'apply', 'index.html'), '<h1>申请</h1>');
  await writeFile(join(siteDir, 'styles', 'site.css'), `body{color:#222}${' '.repeat(2000)}`);
  await writeFile(join(siteDir, '404.html'), '<h1>页面不存在</h1>');
  const serve = createStaticSiteHandler(siteDir);
  server = createServer((request, response) => void serve(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(siteDir, { recursive: true, force: true });
});

describe('local static site server', () => {
  it('serves directory indexes with the right content type', async () => {
    const home = await send(`${origin}/`);
    const apply = await send(`${origin}/apply/`);

    expect(home.text).toBe('<h1>首页</h1>');
    expect(apply.status).toBe(200);
    expect(apply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(apply.text).toBe('<h1>申请</h1>');
  });

  it('redirects a directory without its trailing slash, keeping the query', async () => {
    const response = await send(`${origin}/apply?brand=lakala`);

    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/apply/?brand=lakala');
  });

  it.each([
    ['/.//apply', '/apply/'],
    ['//apply', '/apply/'],
    ['/.///apply?utm_source=x', '/apply/?utm_source=x'],
  ])('never redirects %s to another host (a scheme-relative //host)', async (path, location) => {
    const response = await send(`${origin}${path}`);

    expect(response.status).toBe(301);
    expect(response.headers.location).toBe(location);
  });

  it("answers unknown paths with the site's 404 page and status 404", async () => {
    const response = await send(`${origin}/no/such/page/`);

    expect(response.status).toBe(404);
    expect(response.text).toBe('<h1>页面不存在</h1>');
  });

  it.each(['/../package.json', '/%2e%2e/%2e%2e/package.json', '/apply/%00', '/%E0%A4%A'])('never escapes the site directory: %s', async (path) => {
    const response = await send(`${origin}${path}`);

    expect([400, 404]).toContain(response.status);
    expect(response.text).not.toContain('"name"');
  });

  it('gzips text when the browser accepts it', async () => {
    const response = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${origin}/styles/site.css`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', reject),
      );
    });

    expect(response.encoding).toBe('gzip');
    expect(gunzipSync(response.body).toString()).toMatch(/^body\{color:#222\}/);
  });
});
