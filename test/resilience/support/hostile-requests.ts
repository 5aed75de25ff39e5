/**
 * fast-check arbitraries for hostile HTTP requests to the intake API: broken applications (wrong types, missing and
 * extra fields, huge, empty, control, zero-width, bidi and emoji strings, lone surrogates, `__proto__` /
 * `constructor` / `prototype` keys), invalid JSON and UTF-8, wrong and missing content types (urlencoded edge cases,
 * multipart, text/plain), oversized bodies, wrong methods, unknown /api/ paths and bad Idempotency-Key headers.
 * Most start from a valid application and break it a little, so they reach deep into validation instead of bouncing
 * off the first check; some stay valid or merely odd, so the accepted path is exercised with strange data too.
 */
import fc from 'fast-check';
import { brands, merchantTypes, monthlyVolumes, terminalTypes } from '../../../functions/domain/application.ts';
import { cityOptions } from '../../../functions/domain/cities.ts';
import { PRIVACY_POLICY_VERSION } from '../../../functions/domain/privacy-policy.ts';
import { MAX_BODY_BYTES } from '../../../functions/http/request.ts';
import { formTokenIssued } from '../../support/application-fixtures.ts';

export const requestKinds = [
  'json-application',
  'invalid-json',
  'content-type',
  'form',
  'oversized',
  'method',
  'unknown-path',
  'idempotency-key',
  'status-lookup',
  'thank-you-page',
] as const;
export type RequestKind = (typeof requestKinds)[number];

export interface HostileRequest {
  kind: RequestKind;
  method: string;
  /** Path and query, as sent on the request line. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Generation starts from this clock, so a seed regenerates the same requests within a run. */
const RUN_STARTED_AT = Date.now();
const CITIES = cityOptions().flatMap((group) => group.options.map((option) => option.value));
const SUBMIT_PATH = '/api/applications';
const STATUS_PATH = '/api/applications/status';
const THANK_YOU_PATH = '/api/applications/thanks';
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

// Strings

const ZERO_WIDTH_AND_BIDI = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2060', '\u2066', '\u2069', '\ufeff', '\ufff9'];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\u000b', '\u000c', '\u001b', '\u007f', '\u0080', '\u0085', '\u009f', '\t', '\n', '\r'];
const EMOJI = ['😀', '👨‍👩‍👧‍👦', '🇨🇳', '👍🏽', '🀄', '🧧', '𠀀', '𪚥', '❤️'];
const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d', '\ude00b', '张\udbff'];

const insertAt = (text: string, insert: string, position: number) => {
  const characters = Array.from(text);
  const at = position % (characters.length + 1);
  return [...characters.slice(0, at), insert, ...characters.slice(at)].join('');
};

/** A string that is wrong in one of the ways people and bots get strings wrong. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u3000',
    '\t',
    '\r\n',
    'null',
    'undefined',
    'NaN',
    'true',
    '0',
    '-1',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE applications; --",
    '${jndi:ldap://127.0.0.1/a}',
    '{{7*7}}',
    '../../etc/passwd',
    '%00',
    '\\u0000',
    'PA-2222-2222',
  ),
  fc.string({ unit: fc.constantFrom(...CONTROL), minLength: 1, maxLength: 4 }),
  fc
    .tuple(
      fc.constantFrom('张三', '13812345678', '北京市', 'lakala', 'individual', PRIVACY_POLICY_VERSION),
      fc.constantFrom(...ZERO_WIDTH_AND_BIDI, ...CONTROL),
      fc.nat(12),
    )
    .map(([text, insert, position]) => insertAt(text, insert, position)),
  fc.tuple(fc.constantFrom('', '张三', '李'), fc.string({ unit: fc.constantFrom(...EMOJI), minLength: 1, maxLength: 4 })).map(([a, b]) => a + b),
  fc.constantFrom(...LONE_SURROGATES),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  // Huge but (mostly) still under the 8 KB body limit, so validation has to deal with it.
  fc.tuple(fc.constantFrom('a', '张', ' ', '\u200b', '😀'), fc.integer({ min: 101, max: 2_400 })).map(([unit, count]) => unit.repeat(count)),
);

/** Object keys that have broken JavaScript and NoSQL code before, and keys this table uses. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '__defineGetter__',
    'isAdmin',
    'status',
    'reference',
    'kind',
    'pk',
    'sk',
    'expiresAt',
    'id',
    '',
    '  ',
    '名字',
    '😀',
    '\u0000',
    'name ',
    'Name',
    'PHONE',
    'consent.privacy',
    '$where',
    '$ne',
  ),
  fc.string({ maxLength: 10 }),
  fc.constant('k'.repeat(300)),
);

/** An object with the given entries and no prototype, so `__proto__` is an ordinary key that JSON.stringify writes. */
function objectOf(entries: Iterable<readonly [string, Json]>): JsonObject {
  const object = Object.create(null) as JsonObject;
  for (const [key, value] of entries) object[key] = value;
  return object;
}

const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  // NaN and ±Infinity become null in JSON.
  fc.double(),
  fc.constantFrom(1e308, -1, 0, 2 ** 53 + 1, 1.5, -0),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 }),
  fc.array(fc.tuple(hostileKey, fc.string({ maxLength: 5 })), { maxLength: 3 }).map(objectOf),
  hostileString,
);

// A valid application, then broken

const applicationFields = [
  'name',
  'phone',
  'city',
  'merchantType',
  'brand',
  'terminalType',
  'monthlyVolume',
  'note',
  'consent',
  'consent.privacy',
  'consent.crossBorder',
  'consent.providerSharing',
  'consent.version',
  'attribution',
  'attribution.utm_source',
  'attribution.landingPage',
  'attribution.referrer',
  'website',
  'formToken',
] as const;

const phone = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([second, rest]) => `1${second}${String(rest).padStart(9, '0')}`);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** An application a person could send (in the JSON shape). */
const validApplication = fc
  .record({
    name: fc.oneof(
      fc.constantFrom('张三', '李小龙', '欧阳娜娜', '阿卜杜热合曼·买买提', 'Li Lei', 'Anna'),
      fc.string({ unit: fc.constantFrom('王', '芳', '强', '静', '伟'), minLength: 2, maxLength: 6 }),
    ),
    phone,
    city: fc.constantFrom(...CITIES),
    merchantType: fc.constantFrom(...merchantTypes),
    brand: fc.constantFrom(...brands),
    terminalType: optional(fc.constantFrom(...terminalTypes)),
    monthlyVolume: optional(fc.constantFrom(...monthlyVolumes)),
    note: optional(fc.constantFrom('早上十点后方便接电话', '想了解电签 POS 的费率', '')),
    attribution: optional(fc.record({ utm_source: fc.constantFrom('wechat', 'baidu'), landingPage: fc.constantFrom('/articles/lakala-dianqian/', '/apply/') })),
    formTokenAgoMs: fc.integer({ min: 15_000, max: 3_600_000 }),
  })
  .map(({ formTokenAgoMs, ...fields }) => ({
    ...fields,
    consent: { privacy: true, crossBorder: true, providerSharing: true, version: PRIVACY_POLICY_VERSION },
    formToken: formTokenIssued(formTokenAgoMs, RUN_STARTED_AT),
  }));

/** Values that are almost right: other spellings people type, limits ±1, and the spam traps. */
const nearlyValid: Readonly<Partial<Record<(typeof applicationFields)[number], readonly Json[]>>> = {
  name: [' 张三 ', '阿卜杜・买买提', 'Li  Lei', '张', 'A', '张'.repeat(30), '张'.repeat(31), 'Mary-Jane', "O'Neil", '张3', '张·', '·张三'],
  phone: [
    '+86 138 1234 5678',
    '0086-138-1234-5678',
    '８６１３８１２３４５６７８',
    '138-1234-5678',
    '(138)12345678',
    '12812345678',
    '1381234567',
    '138123456789',
    '+8613812345678',
    13812345678,
  ],
  city: ['北京市 ', ' 广东省  深圳市', '广东省深圳市', '深圳市', 'Beijing', '广东省\u3000深圳市'],
  merchantType: ['Individual', 'individual ', 'person'],
  brand: ['Lakala', 'LAKALA', '拉卡拉'],
  note: ['a'.repeat(200), 'a'.repeat(201), '第一行\n第二行', '店铺在 www.example.com', '\t缩进'],
  formToken: [
    '',
    'x',
    1700000000000,
    formTokenIssued(1_000, RUN_STARTED_AT),
    formTokenIssued(13 * 3_600_000, RUN_STARTED_AT),
    `${formTokenIssued(20_000, RUN_STARTED_AT)}x`,
    'x'.repeat(201),
  ],
  website: ['http://spam.example', '', ' '],
  'consent.version': ['2025-01-01', '', 20261125],
  'consent.privacy': ['true', 1, false, 'on'],
  'consent.providerSharing': ['true', 1, false, 'on'],
  'attribution.landingPage': ['', 'https://evil.example/', '/a\nb', '/'.repeat(301)],
};

type Mutation = (application: JsonObject) => void;

/** `application[name]` as an object to write into (replacing whatever non-object was there). */
function objectAt(application: JsonObject, name: string): JsonObject {
  const value = application[name];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  const created = objectOf([]);
  application[name] = created;
  return created;
}

/** The object holding `path` (`consent.version` → the consent object) and the key within it. */
function locate(application: JsonObject, path: (typeof applicationFields)[number]): [JsonObject, string] {
  const [first, second] = path.split('.') as [string, string | undefined];
  return second === undefined ? [application, first] : [objectAt(application, first), second];
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // A field set to a value of the wrong kind.
  fc.tuple(fc.constantFrom(...applicationFields), hostileValue).map(
    ([path, value]): Mutation =>
      (application) => {
        const [parent, key] = locate(application, path);
        parent[key] = value;
      },
  ),
  // A field missing.
  fc.constantFrom(...applicationFields).map(
    (path): Mutation =>
      (application) => {
        const [parent, key] = locate(application, path);
        delete parent[key];
      },
  ),
  // An extra field, at the top or inside consent / attribution.
  fc.tuple(fc.constantFrom(undefined, 'consent', 'attribution'), hostileKey, hostileValue).map(
    ([parent, key, value]): Mutation =>
      (application) => {
        (parent === undefined ? application : objectAt(application, parent))[key] = value;
      },
  ),
  // A value that is almost right.
  fc
    .constantFrom(
      ...Object.entries(nearlyValid).flatMap(([path, values]) => values.map((value) => [path as (typeof applicationFields)[number], value] as const)),
    )
    .map(
      ([path, value]): Mutation =>
        (application) => {
          const [parent, key] = locate(application, path);
          parent[key] = value;
        },
    ),
);

/** A deep copy with no prototypes: mutations never touch the generated value fast-check may reuse while shrinking. */
function copyOf(value: unknown): Json {
  if (Array.isArray(value)) return value.map(copyOf);
  if (value !== null && typeof value === 'object')
    return objectOf(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, copyOf(v)]),
    );
  return value as Json;
}

/** A valid application with 0–3 mutations (0 keeps some requests on the accepted path). */
const brokenApplication: fc.Arbitrary<JsonObject> = fc.tuple(validApplication, fc.array(mutation, { maxLength: 3 })).map(([application, mutations]) => {
  const copy = copyOf(application) as JsonObject;
  for (const mutate of mutations) mutate(copy);
  return copy;
});

/** JSON text of an application; sometimes with a duplicated key whose first value is hostile (JSON.parse keeps the last). */
const applicationJsonText: fc.Arbitrary<string> = fc
  .tuple(brokenApplication, fc.option(fc.tuple(fc.constantFrom(...applicationFields.filter((field) => !field.includes('.'))), hostileValue)))
  .map(([application, duplicate]) => {
    const text = JSON.stringify(application);
    return duplicate ? `{${JSON.stringify(duplicate[0])}:${JSON.stringify(duplicate[1])},${text.slice(1)}` : text;
  });

const idempotencyKeyHeader = fc.uuid().map((key) => ({ 'idempotency-key': key }));

const jsonApplicationRequest: fc.Arbitrary<HostileRequest> = fc.tuple(applicationJsonText, idempotencyKeyHeader).map(([body, key]) => ({
  kind: 'json-application',
  method: 'POST',
  path: SUBMIT_PATH,
  headers: { 'content-type': JSON_TYPE, ...key },
  body,
}));

// Invalid JSON and invalid UTF-8

const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]].map((bytes) => Buffer.from(bytes));

const invalidJsonBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.tuple(applicationJsonText, fc.nat()).map(([text, cut]) => text.slice(0, cut % text.length)),
  fc.constantFrom(
    '',
    '{',
    '}',
    '[',
    'null',
    'true',
    '"张三"',
    '[]',
    '{}',
    '123',
    '{"name":}',
    "{'name':'张三'}",
    '{"name":"张三",}',
    '/* comment */ {}',
    'NaN',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"name":"\\ud800"}',
    '{"name":"\\u0000"}',
  ),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: 10, max: 2_500 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 10, max: 1_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.tuple(applicationJsonText, fc.constantFrom(...INVALID_UTF8), fc.nat()).map(([text, bytes, at]) => {
    const utf8 = Buffer.from(text);
    const position = at % (utf8.length + 1);
    return Buffer.concat([utf8.subarray(0, position), bytes, utf8.subarray(position)]);
  }),
  applicationJsonText.map((text) => Buffer.from(`\ufeff${text}`, 'utf16le')),
);

const invalidJsonRequest: fc.Arbitrary<HostileRequest> = fc.tuple(invalidJsonBody, idempotencyKeyHeader).map(([body, key]) => ({
  kind: 'invalid-json',
  method: 'POST',
  path: SUBMIT_PATH,
  headers: { 'content-type': JSON_TYPE, ...key },
  body,
}));

// Forms (application/x-www-form-urlencoded)

/** A form field's text for any JSON value (`true` is a ticked checkbox). */
const formValueOf = (value: Json): string => (value === true ? 'on' : typeof value === 'string' ? value : JSON.stringify(value));

/** The JSON shape as the form's field names (`consent.privacy=on`). */
function formFieldsOf(application: JsonObject): [string, string][] {
  const fields: [string, string][] = [];
  for (const [key, value] of Object.entries(application)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) fields.push([`${key}.${inner}`, formValueOf(innerValue)]);
    } else {
      fields.push([key, formValueOf(value)]);
    }
  }
  return fields;
}

const FORM_KEYS = [
  'consent.__proto__',
  'attribution.constructor',
  '__proto__',
  '__proto__.polluted',
  'constructor.prototype.polluted',
  'consent.privacy.x',
  'attribution.a.b',
  'a.',
  '.a',
  '.',
  'consent.',
  'website',
];
/** Raw tails that URLSearchParams must survive: bad percent-escapes, empty names and values, truncated UTF-8. */
const RAW_FORM_TAILS = [
  '&%',
  '&%zz=1',
  '&name=%E4%B8',
  '&=',
  '&&&',
  '&a',
  '&+=+',
  '&%FF=%FE',
  '&name=%00',
  '&phone=%2B86%20138%201234%205678',
  '&formToken=',
  '&consent.privacy=off',
];

const formBody: fc.Arbitrary<string> = fc
  .tuple(
    brokenApplication,
    fc.array(
      fc.oneof(
        fc.tuple(fc.constantFrom(...FORM_KEYS), hostileString).map(([key, value]) => ({ append: [key, value] as [string, string] })),
        fc.tuple(fc.constantFrom(...applicationFields), hostileString).map(([key, value]) => ({ append: [key, value] as [string, string] })),
        fc.constantFrom(...applicationFields).map((key) => ({ drop: key })),
      ),
      { maxLength: 3 },
    ),
    fc.option(fc.constantFrom(...RAW_FORM_TAILS)),
  )
  .map(([application, edits, tail]) => {
    let fields = formFieldsOf(application);
    for (const edit of edits) {
      if ('drop' in edit) fields = fields.filter(([key]) => key !== edit.drop);
      else fields.push(edit.append);
    }
    return new URLSearchParams(fields).toString() + (tail ?? '');
  });

const formRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(
    formBody,
    fc.constantFrom(
      FORM_TYPE,
      `${FORM_TYPE}; charset=UTF-8`,
      `${FORM_TYPE};charset=utf8`,
      `${FORM_TYPE}; charset=gbk`,
      `${FORM_TYPE}; charset=iso-8859-1`,
      'Application/X-WWW-Form-Urlencoded',
    ),
    fc.option(fc.oneof(fc.uuid(), fc.constantFrom('not-a-uuid', '{00000000-0000-0000-0000-000000000000}'))),
    fc.constantFrom(SUBMIT_PATH, SUBMIT_PATH, SUBMIT_PATH, STATUS_PATH),
  )
  .map(([body, contentType, key, path]) => ({
    kind: 'form',
    method: 'POST',
    path,
    headers: { 'content-type': contentType, ...(key !== null && { 'idempotency-key': key }) },
    body,
  }));

// Content types

function multipartBodyOf(fields: [string, string][], boundary: string): string {
  return `${fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('')}--${boundary}--\r\n`;
}

const contentTypeRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(
    brokenApplication,
    fc.constantFrom(
      'omit',
      'text/plain',
      'text/plain;charset=UTF-8',
      'multipart/form-data',
      'application/xml',
      'application/javascript',
      `${JSON_TYPE}; charset=latin1`,
      `${JSON_TYPE}; charset=utf-16`,
      `${JSON_TYPE};charset="UTF-8"`,
      'APPLICATION/JSON',
      'application/json-patch+json',
      'application/jsonp',
      FORM_TYPE,
      ';',
      '',
      'application/',
      '*/*',
      'text/html',
    ),
    idempotencyKeyHeader,
  )
  .map(([application, contentType, key]) => {
    const boundary = '----pos-portal-boundary';
    const body =
      contentType === 'multipart/form-data'
        ? multipartBodyOf(formFieldsOf(application), boundary)
        : contentType === 'text/plain;charset=UTF-8'
          ? new URLSearchParams(formFieldsOf(application)).toString()
          : JSON.stringify(application);
    const header = contentType === 'multipart/form-data' ? `multipart/form-data; boundary=${boundary}` : contentType;
    return {
      kind: 'content-type',
      method: 'POST',
      path: SUBMIT_PATH,
      headers: { ...(contentType !== 'omit' && { 'content-type': header }), ...key },
      body,
    };
  });

// Oversized bodies

const oversizedRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: MAX_BODY_BYTES + 1, max: MAX_BODY_BYTES + 800 }) },
      { weight: 1, arbitrary: fc.constantFrom(64 * 1024 + 1, 200_000, 1_048_576) },
    ),
    fc.boolean(),
    brokenApplication,
    idempotencyKeyHeader,
  )
  .map(([size, asForm, application, key]) => {
    // Padding that keeps the body well-formed: whitespace after the JSON, a long note in the form.
    const text = asForm ? `${new URLSearchParams(formFieldsOf(application)).toString()}&note=` : JSON.stringify(application);
    const body = text + (asForm ? 'x' : ' ').repeat(Math.max(0, size - Buffer.byteLength(text)));
    return {
      kind: 'oversized',
      method: 'POST',
      path: SUBMIT_PATH,
      headers: { 'content-type': asForm ? FORM_TYPE : JSON_TYPE, ...key },
      body,
    };
  });

// Methods and paths

/** Routes that exist, with methods they do not have (POST on the thank-you page, GET on the submission…). */
const methodRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(
    fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
    fc.constantFrom(SUBMIT_PATH, STATUS_PATH, THANK_YOU_PATH),
    fc.option(applicationJsonText),
  )
  .filter(([method, path]) => !(method === 'POST' && path !== THANK_YOU_PATH) && !(method === 'GET' && path === THANK_YOU_PATH))
  .map(
    ([method, path, body]): HostileRequest => ({
      kind: 'method',
      method,
      path,
      headers: body === null ? {} : { 'content-type': JSON_TYPE },
      ...(body !== null && { body }),
    }),
  );

const unknownPathRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(
    fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD'),
    fc.oneof(
      fc.constantFrom(
        '/api',
        '/api/',
        '/api/applications/',
        '/api/applications/status/',
        '/api/application',
        '/api/APPLICATIONS',
        '/api/applications/PA-2222-2222',
        '/api/v2/applications',
        '/api/%2e%2e/admin',
        '/api/applications%00',
        '/api/../api/applications/x',
        '/api//applications',
        '/api/applications/status/../../x',
      ),
      fc.array(fc.webSegment(), { minLength: 1, maxLength: 4 }).map((segments) => `/api/${segments.join('/')}`),
      fc.integer({ min: 500, max: 4_000 }).map((length) => `/api/${'a'.repeat(length)}`),
    ),
    fc.option(fc.constantFrom('?__proto__[polluted]=1', '?constructor=x', '?a=%ZZ', '?ref=PA-2222-2222')),
  )
  .map(([method, path, query]) => ({ kind: 'unknown-path', method, path: path + (query ?? ''), headers: {} }));

// Idempotency-Key

/** Only what an HTTP client can put in a header: visible ASCII and spaces. */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '');
const KNOWN_KEYS = ['3f1c1d2e-8b7a-4c6d-9e0f-112233445566', '00000000-0000-0000-0000-000000000000'];

const idempotencyKeyRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(
    applicationJsonText,
    fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('', ' ', 'abc', '123', 'null', '{uuid}', 'x'.repeat(1_000), `${KNOWN_KEYS[0]}, ${KNOWN_KEYS[1]}`),
      fc.uuid().map((key) => key.replaceAll('-', '')),
      fc.uuid().map((key) => `{${key}}`),
      fc.uuid().map((key) => key.toUpperCase()),
      fc.uuid().map((key) => ` ${key} `),
      fc.uuid().map((key) => `${key}0`),
      fc.string({ unit: 'binary-ascii', maxLength: 40 }).map(headerSafe),
      // The same few keys again and again: replays (200) and different bodies under one key (422).
      fc.constantFrom(...KNOWN_KEYS),
    ),
  )
  .map(([body, key]) => ({
    kind: 'idempotency-key',
    method: 'POST',
    path: SUBMIT_PATH,
    headers: { 'content-type': JSON_TYPE, ...(key !== undefined && { 'idempotency-key': key }) },
    body,
  }));

// Status lookups and the thank-you page

const statusLookupRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(
    fc.oneof(hostileValue, fc.constantFrom('PA-2222-2222', 'pa 7k3f 9q2m', 'PA7K3F9Q2M', 'PA-0000-0000')),
    fc.oneof(hostileValue, fc.constantFrom('1234', '１２３４', '12345', 1234)),
    fc.option(fc.tuple(hostileKey, hostileValue)),
    fc.boolean(),
  )
  .map(([reference, phoneLast4, extraField, asForm]) => {
    const lookup = objectOf([['reference', reference], ['phoneLast4', phoneLast4], ...(extraField ? [extraField] : [])]);
    return {
      kind: 'status-lookup',
      method: 'POST',
      path: STATUS_PATH,
      headers: { 'content-type': asForm ? FORM_TYPE : JSON_TYPE },
      body: asForm ? new URLSearchParams(Object.entries(lookup).map(([key, value]) => [key, formValueOf(value)])).toString() : JSON.stringify(lookup),
    };
  });

/**
 * Request lines stay under CloudFront's 8 KB URL limit: beyond it the edge (locally, Node's HTTP parser with 431)
 * refuses the request before any handler runs, so the API contract does not apply.
 */
const MAX_QUERY_VALUE_CHARACTERS = 300;

const thankYouPageRequest: fc.Arbitrary<HostileRequest> = fc.oneof(hostileString, fc.constantFrom('PA-2222-2222', 'pa-7k3f-9q2m', '')).map((reference) => ({
  kind: 'thank-you-page',
  method: 'GET',
  // Surrogates dropped: encodeURIComponent refuses lone ones (and no browser sends them).
  path: `${THANK_YOU_PATH}?ref=${encodeURIComponent(reference.replace(/[\ud800-\udfff]/g, '').slice(0, MAX_QUERY_VALUE_CHARACTERS))}`,
  headers: {},
}));

/** One hostile request, weighted towards the kinds with the most ways to go wrong. */
export const hostileRequest: fc.Arbitrary<HostileRequest> = fc.oneof(
  { weight: 30, arbitrary: jsonApplicationRequest },
  { weight: 10, arbitrary: invalidJsonRequest },
  { weight: 8, arbitrary: contentTypeRequest },
  { weight: 18, arbitrary: formRequest },
  { weight: 3, arbitrary: oversizedRequest },
  { weight: 5, arbitrary: methodRequest },
  { weight: 6, arbitrary: unknownPathRequest },
  { weight: 10, arbitrary: idempotencyKeyRequest },
  { weight: 6, arbitrary: statusLookupRequest },
  { weight: 2, arbitrary: thankYouPageRequest },
);

/** One line for a failure message: method, path, headers and the start of the body. */
export function describeRequest(request: HostileRequest): string {
  const body =
    request.body === undefined
      ? ''
      : Buffer.isBuffer(request.body)
        ? ` body(${request.body.length} bytes)=${request.body.subarray(0, 160).toString('hex')}`
        : ` body(${Buffer.byteLength(request.body)} bytes)=${JSON.stringify(request.body.slice(0, 200))}`;
  return `[${request.kind}] ${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)}${body}`;
}
