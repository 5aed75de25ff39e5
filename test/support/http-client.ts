/**
 * A tiny HTTP client for tests. Unlike fetch it can choose the source address (`localAddress: '127.0.0.7'`), which
 * is how tests act as different visitors for per-IP limits: the server sees the real socket address.
 */
import { request as httpRequest } from 'node:http';

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

export interface TestRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  localAddress?: string;
  /** The request target exactly as sent, when it is something no URL can spell (`*`, `http://[`). */
  path?: string;
  /** Fail (reject) when the server sends nothing for this long, so a hanging server fails a test instead of stalling it. */
  timeoutMs?: number;
}

export function send(url: string, options: TestRequest = {}): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        // The path exactly as written (`/api/%2e%2e/x` stays that): parsing the URL would resolve dot segments before sending.
        path: options.path ?? (url.slice(new URL(url).origin.length) || '/'),
        // Node sends a GET or DELETE body with neither Content-Length nor chunked encoding (a malformed request), so say how long it is.
        headers: options.body === undefined ? options.headers : { 'content-length': String(Buffer.byteLength(options.body)), ...options.headers },
        ...(options.localAddress && { localAddress: options.localAddress }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (options.timeoutMs !== undefined) {
      const timeoutMs = options.timeoutMs;
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    }
    request.end(options.body);
  });
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}, localAddress?: string): Promise<TestResponse> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(localAddress && { localAddress }),
  });
}

export function postForm(url: string, fields: Record<string, string> | [string, string][], localAddress?: string): Promise<TestResponse> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    ...(localAddress && { localAddress }),
  });
}
