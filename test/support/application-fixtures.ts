/** Valid application bodies with unique phone numbers, for unit and integration tests. */
import { randomInt, randomUUID } from 'node:crypto';
import { createHmacFormTokens } from '../../functions/adapters/hmac-form-tokens.ts';
import { LOCAL_PHONE_HASH_SECRET } from '../../functions/local/local-environment.ts';
import type { ApplicationInput } from '../../functions/domain/application.ts';
import { PRIVACY_POLICY_VERSION } from '../../functions/domain/privacy-policy.ts';
import type { ApplicationRecord } from '../../functions/domain/records.ts';

/** A random mainland mobile number, so tests sharing a table never share a phone. */
export function uniquePhone(): string {
  return `1${randomInt(3, 10)}${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
}

/** The form tokens every local server and test stack issues and checks (they all use the local secret). */
export const testFormTokens = createHmacFormTokens(LOCAL_PHONE_HASH_SECRET);

/** A form token the API issued `agoMs` ago (by the clock `now`). */
export function formTokenIssued(agoMs: number, now = Date.now()): string {
  return testFormTokens.issue(new Date(now - agoMs));
}

/** A complete application a person could have sent, started 20 s ago. */
export function validApplication(overrides: Partial<Record<keyof ApplicationInput, unknown>> = {}): Record<string, unknown> {
  return {
    name: '张三',
    phone: uniquePhone(),
    city: '广东省 深圳市',
    merchantType: 'sole_proprietor',
    brand: 'lakala',
    terminalType: 'dianqian',
    monthlyVolume: '10k_50k',
    note: '早上十点后方便接电话',
    consent: { privacy: true, crossBorder: true, providerSharing: true, version: PRIVACY_POLICY_VERSION },
    attribution: { utm_source: 'wechat', landingPage: '/articles/lakala-dianqian/' },
    formToken: formTokenIssued(20_000),
    ...overrides,
  };
}

/** The same application as a form without JavaScript posts it. */
export function validApplicationForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: '李四',
    phone: uniquePhone(),
    city: '北京市',
    merchantType: 'individual',
    brand: 'unionpay',
    terminalType: '',
    monthlyVolume: '',
    note: '',
    'consent.privacy': 'on',
    'consent.crossBorder': 'on',
    'consent.providerSharing': 'on',
    'consent.version': PRIVACY_POLICY_VERSION,
    formToken: formTokenIssued(20_000),
    'attribution.utm_source': '',
    'attribution.landingPage': '/apply/',
    website: '',
    ...overrides,
  };
}

export const newIdempotencyKey = (): string => randomUUID();

/** A stored application as intake writes it (personal data included), for store tests. */
export function applicationRecord(reference: string, createdAt: string, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    kind: 'application',
    reference,
    status: 'submitted',
    createdAt,
    updatedAt: createdAt,
    name: '赵一',
    phone: '13900001111',
    phoneHash: `hash-${reference}`,
    city: '广东省 深圳市',
    merchantType: 'individual',
    brand: 'lakala',
    consent: { privacy: true, crossBorder: true, providerSharing: true, version: PRIVACY_POLICY_VERSION, agreedAt: createdAt },
    signals: [],
    statusHistory: [{ status: overrides.status ?? 'submitted', at: createdAt, by: 'intake' }],
    channel: 'json',
    personalDataExpiresAt: '2099-01-01T00:00:00.000Z',
    ...overrides,
  };
}
