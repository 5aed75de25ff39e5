import { describe, expect, it } from 'vitest';
import { formatPublishResult, parsePublishArguments } from '../../../functions/deployment/publish-command.ts';
import { contentTypeFor, invalidationPaths, maxInvalidationPaths } from '../../../functions/deployment/publish-site.ts';
import { siteBuildEnvironment } from '../../../functions/deployment/site-build.ts';

describe('parsePublishArguments', () => {
  it('reads the stage, --rollback and --no-build', () => {
    expect(parsePublishArguments(['--stage', 'dev'])).toEqual({ stage: 'dev', rollback: false, build: true });
    expect(parsePublishArguments(['--stage=dev', '--rollback', '--no-build'])).toEqual({ stage: 'dev', rollback: true, build: false });
  });

  it.each([
    [[], '--stage 必须是 dev 或 prod'],
    [['--stage', 'staging'], '--stage 必须是 dev 或 prod'],
    [['--stage', 'dev', '--force'], "Unknown option '--force'"],
    [['--stage', 'prod'], 'prod 的 domainName、certificateArn、opsEmail、privacyContact、ci.repository、operator 还是占位值'],
  ])('refuses %j', (args, message) => {
    expect(() => parsePublishArguments(args)).toThrow(message);
  });
});

describe('invalidationPaths', () => {
  it('invalidates a page under its file and its directory URL, the home page under /', () => {
    expect(invalidationPaths(['index.html', 'articles/a/index.html', 'sitemap-0.xml'])).toEqual([
      '/',
      '/index.html',
      '/articles/a/index.html',
      '/articles/a/',
      '/sitemap-0.xml',
    ]);
  });

  it('uses one /* when more paths changed than it is worth naming', () => {
    const many = Array.from({ length: maxInvalidationPaths + 1 }, (_, index) => `p${index}.json`);
    expect(invalidationPaths(many)).toEqual(['/*']);
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['a/index.html', 'text/html; charset=utf-8'],
    ['_astro/x.js', 'text/javascript; charset=utf-8'],
    ['pagefind/fragment/zh_1.pf_fragment', 'application/octet-stream'],
    ['pagefind/wasm.zh.pagefind', 'application/octet-stream'],
    ['images/a.AVIF', 'image/avif'],
  ])('%s → %s', (path, type) => {
    expect(contentTypeFor(path)).toBe(type);
  });
});

describe('siteBuildEnvironment', () => {
  it("builds for the deployed address and the stage's settings, never for values left in the shell", () => {
    const env = siteBuildEnvironment('dev', 'https://d111111abcdef8.cloudfront.net', {
      PATH: '/bin',
      SITE_URL: 'https://stale.example.com',
      PRIVACY_CONTACT_EMAIL: 'stale@example.com',
    });

    expect(env).toEqual({ PATH: '/bin', SITE_URL: 'https://d111111abcdef8.cloudfront.net', SITE_STAGE: 'dev' });
  });
});

describe('formatPublishResult', () => {
  it('says what changed and how long it took', () => {
    const text = formatPublishResult(
      {
        manifestId: 'm1',
        uploaded: ['articles/a/index.html'],
        removed: ['articles/b/index.html'],
        retired: ['_astro/x.js'],
        invalidated: ['/articles/a/'],
        unchanged: 40,
        seconds: 12.34,
      },
      'publish',
    );

    expect(text).toContain('已发布 m1，用时 12.3 秒');
    expect(text).toContain('上传 1 个，未变 40 个');
    expect(text).toContain('删除 1 个');
    expect(text).toContain('保留旧版资源 1 个');
  });
});
