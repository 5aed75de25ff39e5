import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import Callout from '../../../../site/src/components/Callout.astro';
import { textOf } from '../../support.ts';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('Callout (MDX)', () => {
  test('Callout shows its type and a default title', async () => {
    const html = await container.renderToString(Callout, { props: { type: 'warning' }, slots: { default: '先问清押金。' } });

    expect(html).toContain('callout-warning');
    expect(textOf(html)).toBe('注意先问清押金。');
  });
});
