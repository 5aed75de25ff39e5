import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { idempotencyKeyOf, MAX_BODY_BYTES, readBody, viewerIpOf } from '../../../functions/http/request.ts';

function event(overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /api/applications',
    rawPath: '/api/applications',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/api/applications', protocol: 'HTTP/1.1', sourceIp: '198.51.100.20', userAgent: '' } },
    ...overrides,
  } as APIGatewayProxyEventV2;
}

describe('readBody', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON; charset="UTF-8"'])('parses JSON sent as %s', (contentType) => {
    expect(readBody(event({ headers: { 'content-type': contentType }, body: '{"a":1}' }))).toEqual({
      ok: true,
      body: { format: 'json', value: { a: 1 } },
    });
  });

  it('parses a base64-encoded form post, as API Gateway delivers it', () => {
    const body = Buffer.from('name=%E5%BC%A0%E4%B8%89&consent.privacy=on').toString('base64');

    const read = readBody(event({ headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body, isBase64Encoded: true }));

    expect(read).toEqual({
      ok: true,
      body: {
        format: 'form',
        fields: [
          ['name', '张三'],
          ['consent.privacy', 'on'],
        ],
      },
    });
  });

  it.each([undefined, 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=gbk', 'application/jsonx'])(
    'refuses content type %j with 415',
    (contentType) => {
      const headers = contentType ? { 'content-type': contentType } : {};

      expect(readBody(event({ headers, body: '{}' }))).toEqual({ ok: false, problem: { status: 415, code: 'unsupported_media_type' } });
    },
  );

  it('accepts exactly 8 KB and refuses one byte more with 413 (bytes, not characters)', () => {
    const headers = { 'content-type': 'application/json' };
    const fits = `"${'a'.repeat(MAX_BODY_BYTES - 2)}"`;
    const tooBig = `"${'中'.repeat(Math.ceil(MAX_BODY_BYTES / 3))}"`; // fewer characters than bytes

    expect(readBody(event({ headers, body: fits })).ok).toBe(true);
    expect(readBody(event({ headers, body: tooBig }))).toEqual({ ok: false, problem: { status: 413, code: 'payload_too_large' } });
  });

  it.each(['{', '', '{"a":1,}', "{'a':1}"])('refuses unparsable JSON %j with 400', (body) => {
    expect(readBody(event({ headers: { 'content-type': 'application/json' }, body }))).toEqual({
      ok: false,
      problem: { status: 400, code: 'malformed_body' },
    });
  });

  it('refuses bytes that are not UTF-8', () => {
    const body = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64');

    expect(readBody(event({ headers: { 'content-type': 'application/json' }, body, isBase64Encoded: true }))).toEqual({
      ok: false,
      problem: { status: 400, code: 'malformed_body' },
    });
  });
});

describe('viewerIpOf', () => {
  const secret = 'a-long-origin-verify-secret-0123456789';

  describe('a request that proves it came through the distribution (x-origin-verify)', () => {
    it.each([
      ['203.0.113.5:54321', '203.0.113.5'],
      ['2001:db8::1:443', '2001:db8::1'],
      ['2001:0db8:0000:0000:0000:0000:0000:0001:60000', '2001:0db8:0000:0000:0000:0000:0000:0001'],
    ])('takes the viewer address %s from the header', (header, ip) => {
      expect(viewerIpOf(event({ headers: { 'x-origin-verify': secret, 'cloudfront-viewer-address': header } }), [secret])).toBe(ip);
    });

    it.each(['', 'garbage', 'evil:80'])('falls back to the source IP when the header is %j', (header) => {
      expect(viewerIpOf(event({ headers: { 'x-origin-verify': secret, 'cloudfront-viewer-address': header } }), [secret])).toBe('198.51.100.20');
    });
  });

  it('fails closed: a function configured without a secret believes no viewer-address header at all', () => {
    const headers = { 'x-origin-verify': 'anything', 'cloudfront-viewer-address': '203.0.113.5:54321' };

    expect(viewerIpOf(event({ headers }), [])).toBe('198.51.100.20');
  });

  describe('with accepted origin-verify values (AWS: the API is reachable without CloudFront too)', () => {
    const previous = 'the-value-before-the-last-rotation-000';

    it('during a rotation believes both the current and the previous value, and nothing else', () => {
      const viewer = { 'cloudfront-viewer-address': '203.0.113.5:54321' };

      const withCurrent = viewerIpOf(event({ headers: { ...viewer, 'x-origin-verify': secret } }), [secret, previous]);
      const withPrevious = viewerIpOf(event({ headers: { ...viewer, 'x-origin-verify': previous } }), [secret, previous]);
      const withRetired = viewerIpOf(event({ headers: { ...viewer, 'x-origin-verify': previous } }), [secret]);

      expect([withCurrent, withPrevious, withRetired]).toEqual(['203.0.113.5', '203.0.113.5', '198.51.100.20']);
    });

    it('believes the viewer address on a request that came through our distribution', () => {
      const headers = { 'x-origin-verify': secret, 'cloudfront-viewer-address': '203.0.113.5:54321' };

      expect(viewerIpOf(event({ headers }), [secret])).toBe('203.0.113.5');
    });

    it.each([
      ['no x-origin-verify', {}],
      ['a wrong x-origin-verify', { 'x-origin-verify': 'guessed-value-0000000000000000' }],
      ['a prefix of the secret', { 'x-origin-verify': secret.slice(0, -1) }],
      ['an empty x-origin-verify', { 'x-origin-verify': '' }],
    ])('uses the source IP for a request with %s, whatever viewer address it claims', (_, proof) => {
      const headers = { ...proof, 'cloudfront-viewer-address': '203.0.113.5:54321' };

      expect(viewerIpOf(event({ headers }), [secret])).toBe('198.51.100.20');
    });

    it('falls back to the source IP when a verified request has no usable viewer address', () => {
      expect(viewerIpOf(event({ headers: { 'x-origin-verify': secret } }), [secret])).toBe('198.51.100.20');
    });
  });
});

describe('idempotencyKeyOf', () => {
  it('accepts a UUID in any case and lower-cases it', () => {
    expect(idempotencyKeyOf(event({ headers: { 'idempotency-key': 'A1B2C3D4-0000-4000-8000-00000000000F' } }))).toEqual({
      present: true,
      valid: true,
      key: 'a1b2c3d4-0000-4000-8000-00000000000f',
    });
  });

  it('tells absent from invalid', () => {
    expect(idempotencyKeyOf(event())).toEqual({ present: false });
    expect(idempotencyKeyOf(event({ headers: { 'Idempotency-Key': 'not-a-uuid' } }))).toEqual({ present: true, valid: false });
  });
});
