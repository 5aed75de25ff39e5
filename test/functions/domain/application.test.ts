import { describe, expect, it } from 'vitest';
import {
  applicationFromFormFields,
  applicationMessages,
  referrerOrigin,
  siteLandingPage,
  validateApplication,
  type ApplicationInput,
} from '../../../functions/domain/application.ts';
import { validApplication, validApplicationForm } from '../../support/application-fixtures.ts';

function errorsFor(input: unknown): Record<string, string> {
  const result = validateApplication(input);
  if (result.success) throw new Error('expected validation to fail');
  return result.fields;
}

function accepted(input: unknown): ApplicationInput {
  const result = validateApplication(input);
  if (!result.success) throw new Error(`expected success, got ${JSON.stringify(result.fields)}`);
  return result.data;
}

describe('application schema: valid input', () => {
  it('accepts a complete application and keeps every field', () => {
    const input = validApplication();

    const data = accepted(input);

    expect(data).toMatchObject({ name: '张三', city: '广东省 深圳市', merchantType: 'sole_proprietor', brand: 'lakala' });
    expect(data.consent).toEqual(input.consent);
  });

  it('accepts the minimum: only required fields', () => {
    const { terminalType, monthlyVolume, note, attribution, ...required } = validApplication();

    expect(validateApplication(required).success).toBe(true);
  });

  it.each([
    ['+86 138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['86 13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['(138)0013-8000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['  19912345678  ', '19912345678'],
  ])('normalises the phone %j to %s', (raw, normalised) => {
    expect(accepted(validApplication({ phone: raw })).phone).toBe(normalised);
  });

  it.each([
    ['  王小明 ', '王小明'],
    ['买买提・艾力', '买买提·艾力'],
    ['买买提•艾力', '买买提·艾力'],
    ['John   Smith', 'John Smith'],
    ['欧阳', '欧阳'],
  ])('normalises the name %j to %j', (raw, normalised) => {
    expect(accepted(validApplication({ name: raw })).name).toBe(normalised);
  });

  it('trims the note and the city', () => {
    const data = accepted(validApplication({ note: '  下午联系  ', city: ' 广东省  深圳市 ' }));

    expect(data.note).toBe('下午联系');
    expect(data.city).toBe('广东省 深圳市');
  });

  it('accepts a municipality on its own as the city', () => {
    expect(accepted(validApplication({ city: '重庆市' })).city).toBe('重庆市');
  });
});

describe('application schema: each field explains its own problem in Chinese', () => {
  it.each([
    ['name', '张', applicationMessages.name],
    ['name', '张'.repeat(31), applicationMessages.name],
    ['name', 'Robert2', applicationMessages.name],
    ['name', '·张三', applicationMessages.name],
    ['phone', '1380013800', applicationMessages.phone],
    ['phone', '12800138000', applicationMessages.phone],
    ['phone', '+1 415 555 0100', applicationMessages.phone],
    ['city', '广东省 北京市', applicationMessages.city],
    ['city', '台北市', applicationMessages.city],
    ['merchantType', 'corporation', applicationMessages.merchantType],
    ['brand', 'alipay', applicationMessages.brand],
    ['terminalType', 'mpos', applicationMessages.terminalType],
    ['monthlyVolume', '1000000', applicationMessages.monthlyVolume],
    ['callWindow', 'midnight', applicationMessages.callWindow],
    ['callWindow', 3, applicationMessages.callWindow],
    ['note', '字'.repeat(201), applicationMessages.note],
    ['formToken', 1700000000000, applicationMessages.formToken],
    ['formToken', 'x'.repeat(201), applicationMessages.formToken],
  ])('%s = %j → %s', (field, value, message) => {
    expect(errorsFor(validApplication({ [field]: value }))).toEqual({ [field]: message });
  });

  it('names every missing required field', () => {
    expect(Object.keys(errorsFor({})).sort()).toEqual(['brand', 'city', 'consent', 'merchantType', 'name', 'phone'].sort());
  });

  it('uses the exact phone message from the API contract', () => {
    expect(errorsFor(validApplication({ phone: '123' })).phone).toBe('请输入有效的11位手机号');
  });

  it.each([
    [{ privacy: false, crossBorder: true, providerSharing: true }, 'consent.privacy', applicationMessages['consent.privacy']],
    [{ privacy: true, crossBorder: 'yes', providerSharing: true }, 'consent.crossBorder', applicationMessages['consent.crossBorder']],
    [{ privacy: true, crossBorder: true }, 'consent.providerSharing', applicationMessages['consent.providerSharing']],
    [{ privacy: true, crossBorder: true, providerSharing: 'on' }, 'consent.providerSharing', applicationMessages['consent.providerSharing']],
    [{ privacy: true, crossBorder: true, providerSharing: true, version: '2020-01-01' }, 'consent.version', applicationMessages['consent.version']],
  ])('consent %j → %s', (consent, field, message) => {
    const fullConsent = { version: (validApplication().consent as { version: string }).version, ...consent };

    expect(errorsFor(validApplication({ consent: fullConsent }))).toEqual({ [field]: message });
  });

  it.each([
    ['landingPage', 'https://evil.example/'],
    ['utm_source', 'x'.repeat(101)],
    ['referrer', 'https://a.example/\nSet-Cookie: x'],
  ])('rejects attribution.%s = %j', (field, value) => {
    expect(errorsFor(validApplication({ attribution: { [field]: value } }))).toEqual({
      [`attribution.${field}`]: applicationMessages.attribution,
    });
  });
});

describe('application schema: hostile input never crashes and is never accepted', () => {
  it('rejects unknown fields, top-level and nested, by name', () => {
    const fields = errorsFor({ ...validApplication(), idCard: '110101199003070000', consent: { ...(validApplication().consent as object), marketing: true } });

    expect(fields).toEqual({ idCard: applicationMessages.unknownField, 'consent.marketing': applicationMessages.unknownField });
  });

  it('reports a JSON `__proto__` key as an unknown field and pollutes nothing', () => {
    const hostile = JSON.parse(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${JSON.stringify(validApplication()).slice(1)}`);

    const fields = errorsFor(hostile);

    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['zero-width space', '张\u200b三'],
    ['right-to-left override', '张\u202e三'],
    ['NUL', '张\u0000三'],
    ['newline', '张\n三'],
    ['emoji', '张三😀'],
    ['lone surrogate', '张\ud800三'],
  ])('rejects a name with a %s', (_, name) => {
    expect(errorsFor(validApplication({ name }))).toEqual({ name: applicationMessages.name });
  });

  it.each([
    ['zero-width joiner', '请\u200d联系'],
    ['bell', '请\u0007联系'],
    ['byte-order mark', '请\ufeff联系'],
  ])('rejects a note with a %s', (_, note) => {
    expect(errorsFor(validApplication({ note }))).toEqual({ note: applicationMessages.note });
  });

  it('accepts line breaks and emoji in the note', () => {
    expect(validateApplication(validApplication({ note: '周一到周五\n下午 3 点后 👍' })).success).toBe(true);
  });

  it('rejects megabyte strings in every text field quickly', () => {
    const huge = '中'.repeat(1_000_000);
    const started = performance.now();

    const fields = errorsFor(validApplication({ name: huge, phone: huge, city: huge, note: huge }));

    expect(Object.keys(fields).sort()).toEqual(['city', 'name', 'note', 'phone']);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each([null, [], 'application', 42, true])('rejects a body that is %j', (body) => {
    expect(errorsFor(body)).toEqual({ body: applicationMessages.body });
  });

  it('rejects wrong types field by field', () => {
    const fields = errorsFor(validApplication({ name: 123, phone: 13800138000, merchantType: ['individual'], consent: 'yes', formToken: 1 }));

    expect(Object.keys(fields).sort()).toEqual(['consent', 'formToken', 'merchantType', 'name', 'phone']);
  });
});

describe('referrerOrigin (what is stored of document.referrer)', () => {
  it.each([
    ['https://www.baidu.com/s?wd=%E5%BC%A0%E4%B8%89+13812345678&rsv=1#x', 'https://www.baidu.com'],
    ['https://user:secret@mp.weixin.qq.com:8443/s/abc?token=1', 'https://mp.weixin.qq.com:8443'],
    ['android-app://com.tencent.mm/', 'android-app://com.tencent.mm'],
  ])('keeps only the origin of %s', (referrer, origin) => {
    expect(referrerOrigin(referrer)).toBe(origin);
  });

  it.each(['about:blank', 'not a url', '', 'mailto:a@example.com', 'javascript://%0aalert(document.domain)', 'vbscript://x/msgbox', 'data://x/y'])(
    'names no site for %j',
    (referrer) => {
      expect(referrerOrigin(referrer)).toBeUndefined();
    },
  );
});

describe('siteLandingPage (what is stored of the landing page)', () => {
  it.each(['/', '/apply/', '/articles/lakala-dianqian/', '/articles/tag/rates/', '/brands/unionpay/', '/compare'])('keeps %s', (path) => {
    expect(siteLandingPage(path)).toBe(path);
  });

  it.each(['//evil.example/x', '/"><img src=x onerror=alert(1)>', '/apply/?utm=1', '/点击领取/', '/A/', '/a/b/c/d/e/', 'apply/'])('drops %j', (path) => {
    expect(siteLandingPage(path)).toBeUndefined();
  });
});

describe('applicationFromFormFields (posted forms, browser FormData)', () => {
  it('turns a form posted without JavaScript into a valid application', () => {
    const form = validApplicationForm({ terminalType: 'smart' });

    const data = accepted(applicationFromFormFields(Object.entries(form)));

    expect(data).toMatchObject({
      name: '李四',
      city: '北京市',
      terminalType: 'smart',
      consent: { privacy: true, crossBorder: true, providerSharing: true },
      attribution: { landingPage: '/apply/' },
    });
    expect(data.formToken).toBe(form.formToken);
    expect(data).not.toHaveProperty('monthlyVolume');
    expect(data).not.toHaveProperty('note');
    expect(data).not.toHaveProperty('callWindow');
  });

  it('keeps a chosen call window and treats the empty choice as no preference', () => {
    expect(accepted(applicationFromFormFields(Object.entries(validApplicationForm({ callWindow: 'evening' })))).callWindow).toBe('evening');
    expect(accepted(applicationFromFormFields(Object.entries(validApplicationForm({ callWindow: '' }))))).not.toHaveProperty('callWindow');
  });

  it.each(['consent.crossBorder', 'consent.providerSharing'] as const)('leaves an unticked %s missing, so the schema asks for it', (name) => {
    const { [name]: _, ...form } = validApplicationForm();

    expect(errorsFor(applicationFromFormFields(Object.entries(form)))).toEqual({ [name]: applicationMessages[name] });
  });

  it('leaves an empty form token out (the static page has none): the use case, not the schema, answers for it', () => {
    const result = validateApplication(applicationFromFormFields(Object.entries(validApplicationForm({ formToken: '' }))));

    expect(result.success && result.data.formToken).toBe(undefined);
  });

  it('passes dangerous and unknown field names through as data for the schema to reject', () => {
    const entries: [string, string][] = [
      ...Object.entries(validApplicationForm()),
      ['__proto__', 'x'],
      ['__proto__.polluted', 'x'],
      ['consent.__proto__', 'x'],
      ['a.b.c', 'x'],
    ];

    const fields = errorsFor(applicationFromFormFields(entries));

    expect(Object.keys(fields).sort()).toEqual(['__proto__', '__proto__.polluted', 'a.b.c', 'consent.__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
