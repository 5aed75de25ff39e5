import { describe, expect, test } from 'vitest';
import { attributionFor } from '../../../../site/src/scripts/attribution.ts';

const form = (query = '') => new URL(`https://pos.example.cn/apply/${query}`);

describe('attributionFor', () => {
  test('a visitor who followed a call to action: the page they came from, and its campaign', () => {
    const attribution = attributionFor(form('?brand=lakala'), 'https://pos.example.cn/articles/lakala-rates/?utm_source=wechat&utm_campaign=autumn');

    expect(attribution).toEqual({ landingPage: '/articles/lakala-rates/', utm_source: 'wechat', utm_campaign: 'autumn' });
  });

  test("the form's own campaign parameters win over the previous page's", () => {
    const attribution = attributionFor(form('?utm_source=sms'), 'https://pos.example.cn/?utm_source=wechat');

    expect(attribution).toEqual({ landingPage: '/', utm_source: 'sms' });
  });

  test('a visitor who arrived at the form from another site: the form is the landing page, the other site the referrer', () => {
    const attribution = attributionFor(form('?utm_medium=cpc'), 'https://www.baidu.com/');

    expect(attribution).toEqual({ landingPage: '/apply/', referrer: 'https://www.baidu.com/', utm_medium: 'cpc' });
  });

  test('a visitor who typed the address: only the landing page', () => {
    expect(attributionFor(form(), '')).toEqual({ landingPage: '/apply/' });
  });

  test('drops what the schema would reject instead of blocking the application', () => {
    const attribution = attributionFor(form(`?utm_source=${'x'.repeat(101)}&utm_campaign=a%0Ab&utm_medium=ok`), 'not a url');

    expect(attribution).toEqual({ landingPage: '/apply/', utm_medium: 'ok' });
  });
});
