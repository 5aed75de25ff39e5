import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import CopyLinkButton from '../../../../site/src/components/CopyLinkButton.astro';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('CopyLinkButton', () => {
  test('works without JavaScript: a disclosure with a readonly field holding the URL', async () => {
    const html = await container.renderToString(CopyLinkButton, { props: { url: 'https://pos.example.cn/articles/x/' } });

    expect(html).toMatch(/<details[^>]*data-copy-link/);
    expect(html).toMatch(/<summary[^>]*>复制链接<\/summary>/);
    expect(html).toMatch(/<input[^>]*readonly[^>]*value="https:\/\/pos\.example\.cn\/articles\/x\/"/);
    expect(html).not.toContain('<script');
  });
});
