/**
 * Application reference numbers like `PA-7K3F-9Q2M`: short enough to read out on the phone, unguessable enough that
 * knowing one tells you nothing about another. Browser-safe (the status page validates with it).
 */

/**
 * Digits and capitals minus the ones people confuse when reading or dictating them: 0/O, 1/I/L, and U (avoids
 * accidental words). Crockford's base32 without 0 and 1. 30 symbols ^ 8 positions ≈ 6.6 × 10¹¹ references (≈ 39 bits);
 * a status lookup also needs the phone's last four digits and misses are rate-limited.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

const GROUP = `[${REFERENCE_ALPHABET}]{4}`;
export const REFERENCE_PATTERN = new RegExp(`^PA-${GROUP}-${GROUP}$`);

export function isReference(value: string): boolean {
  return REFERENCE_PATTERN.test(value);
}

/**
 * What a merchant typed (`pa 7k3f 9q2m`, `PA7K3F9Q2M`, full-width dashes…) → `PA-7K3F-9Q2M`, or undefined when it
 * cannot be a reference.
 */
export function normaliseReference(raw: string): string | undefined {
  if (raw.length > 40) return undefined;
  const compact = raw.toUpperCase().replace(/[\s\u3000\-\u2010-\u2015\uFF0D_]/g, '');
  const body = compact.startsWith('PA') ? compact.slice(2) : compact;
  const candidate = `PA-${body.slice(0, 4)}-${body.slice(4)}`;
  return isReference(candidate) ? candidate : undefined;
}

/** Largest multiple of the alphabet size below 256: bytes at or above it are discarded so every symbol is equally likely. */
const UNBIASED_BYTE_LIMIT = 256 - (256 % REFERENCE_ALPHABET.length);

/** A new reference from a cryptographically secure source (Web Crypto: Node and browsers alike). */
export function generateReference(fillRandom: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (bytes) => crypto.getRandomValues(bytes)): string {
  const symbols: string[] = [];
  while (symbols.length < 8) {
    for (const byte of fillRandom(new Uint8Array(16))) {
      if (byte < UNBIASED_BYTE_LIMIT && symbols.length < 8) symbols.push(REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length]!);
    }
  }
  return `PA-${symbols.slice(0, 4).join('')}-${symbols.slice(4).join('')}`;
}
