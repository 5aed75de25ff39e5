/**
 * HMAC-SHA256 pseudonyms for personal data used as keys (phone numbers, viewer IPs): equal inputs give equal keys,
 * and without the secret a key cannot be turned back into a phone number by trying all 10¹⁰ of them.
 */
import { createHmac } from 'node:crypto';
import type { Pseudonymiser } from '#domain/ports.ts';

export function createHmacPseudonymiser(secret: string): Pseudonymiser {
  return {
    pseudonymise: (value) => createHmac('sha256', secret).update(value, 'utf8').digest('base64url'),
  };
}
