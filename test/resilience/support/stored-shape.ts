/**
 * "Nothing invalid stored": every stored application must be something the domain schema accepts, already in its
 * normalised form, and nothing else may have slipped into the items (extra attributes, `__proto__` keys). The
 * attribute lists mirror the item layouts documented in functions/adapters/dynamodb-items.ts.
 */
import { applicationsTableDesign } from '../../../functions/adapters/dynamodb-table-design.ts';
import { validateApplication } from '../../../functions/domain/application.ts';
import { isReference } from '../../../functions/domain/reference.ts';
import type { Item, TableSnapshot } from './table-inspector.ts';

/** The table's and its indexes' key attributes, from the one table design CDK and the local stack build. */
const INDEX_KEYS = [
  applicationsTableDesign.partitionKey,
  applicationsTableDesign.sortKey,
  ...applicationsTableDesign.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
];
const APPLICATION_ATTRIBUTES = new Set([
  ...INDEX_KEYS,
  'kind',
  'reference',
  'status',
  'createdAt',
  'updatedAt',
  'city',
  'merchantType',
  'brand',
  'terminalType',
  'monthlyVolume',
  'consent',
  'attribution',
  'signals',
  'statusHistory',
  'channel',
  // Written by the review worker.
  'screening',
  'samePhoneAs',
  'closedAt',
  'personalDataExpiresAt',
]);
const PERSONAL_DATA_ATTRIBUTES = new Set([
  ...INDEX_KEYS,
  'kind',
  'reference',
  'createdAt',
  'name',
  'phone',
  'phoneHash',
  'note',
  'historyNotes',
  'idempotencyKey',
  'expiresAt',
]);
const SPAM_ATTRIBUTES = new Set([...INDEX_KEYS, 'kind', 'reference', 'status', 'reason', 'createdAt', 'attribution', 'channel', 'expiresAt']);
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Every problem with the stored applications and spam records of a snapshot, as sentences. */
export function storedShapeProblems(snapshot: TableSnapshot): string[] {
  const problems: string[] = [];
  for (const [reference, application] of snapshot.applications) {
    problems.push(...applicationProblems(reference, application, snapshot.personalData.get(reference)));
  }
  for (const [reference, spam] of snapshot.spam) {
    problems.push(...unexpectedAttributes(reference, spam, SPAM_ATTRIBUTES));
    if (!isReference(reference) || spam.reference !== reference) problems.push(`${reference}: spam record with a malformed reference`);
  }
  for (const item of snapshot.all) {
    const path = prototypeKeyPath(item);
    if (path) problems.push(`${String(item.pk)}/${String(item.sk)}: stores a "${path}" key`);
  }
  return problems;
}

function applicationProblems(reference: string, application: Item, personal: Item | undefined): string[] {
  if (!personal) return [`${reference}: no personal-data item`];
  const problems = [
    ...unexpectedAttributes(reference, application, APPLICATION_ATTRIBUTES),
    ...unexpectedAttributes(reference, personal, PERSONAL_DATA_ATTRIBUTES),
  ];
  if (!isReference(reference) || application.reference !== reference || personal.reference !== reference) problems.push(`${reference}: malformed reference`);

  // What the merchant sent, rebuilt from what is stored, must pass the schema and come out unchanged.
  const consent = (application.consent ?? {}) as Item;
  const sent: Record<string, unknown> = {
    name: personal.name,
    phone: personal.phone,
    city: application.city,
    merchantType: application.merchantType,
    brand: application.brand,
    ...(application.terminalType !== undefined && { terminalType: application.terminalType }),
    ...(application.monthlyVolume !== undefined && { monthlyVolume: application.monthlyVolume }),
    ...(personal.note !== undefined && { note: personal.note }),
    consent: { privacy: consent.privacy, crossBorder: consent.crossBorder, providerSharing: consent.providerSharing, version: consent.version },
    ...(application.attribution !== undefined && { attribution: application.attribution }),
  };
  const validation = validateApplication(sent);
  if (!validation.success) {
    problems.push(`${reference}: stored values fail the schema: ${JSON.stringify(validation.fields)}`);
  } else if (JSON.stringify(sorted(validation.data)) !== JSON.stringify(sorted(sent))) {
    problems.push(`${reference}: stored values are not normalised: ${JSON.stringify(sent)} → ${JSON.stringify(validation.data)}`);
  }
  if (consent.agreedAt !== application.createdAt) problems.push(`${reference}: consent not recorded at creation`);
  const [first] = (application.statusHistory ?? []) as Item[];
  if (first?.status !== 'submitted' || first.by !== 'intake') problems.push(`${reference}: status history does not start with intake`);
  return problems;
}

function unexpectedAttributes(reference: string, item: Item, allowed: ReadonlySet<string>): string[] {
  const extra = Object.keys(item).filter((name) => !allowed.has(name));
  return extra.length > 0 ? [`${reference}/${String(item.sk)}: unexpected attributes ${extra.map((name) => JSON.stringify(name)).join(', ')}`] : [];
}

/** The first key path (`attribution.__proto__`) naming a prototype member, anywhere in a value. */
function prototypeKeyPath(value: unknown, path = ''): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return here;
    const deeper = prototypeKeyPath(inner, here);
    if (deeper) return deeper;
  }
  return undefined;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, sorted(inner)]),
    );
  }
  return value;
}
