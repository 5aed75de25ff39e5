/**
 * `npm run publish` and `--rollback` against a real S3 API: fauxqs's S3 emulator (the same process the integration
 * project starts for SQS). CloudFront has no emulator, so the CDN is a recording fake that also logs the order of
 * events, to prove deleted pages go only after the new ones are live. The bucket adapter's S3 calls are recorded as
 * CI's (`ci-publish`), for test/iam/recorded-calls.iam.test.ts to check against the CI stack's role.
 */
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { observeCalls } from '../../../functions/adapters/aws-clients.ts';
import { createS3Client, createS3SiteBucket } from '../../../functions/adapters/s3-site-bucket.ts';
import { immutableCacheControl, revalidateCacheControl } from '../../../functions/deployment/cache-control.ts';
import {
  NothingToRollBackError,
  publishSite,
  rollBackSite,
  type BuildFile,
  type ContentDeliveryNetwork,
  type PublishDependencies,
  type SiteBucket,
} from '../../../functions/deployment/publish-site.ts';
import { createAwsCallRecorder, type ResourceRole } from '../../support/aws-call-recorder.ts';

const endpoint = inject('sqsEndpoint');
const connection = { endpoint, region: 'ap-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
/** Sets up buckets and reads what was published; its calls are the test's, not publishing's. */
const client: S3Client = createS3Client(connection);
/** Each test's bucket, named as it is created: the recorder looks names up when a call is made. */
const bucketNames: Record<string, ResourceRole> = {};
/** The client publishing uses, as `npm run publish` in CI does: every call recorded for the IAM check. */
const publishClient: S3Client = observeCalls(createS3Client(connection), 's3', createAwsCallRecorder(bucketNames).observerFor('ci-publish'));
afterAll(() => {
  client.destroy();
  publishClient.destroy();
});

const text = (value: string) => new TextEncoder().encode(value);
const file = (path: string, content: string): BuildFile => ({ path, body: text(content) });

/** A build: home, two articles, a stylesheet and a script under /_astro/ (content-hashed names). */
function buildA(): BuildFile[] {
  return [
    file('index.html', '<h1>首页</h1><link href="/_astro/site.A1.css">'),
    file('articles/lakala/index.html', '<h1>拉卡拉</h1>'),
    file('articles/old-news/index.html', '<h1>旧文章</h1>'),
    file('_astro/site.A1.css', 'body{color:#222}'),
    file('_astro/search.A1.js', 'console.log(1)'),
    file('sitemap-0.xml', '<urlset/>'),
  ];
}

let bucketName: string;
let bucket: SiteBucket;
let events: string[];
let now: Date;
let deps: PublishDependencies;

beforeEach(async () => {
  bucketName = `site-${randomUUID()}`;
  await client.send(new CreateBucketCommand({ Bucket: bucketName }));
  bucketNames[bucketName] = 'site-bucket';
  events = [];
  now = new Date('2026-12-07T08:00:00Z');
  const real = createS3SiteBucket(publishClient, bucketName);
  // The real adapter, with every write and delete of a live file recorded in order.
  bucket = {
    get: (key) => real.get(key),
    list: (prefix) => real.list(prefix),
    put: async (key, body, headers) => {
      await real.put(key, body, headers);
      if (!key.startsWith('_publish/')) events.push(`put ${key}`);
    },
    delete: async (keys) => {
      await real.delete(keys);
      const live = keys.filter((key) => !key.startsWith('_publish/'));
      if (live.length > 0) events.push(`delete ${live.join(',')}`);
    },
  };
  const cdn: ContentDeliveryNetwork = {
    invalidate: async (paths, { wait }) => {
      events.push(`invalidate${wait ? '+wait' : ''} ${paths.join(',')}`);
    },
  };
  deps = { bucket, cdn, clock: { now: () => now } };
});

async function liveText(key: string): Promise<string | undefined> {
  try {
    const answer = await client.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
    return await answer.Body!.transformToString();
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchKey') return undefined;
    throw error;
  }
}

describe('publishSite', () => {
  it("uploads a first build with each path's Content-Type and Cache-Control", async () => {
    const result = await publishSite(buildA(), deps);

    expect(result.uploaded).toHaveLength(6);
    const page = await client.send(new HeadObjectCommand({ Bucket: bucketName, Key: 'articles/lakala/index.html' }));
    const asset = await client.send(new HeadObjectCommand({ Bucket: bucketName, Key: '_astro/site.A1.css' }));
    expect([page.ContentType, page.CacheControl]).toEqual(['text/html; charset=utf-8', revalidateCacheControl]);
    expect([asset.ContentType, asset.CacheControl]).toEqual(['text/css; charset=utf-8', immutableCacheControl]);
    // Assets before the pages that use them.
    const puts = events.filter((event) => event.startsWith('put '));
    expect(puts.findIndex((event) => event.endsWith('.html'))).toBeGreaterThan(puts.findIndex((event) => event.endsWith('.css')));
  });

  it('uploads only what changed in a one-article edit and invalidates only those paths', async () => {
    await publishSite(buildA(), deps);
    events = [];
    const edited = buildA().map((entry) => (entry.path === 'articles/lakala/index.html' ? file(entry.path, '<h1>拉卡拉（更新）</h1>') : entry));

    const result = await publishSite(edited, deps);

    expect(result.uploaded).toEqual(['articles/lakala/index.html']);
    expect(result.unchanged).toBe(5);
    expect(events).toEqual(['put articles/lakala/index.html', 'invalidate+wait /articles/lakala/index.html,/articles/lakala/']);
    expect(await liveText('articles/lakala/index.html')).toBe('<h1>拉卡拉（更新）</h1>');
  });

  it('changes nothing and invalidates nothing when the build is the same', async () => {
    await publishSite(buildA(), deps);
    events = [];

    const result = await publishSite(buildA(), deps);

    expect(result.uploaded).toEqual([]);
    expect(events).toEqual([]);
  });

  it('removes a deleted page only after the new pages are live (invalidation waited for)', async () => {
    await publishSite(buildA(), deps);
    events = [];
    const withoutOldNews = buildA()
      .filter((entry) => entry.path !== 'articles/old-news/index.html')
      .map((entry) => (entry.path === 'index.html' ? file('index.html', '<h1>首页（新）</h1><link href="/_astro/site.A1.css">') : entry));

    const result = await publishSite(withoutOldNews, deps);

    expect(result.removed).toEqual(['articles/old-news/index.html']);
    expect(events).toEqual([
      'put index.html',
      'invalidate+wait /,/index.html',
      'delete articles/old-news/index.html',
      'invalidate /articles/old-news/index.html,/articles/old-news/',
    ]);
    expect(await liveText('articles/old-news/index.html')).toBeUndefined();
  });

  it("keeps the previous build's hashed /_astro/ files live for a day, then removes them", async () => {
    await publishSite(buildA(), deps);
    const buildB = buildA().map((entry) => (entry.path === '_astro/search.A1.js' ? file('_astro/search.B2.js', 'console.log(2)') : entry));

    const published = await publishSite(buildB, deps);
    expect(published.retired).toEqual(['_astro/search.A1.js']);
    expect(await liveText('_astro/search.A1.js')).toBe('console.log(1)');

    now = new Date(now.getTime() + 23 * 60 * 60 * 1000);
    await publishSite(buildB, deps);
    expect(await liveText('_astro/search.A1.js')).toBe('console.log(1)');

    now = new Date(now.getTime() + 2 * 60 * 60 * 1000);
    const later = await publishSite(buildB, deps);
    expect(later.removed).toEqual(['_astro/search.A1.js']);
    expect(await liveText('_astro/search.A1.js')).toBeUndefined();
  });

  it('never touches files it did not publish, such as /console/config.json written by the deployment', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucketName, Key: 'console/config.json', Body: '{"issuer":"https://x"}' }));

    await publishSite(buildA(), deps);
    await publishSite(buildA().slice(1), deps);
    await rollBackSite(deps);

    expect(await liveText('console/config.json')).toBe('{"issuer":"https://x"}');
  });
});

describe('rollBackSite', () => {
  it('returns to the previously published build: old content back, new pages gone, the bad build dropped from the history', async () => {
    await publishSite(buildA(), deps);
    const buildB = [
      ...buildA().map((entry) => (entry.path === 'articles/lakala/index.html' ? file(entry.path, '<h1>错误的版本</h1>') : entry)),
      file('articles/new-page/index.html', '<h1>新页面</h1>'),
    ];
    await publishSite(buildB, deps);
    events = [];

    const result = await rollBackSite(deps);

    expect(await liveText('articles/lakala/index.html')).toBe('<h1>拉卡拉</h1>');
    expect(await liveText('articles/new-page/index.html')).toBeUndefined();
    expect(result.uploaded).toEqual(['articles/lakala/index.html']);
    expect(result.removed).toEqual(['articles/new-page/index.html']);
    expect(events[0]).toBe('put articles/lakala/index.html');
    // Only one build is left in the history: a second rollback has nowhere to go.
    await expect(rollBackSite(deps)).rejects.toBeInstanceOf(NothingToRollBackError);
  });

  it('refuses when nothing was published before', async () => {
    await expect(rollBackSite(deps)).rejects.toThrow('没有可以回滚到的上一次发布');
  });

  it('publishes again normally after a rollback', async () => {
    await publishSite(buildA(), deps);
    await publishSite([...buildA(), file('articles/new-page/index.html', '<h1>新页面</h1>')], deps);
    await rollBackSite(deps);

    const result = await publishSite([...buildA(), file('articles/fixed/index.html', '<h1>修好了</h1>')], deps);

    expect(result.uploaded).toEqual(['articles/fixed/index.html']);
    expect(await liveText('articles/fixed/index.html')).toBe('<h1>修好了</h1>');
  });
});
