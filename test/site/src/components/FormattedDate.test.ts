import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import FormattedDate from '../../../../site/src/components/FormattedDate.astro';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('FormattedDate', () => {
  test('renders a machine-readable datetime and the Chinese date', async () => {
    const html = await container.renderToString(FormattedDate, { props: { date: new Date('2026-11-20T00:00:00Z') } });

    expect(html).toBe('<time datetime="2026-11-20">2026年11月20日</time>');
  });
});
