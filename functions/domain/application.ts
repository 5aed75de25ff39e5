/**
 * THE application schema: the API validates with it and the browser form imports this same file, so both give the
 * same Chinese message for the same mistake. Written with `zod/mini` and browser-safe imports only, to keep the form
 * script small (< 15 KB gzipped with everything it pulls in).
 */
import * as z from 'zod/mini';
import { BRAND_IDS, TERMINAL_TYPE_IDS } from './catalogue.ts';
import { isKnownCity } from './cities.ts';
import { isCheckboxTicked } from './form-fields.ts';
import { isMainlandMobile, normalisePhone } from './phone.ts';
import { PRIVACY_POLICY_VERSION } from './privacy-policy.ts';

export const merchantTypes = ['individual', 'sole_proprietor', 'company'] as const;
/** The catalogue's brands and terminal types, plus "not sure yet". */
export const brands = [...BRAND_IDS, 'undecided'] as const;
export const terminalTypes = [...TERMINAL_TYPE_IDS, 'undecided'] as const;
/** Monthly card takings, in yuan. */
export const monthlyVolumes = ['lt_10k', '10k_50k', '50k_200k', 'gt_200k'] as const;
/** When the merchant would rather be called (China time); the reviewer queue calls those callable now first. */
export const callWindows = ['weekday_morning', 'weekday_afternoon', 'evening', 'weekend', 'any'] as const;

export type MerchantType = (typeof merchantTypes)[number];
export type Brand = (typeof brands)[number];
export type TerminalType = (typeof terminalTypes)[number];
export type MonthlyVolume = (typeof monthlyVolumes)[number];
export type CallWindow = (typeof callWindows)[number];

export const NAME_MAX_LENGTH = 30;
export const NOTE_MAX_LENGTH = 200;

/** One message per field path (dotted for nested fields), as the API returns them in `error.fields`. */
export const applicationMessages = {
  name: '请填写姓名：2–30 个字，可用中文或英文字母，少数民族姓名中间可用“·”',
  phone: '请输入有效的11位手机号',
  city: '请选择所在的省份和城市',
  merchantType: '请选择商户类型',
  brand: '请选择想申请的品牌；没想好可以选“还没想好”',
  terminalType: '请从列表中选择终端类型',
  monthlyVolume: '请从列表中选择每月刷卡收款金额',
  callWindow: '请从列表中选择方便接听电话的时间',
  note: `备注最多 ${NOTE_MAX_LENGTH} 字，且不能含有无法显示的特殊字符`,
  consent: '请勾选同意隐私政策、境外存储和提供给收单机构',
  'consent.privacy': '请阅读并勾选同意《隐私政策》',
  'consent.crossBorder': '请勾选同意将申请信息存储在中国大陆以外的服务器上',
  'consent.providerSharing': '请勾选同意将申请信息提供给收单机构，否则无法办理',
  'consent.version': '隐私政策已更新，请刷新页面，阅读后重新勾选',
  attribution: '来源信息格式不正确',
  website: '此项请留空',
  formToken: '为确认是您本人操作，请核对以下信息后再点一次“提交申请”',
  unknownField: '不支持这个字段',
  body: '提交的内容格式不正确',
} as const;

/**
 * Characters that have no business in a name, note or link: C0/C1 controls (tab, CR and LF excepted for the note),
 * zero-width and bidirectional-override characters, BOM, and UTF-16 surrogates that are not part of a pair.
 */
const UNSAFE_IN_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE_IN_LINE = new RegExp(`[\\t\\n\\r]|${UNSAFE_IN_TEXT.source}`);

const hasNoUnsafeText = (value: string) => !UNSAFE_IN_TEXT.test(value);
/** Whether free text holds a character no note should (the rule above; staff text reuses it: console-activity.ts). */
export const hasUnsafeText = (value: string): boolean => UNSAFE_IN_TEXT.test(value);
const hasNoUnsafeLine = (value: string) => !UNSAFE_IN_LINE.test(value);
const trim = (value: string) => value.trim();

/** Middle dots people type in minority names (・ ‧ • ．) become the standard `·`; runs of spaces become one. */
function normaliseName(raw: string): string {
  return raw
    .trim()
    .replace(/[\u30FB\u2027\u2022\uFF0E\u2219]/g, '·')
    .replace(/[ \u00A0\u3000]+/g, ' ');
}
/** Chinese or Latin letters; `·` or a single space only between letters. Length counted in characters, not UTF-16 units. */
const NAME_PATTERN = /^[\p{Script=Han}A-Za-z]+(?:[· ][\p{Script=Han}A-Za-z]+)*$/u;
function isAcceptableName(name: string): boolean {
  const length = Array.from(name).length;
  return length >= 2 && length <= NAME_MAX_LENGTH && NAME_PATTERN.test(name);
}

const messages = applicationMessages;
const unknownFieldOr = (message: string) => (issue: { code?: string }) => (issue.code === 'unrecognized_keys' ? messages.unknownField : message);

/** A single-line optional text such as a UTM parameter. */
const optionalLine = (maxLength: number, message: string) =>
  z.optional(z.string({ error: message }).check(z.overwrite(trim), z.maxLength(maxLength, message), z.refine(hasNoUnsafeLine, message)));

/**
 * The site a visitor came from, without path or query string (search terms, campaign tokens, session ids ride
 * there and would stay on the anonymous record for good): `https://www.baidu.com/s?wd=…` → `https://www.baidu.com`,
 * `android-app://com.tencent.mm/` → `android-app://com.tencent.mm`. Undefined when it names no host. Intake applies
 * it before storing (use-cases/submit-application.ts); it is not part of the schema, so the form's script (which
 * shares this file) does not carry it.
 */
export function referrerOrigin(referrer: string): string | undefined {
  try {
    const url = new URL(referrer);
    // Web pages and the WeChat/Android app referrers people arrive from; never a script URL (`javascript://…`).
    if (!['http:', 'https:', 'android-app:'].includes(url.protocol)) return undefined;
    return url.host === '' ? undefined : `${url.protocol}//${url.host}`;
  } catch {
    return undefined;
  }
}

/** A path shaped like one of this site's pages: lowercase segments of letters, digits and hyphens, at most four. */
const SITE_ROUTE = /^\/(?:[a-z0-9][a-z0-9-]{0,79}\/){0,3}(?:[a-z0-9][a-z0-9-]{0,79}\/?)?$/;

/**
 * The landing page as stored: the path when it is shaped like a page of this site (`/articles/lakala-rates/`),
 * otherwise undefined. Anything else (`//evil.example/x`, markup, a query string) is dropped at intake rather than
 * refused: it is a hidden field the merchant cannot fix, and staff must never read attacker-chosen text in stats.
 */
export function siteLandingPage(path: string): string | undefined {
  return SITE_ROUTE.test(path) ? path : undefined;
}

export const attributionSchema = z.strictObject(
  {
    utm_source: optionalLine(100, messages.attribution),
    utm_medium: optionalLine(100, messages.attribution),
    utm_campaign: optionalLine(100, messages.attribution),
    /** Path on this site where the visit started, e.g. `/articles/lakala-rates/`. */
    landingPage: z.optional(
      z.string({ error: messages.attribution }).check(
        z.maxLength(300, messages.attribution),
        z.refine((value) => value === '' || (value.startsWith('/') && hasNoUnsafeLine(value)), messages.attribution),
      ),
    ),
    /** document.referrer as the browser gave it; only its origin is stored (see referrerOrigin). */
    referrer: optionalLine(500, messages.attribution),
  },
  { error: unknownFieldOr(messages.attribution) },
);

export const consentSchema = z.strictObject(
  {
    privacy: z.literal(true, { error: messages['consent.privacy'] }),
    /** The data is stored outside mainland China (AWS ap-east-1); PIPL requires separate consent. */
    crossBorder: z.literal(true, { error: messages['consent.crossBorder'] }),
    /**
     * Name, phone, city and what they applied for go to the terminal provider they chose (or we match), who calls
     * them and does the real-name check: providing data to another handler needs separate consent (PIPL Art. 23).
     */
    providerSharing: z.literal(true, { error: messages['consent.providerSharing'] }),
    /** The privacy policy version the merchant saw; must be the current one. */
    version: z.literal(PRIVACY_POLICY_VERSION, { error: messages['consent.version'] }),
  },
  { error: unknownFieldOr(messages.consent) },
);

export const applicationSchema = z.strictObject(
  {
    name: z.string({ error: messages.name }).check(z.maxLength(100, messages.name), z.overwrite(normaliseName), z.refine(isAcceptableName, messages.name)),
    /** Stored normalised: `+86 138-1234-5678` → `13812345678`. */
    phone: z.string({ error: messages.phone }).check(z.maxLength(40, messages.phone), z.overwrite(normalisePhone), z.refine(isMainlandMobile, messages.phone)),
    /** `"<province> <city>"` from cities.ts, or a municipality's name. */
    city: z.string({ error: messages.city }).check(
      z.maxLength(40, messages.city),
      z.overwrite((value) => value.trim().replace(/[\s\u3000]+/g, ' ')),
      z.refine(isKnownCity, messages.city),
    ),
    merchantType: z.enum(merchantTypes, { error: messages.merchantType }),
    brand: z.enum(brands, { error: messages.brand }),
    terminalType: z.optional(z.enum(terminalTypes, { error: messages.terminalType })),
    monthlyVolume: z.optional(z.enum(monthlyVolumes, { error: messages.monthlyVolume })),
    /** When the merchant prefers to be called; absent means no preference. */
    callWindow: z.optional(z.enum(callWindows, { error: messages.callWindow })),
    note: z.optional(
      z.string({ error: messages.note }).check(z.overwrite(trim), z.maxLength(NOTE_MAX_LENGTH, messages.note), z.refine(hasNoUnsafeText, messages.note)),
    ),
    consent: consentSchema,
    attribution: z.optional(attributionSchema),
    /** Honeypot: hidden from people and screen readers, so anything in it was typed by a bot. */
    website: z.optional(z.string({ error: messages.website }).check(z.maxLength(500, messages.website))),
    /**
     * The form token the API issued when the form was shown (see domain/form-token.ts): proves when, by the server's
     * clock, so a submission faster than a person could type is spam. Checked by the use case, not here: a missing
     * one (the static page has none) is answered like an expired one, with the form and a fresh token.
     */
    formToken: z.optional(z.string({ error: messages.formToken }).check(z.maxLength(200, messages.formToken))),
  },
  { error: unknownFieldOr(messages.body) },
);

export type ApplicationInput = z.infer<typeof applicationSchema>;
export type Attribution = z.infer<typeof attributionSchema>;
export type Consent = z.infer<typeof consentSchema>;

/** Field path → Chinese message; unknown keys are reported under their own name. Null prototype: keys like `__proto__` are plain data here. */
export type FieldErrors = Record<string, string>;

export type ValidationResult<T> = { success: true; data: T } | { success: false; fields: FieldErrors };

interface Issue {
  code?: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/** Longest field name echoed back; hostile clients send huge keys. */
const MAX_REPORTED_KEY_LENGTH = 64;

export function fieldErrorsFrom(issues: readonly Issue[]): FieldErrors {
  const fields: FieldErrors = Object.create(null) as FieldErrors;
  const add = (path: readonly PropertyKey[], message: string) => {
    const key = path.map(String).join('.').slice(0, MAX_REPORTED_KEY_LENGTH) || 'body';
    if (!(key in fields)) fields[key] = message;
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys) add([...issue.path, key], messages.unknownField);
    } else {
      add(issue.path, issue.message);
    }
  }
  return fields;
}

/** Validate and normalise an application (browser and server). */
export function validateApplication(input: unknown): ValidationResult<ApplicationInput> {
  const result = applicationSchema.safeParse(input);
  return result.success ? { success: true, data: result.data } : { success: false, fields: fieldErrorsFrom(result.error.issues) };
}

const BOOLEAN_FIELDS = new Set(['consent.privacy', 'consent.crossBorder', 'consent.providerSharing']);
const NESTED_OBJECTS = new Set(['consent', 'attribution']);
/** Fields a form leaves empty when the merchant skipped them; empty means "not given". */
const OPTIONAL_FIELDS = new Set(['terminalType', 'monthlyVolume', 'callWindow', 'note', 'website', 'formToken']);

/**
 * Turn posted form fields (`application/x-www-form-urlencoded`, or FormData in the browser) into the JSON shape the
 * schema validates. Field names are the dotted paths (`consent.privacy`, `attribution.utm_source`); a ticked
 * checkbox posts `on` (form-fields.ts). Anything unexpected is passed through for the schema to reject.
 */
export function applicationFromFormFields(entries: Iterable<readonly [string, string]>): Record<string, unknown> {
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, raw] of entries) {
    const dot = name.indexOf('.');
    const parent = dot > 0 ? name.slice(0, dot) : undefined;
    const isNested = parent !== undefined && NESTED_OBJECTS.has(parent) && name.indexOf('.', dot + 1) === -1;
    if (raw === '' && (OPTIONAL_FIELDS.has(name) || (isNested && parent === 'attribution'))) continue;

    let value: unknown = raw;
    if (BOOLEAN_FIELDS.has(name)) value = isCheckboxTicked(raw) ? true : raw;
    if (value === undefined) continue;

    if (isNested) {
      let target = result[parent] as Record<string, unknown> | undefined;
      if (typeof target !== 'object' || target === null) {
        target = Object.create(null) as Record<string, unknown>;
        result[parent] = target;
      }
      target[name.slice(dot + 1)] = value;
    } else {
      result[name] = value;
    }
  }
  return result;
}
