import { describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATOR } from '../../../functions/deployment/site-operator.ts';
import { FOOTER_LINKS, NAV_LINKS, pageTitle, renderSiteFooter, renderSiteHeader, SITE_NAME } from '../../../functions/http/page-shell.ts';

describe('renderSiteHeader', () => {
  it('links home and every section of the main navigation, in order', () => {
    const html = renderSiteHeader();

    expect(html).toMatch(/^<header class="site-header">/);
    expect(html).toContain(`<a class="site-name" href="/"><img src="/favicon.svg" alt="" width="28" height="28">${SITE_NAME}</a>`);
    expect(html).toContain('<nav class="site-nav" aria-label="主导航">');
    expect([...html.matchAll(/<li><a href="([^"]+)"/g)].map((match) => match[1])).toEqual(NAV_LINKS.map((link) => link.href));
    expect(html).not.toContain('aria-current');
  });

  it('marks the current section on its own page and below it, and nothing elsewhere', () => {
    expect(renderSiteHeader('/articles/')).toContain('<a href="/articles/" aria-current="page">文章</a>');
    expect(renderSiteHeader('/articles/lakala-rates/')).toContain('<a href="/articles/" aria-current="page">文章</a>');
    expect(renderSiteHeader('/privacy/')).not.toContain('aria-current');
    expect(renderSiteHeader('/').match(/aria-current/g)).toBeNull();
  });
});

describe('renderSiteFooter', () => {
  it('has the footer navigation, the disclaimer and the year', () => {
    const html = renderSiteFooter(EXAMPLE_OPERATOR, 2026);

    expect(html).toContain('<nav aria-label="页脚导航">');
    expect([...html.matchAll(/<li><a href="([^"]+)"/g)].map((match) => match[1])).toEqual(FOOTER_LINKS.map((link) => link.href));
    expect(html).toContain('仅供参考');
    expect(html).toContain(`<p>© 2026 ${SITE_NAME}</p>`);
  });
});

describe('pageTitle', () => {
  it('adds the site name, except on the page named after the site', () => {
    expect(pageTitle('文章')).toBe(`文章 | ${SITE_NAME}`);
    expect(pageTitle(SITE_NAME)).toBe(SITE_NAME);
  });
});
