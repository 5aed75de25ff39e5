/**
 * Form tokens signed with HMAC-SHA256: `<issued at, base 36 ms>.<origin p|c><nonce>.<signature>` (see
 * domain/form-token.ts; the origin letter says whether a page or a confirmation answer issued it).
 * The key is derived from the phone-hash secret with HKDF under its own label, so there is one secret to keep and
 * rotate, and a token's signature says nothing about any phone pseudonym (different key, different purpose).
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { FORM_TOKEN_MAX_AGE_MS, MIN_FILL_TIME_MS, type FormTokenCheck, type FormTokens } from '#domain/form-token.ts';

// v2: the origin letter joined the signed payload (v1 tokens are refused, and get the fresh-token answer).
const KEY_LABEL = 'pos-portal form token v2';
const TOKEN = /^([0-9a-z]{1,11})\.([pc][A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/;
const originLetter = { page: 'p', confirm: 'c' } as const;

export function createHmacFormTokens(secret: string): FormTokens {
  const key = Buffer.from(hkdfSync('sha256', secret, '', KEY_LABEL, 32));
  const sign = (payload: string) => createHmac('sha256', key).update(payload, 'utf8').digest('base64url');

  return {
    issue(now, origin = 'page') {
      const payload = `${now.getTime().toString(36)}.${originLetter[origin]}${randomBytes(9).toString('base64url')}`;
      return `${payload}.${sign(payload)}`;
    },
    check(token, now): FormTokenCheck {
      const parts = TOKEN.exec(token);
      if (!parts) return { kind: 'invalid' };
      const [, issuedAt36, nonce, signature] = parts as unknown as [string, string, string, string];
      const expected = Buffer.from(sign(`${issuedAt36}.${nonce}`), 'utf8');
      if (!timingSafeEqual(expected, Buffer.from(signature, 'utf8'))) return { kind: 'invalid' };
      const issuedAt = parseInt(issuedAt36, 36);
      const ageMs = now.getTime() - issuedAt;
      const identity = { nonce, issuedBy: nonce.startsWith('c') ? 'confirm' : 'page', expiresAt: new Date(issuedAt + FORM_TOKEN_MAX_AGE_MS) } as const;
      // Issued "in the future" can only mean the key signed it on a machine with a clock ahead: treat as brand new.
      if (ageMs < MIN_FILL_TIME_MS) return { kind: 'too_new', ageMs: Math.max(0, ageMs), ...identity };
      if (ageMs > FORM_TOKEN_MAX_AGE_MS) return { kind: 'expired' };
      return { kind: 'valid', ageMs, ...identity };
    },
  };
}
