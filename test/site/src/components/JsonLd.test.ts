import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import JsonLd from '../../../../site/src/components/JsonLd.astro';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('JsonLd', () => {
  test('cannot be broken out of by text containing </script>', async () => {
    const html = await container.renderToString(JsonLd, { props: { data: { headline: '</script><script>alert(1)</script>' } } });

    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const json = html.replace(/^<script type="application\/ld\+json">/, '').replace(/<\/script>$/, '');
    expect(JSON.parse(json)).toEqual({ headline: '</script><script>alert(1)</script>' });
  });
});
