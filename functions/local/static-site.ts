/**
 * Serves the built site (`site/dist`) like the S3 + CloudFront setup: `/dir/` → `dir/index.html`, `/dir` → 301 to
 * `/dir/`, unknown paths → the site's `404.html` with status 404.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';
import { parseRequestTarget } from './request-target.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.vcf': 'text/vcard; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|manifest\+json)|image\/svg)/;

export interface StaticSite {
  (request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Serve one file of the site with this status (CloudFront's custom error page), or a plain text stand-in. */
  servePage(request: IncomingMessage, response: ServerResponse, pagePath: string, statusCode: number): Promise<void>;
}

export function createStaticSiteHandler(siteDir: string): StaticSite {
  const root = resolve(siteDir);

  const servePage: StaticSite['servePage'] = async (request, response, pagePath, statusCode) => {
    const page = join(root, pagePath);
    if (await isFile(page)) return sendFile(request, response, page, statusCode);
    response.writeHead(statusCode, { 'content-type': 'text/plain; charset=utf-8' }).end(`${statusCode} (site/dist has no ${pagePath} yet: run npm run build)`);
  };
  const notFound = (request: IncomingMessage, response: ServerResponse) => servePage(request, response, '404.html', 404);

  const serveStatic = async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method Not Allowed');
      return;
    }
    const url = parseRequestTarget(request.url);
    if (!url) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad Request');
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad Request');
      return;
    }
    const target = resolve(join(root, path));
    if (path.includes('\0') || (target !== root && !target.startsWith(root + sep))) return notFound(request, response);

    const found = await stat(target).catch(() => undefined);
    if (found?.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        // Never `//host/…` (a scheme-relative URL to another site), whatever `/.//host` or `/\\host` normalised to.
        const sameHostPath = `/${url.pathname.replace(/^[/\\]+/, '')}`;
        response.writeHead(301, { location: `${sameHostPath}/${url.search}` }).end();
        return;
      }
      const index = join(target, 'index.html');
      if (await isFile(index)) return sendFile(request, response, index, 200);
      return notFound(request, response);
    }
    if (found?.isFile()) return sendFile(request, response, target, 200);
    return notFound(request, response);
  };
  return Object.assign(serveStatic, { servePage });
}

const isFile = (path: string): Promise<boolean> =>
  stat(path).then(
    (found) => found.isFile(),
    () => false,
  );

async function sendFile(request: IncomingMessage, response: ServerResponse, file: string, statusCode: number): Promise<void> {
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const gzip = COMPRESSIBLE.test(contentType) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const headers: Record<string, string> = { 'content-type': contentType, 'cache-control': 'no-cache', vary: 'accept-encoding' };
  if (gzip) headers['content-encoding'] = 'gzip';
  else headers['content-length'] = String((await stat(file)).size);
  response.writeHead(statusCode, headers);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  await new Promise<void>((done) => {
    stream.once('error', () => {
      response.destroy();
      done();
    });
    response.once('close', done);
    (gzip ? stream.pipe(createGzip()) : stream).pipe(response);
  });
}
