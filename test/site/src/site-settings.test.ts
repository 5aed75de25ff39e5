import { describe, expect, test } from 'vitest';
import { parseSiteSettings } from '../../../site/src/site-settings.ts';

describe('site settings (build-time environment)', () => {
  test('without variables a build describes the local stack, with a contact that is obviously not real', () => {
    const settings = parseSiteSettings({});

    expect(settings.SITE_URL).toBe('http://127.0.0.1:4321');
    expect(settings.PRIVACY_CONTACT_EMAIL).toMatch(/@example\.invalid$/);
  });

  test('takes the production origin and contact from the environment, origin without a trailing slash', () => {
    const settings = parseSiteSettings({ SITE_URL: 'https://pos.example.com/', PRIVACY_CONTACT_EMAIL: 'privacy@pos.example.com' });

    expect(settings).toMatchObject({ SITE_URL: 'https://pos.example.com', PRIVACY_CONTACT_EMAIL: 'privacy@pos.example.com' });
  });

  test('a local or dev build names the visibly marked example operator', () => {
    for (const stage of [undefined, 'dev']) {
      expect(parseSiteSettings({ SITE_STAGE: stage }).SITE_OPERATOR.legalName).toMatch(/^示例运营方/);
    }
  });

  test("a production build without the operator's details fails, saying what to fill in and why", () => {
    expect(() => parseSiteSettings({ SITE_STAGE: 'prod', SITE_URL: 'https://pos.example.com' })).toThrow(
      /No site operator for stage "prod": fill in prod\.operator \{ legalName, email, phone[\s\S]*个人信息保护法/,
    );
  });

  test('rejects an unknown SITE_STAGE, naming the variable', () => {
    expect(() => parseSiteSettings({ SITE_STAGE: 'production' })).toThrow(/Invalid site settings: SITE_STAGE: must be one of dev, prod/);
  });

  test.each([
    ['not a URL', 'pos.example.com'],
    ['another scheme', 'ftp://pos.example.com'],
    ['a path', 'https://pos.example.com/site/'],
    ['plain http to a public host', 'http://pos.example.com'],
    ['empty', ''],
  ])('rejects SITE_URL with %s, naming the variable', (_case, value) => {
    expect(() => parseSiteSettings({ SITE_URL: value })).toThrow(/Invalid site settings: SITE_URL: /);
  });

  test('rejects a PRIVACY_CONTACT_EMAIL that is not an address, naming the variable', () => {
    expect(() => parseSiteSettings({ PRIVACY_CONTACT_EMAIL: 'privacy at pos.example.com' })).toThrow(
      /Invalid site settings: PRIVACY_CONTACT_EMAIL: must be an e-mail address/,
    );
  });
});
