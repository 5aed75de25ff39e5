import { describe, expect, it } from 'vitest';
import { generateReference, isReference, normaliseReference, REFERENCE_ALPHABET, REFERENCE_PATTERN } from '../../../functions/domain/reference.ts';

describe('application references', () => {
  it('look like PA-XXXX-XXXX', () => {
    expect(generateReference()).toMatch(/^PA-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });

  it('never use characters people confuse when reading or dictating', () => {
    for (const ambiguous of ['0', 'O', '1', 'I', 'L', 'U']) expect(REFERENCE_ALPHABET).not.toContain(ambiguous);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(REFERENCE_ALPHABET.length);
  });

  it('are unique across 20,000 draws and use the whole alphabet', () => {
    const references = Array.from({ length: 20_000 }, () => generateReference());
    const symbols = new Set(references.join('').replace(/PA|-/g, ''));

    expect(new Set(references).size).toBe(references.length);
    expect(references.every((r) => REFERENCE_PATTERN.test(r))).toBe(true);
    expect([...symbols].sort().join('')).toBe([...REFERENCE_ALPHABET].sort().join(''));
  });

  it('draw each symbol about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 6_000; i++) {
      for (const symbol of generateReference().replace(/PA|-/g, '')) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    const expected = (6_000 * 8) / REFERENCE_ALPHABET.length;

    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });

  it('discard random bytes that would bias the draw', () => {
    // 240..255 would map onto the first 16 symbols a second time: they must be skipped.
    const bytes = [255, 240, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

    const reference = generateReference((buffer) => {
      buffer.set(bytes);
      return buffer;
    });

    expect(reference).toBe(`PA-${REFERENCE_ALPHABET.slice(0, 4)}-${REFERENCE_ALPHABET.slice(4, 8)}`);
  });

  it.each([
    ['PA-7K3F-9Q2M', 'PA-7K3F-9Q2M'],
    ['pa-7k3f-9q2m', 'PA-7K3F-9Q2M'],
    ['PA 7K3F 9Q2M', 'PA-7K3F-9Q2M'],
    ['PA7K3F9Q2M', 'PA-7K3F-9Q2M'],
    ['7K3F-9Q2M', 'PA-7K3F-9Q2M'],
    [' pa－7k3f－9q2m ', 'PA-7K3F-9Q2M'],
  ])('normalise %j to %s', (raw, expected) => {
    expect(normaliseReference(raw)).toBe(expected);
  });

  it.each(['PA-7K3F-9Q2O', 'PA-7K3F-9Q2', 'PA-7K3F-9Q2MM', 'XX-7K3F-9Q2M', '', 'PA-0000-0000', 'A'.repeat(1000)])('reject %j', (raw) => {
    expect(normaliseReference(raw)).toBeUndefined();
    expect(isReference(raw)).toBe(false);
  });
});
