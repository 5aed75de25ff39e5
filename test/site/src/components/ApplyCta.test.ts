import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import ApplyCta from '../../../../site/src/components/ApplyCta.astro';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('ApplyCta (MDX)', () => {
  test('ApplyCta without a brand links to the plain form', async () => {
    const html = await container.renderToString(ApplyCta, { props: {} });

    expect(html).toMatch(/<a class="button button-primary" href="\/apply\/"/);
  });

  test('says next to the button what "免费" leaves out (deposit, SIM fee), linking to the explanation', async () => {
    const html = await container.renderToString(ApplyCta, { props: {} });

    expect(html).toMatch(
      /<a class="button button-primary"[^>]*>免费申请 POS 机<\/a>\s*(<!--[^>]*-->\s*)?<p class="free-qualifier"[^>]*>[^<]*押金[^<]*流量费[^<]*服务费或激活费[^<]*<a href="\/articles\/free-application-process\/">/,
    );
  });
});
