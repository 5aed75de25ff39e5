/** The real clock and the secure reference generator, for production wiring. Tests pass fixed ones. */
import type { Clock, ReferenceGenerator } from '#domain/ports.ts';
import { generateReference } from '#domain/reference.ts';

export const systemClock: Clock = { now: () => new Date() };

export const randomReferences: ReferenceGenerator = { next: () => generateReference() };
