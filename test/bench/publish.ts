/**
 * Content publish benchmark: the real site built twice with `CONTENT_DIR` on a temporary copy of content/, the second
 * time with one sentence added to one article (what marketing's typical pull request does), then both builds
 * published with `npm run publish`'s code (functions/deployment/publish-site.ts) to fauxqs's S3 on this machine. The
 * CDN is a recording stand-in: CloudFront's invalidation time is not measurable offline and is stated separately.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createS3Client, createS3SiteBucket } from '../../functions/adapters/s3-site-bucket.ts';
import { readBuildDirectory } from '../../functions/deployment/build-directory.ts';
import { publishSite, type PublishResult } from '../../functions/deployment/publish-site.ts';
import { startSqsLocal } from '../../functions/local/sqs-local.ts';
import { createWorkspace, repoPath, runMeasured, type MeasuredRun } from './processes.ts';
import { formatCount, formatMs, type SectionReport } from './report.ts';

const ASTRO_CLI = repoPath('node_modules/astro/bin/astro.mjs');
const PAGEFIND_CLI = repoPath('node_modules/pagefind/lib/runner/bin.cjs');
/** The article the benchmark edits. */
const EDITED_ARTICLE = 'lakala-deregistration.mdx';

export async function benchmarkPublish(): Promise<SectionReport> {
  const workspace = await createWorkspace('publish');
  const emulator = await startSqsLocal({ port: 0 });
  const client = createS3Client({ endpoint: emulator.endpoint, region: 'ap-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const content = path.join(workspace.dir, 'content');
    await cp(repoPath('content'), content, { recursive: true });
    const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTENT_DIR: content };
    const build = async (outDir: string, label: string): Promise<MeasuredRun> => {
      const astro = await runMeasured(process.execPath, [ASTRO_CLI, 'build', '--root', 'site', '--outDir', outDir], { env, label });
      const pagefind = await runMeasured(process.execPath, [PAGEFIND_CLI, '--site', outDir], { env, label: `${label} (pagefind)` });
      return { ...astro, wallMs: astro.wallMs + pagefind.wallMs };
    };
    const before = path.join(workspace.dir, 'dist-before');
    const after = path.join(workspace.dir, 'dist-after');
    const firstBuild = await build(before, 'build before the edit');
    const article = path.join(content, 'articles', EDITED_ARTICLE);
    await writeFile(article, `${await readFile(article, 'utf8')}\n\n注销前请再核对一次押金的退还条件。\n`);
    const editBuild = await build(after, 'build after the edit');

    await client.send(new CreateBucketCommand({ Bucket: 'bench-site' }));
    const invalidations: string[][] = [];
    const deps = {
      bucket: createS3SiteBucket(client, 'bench-site'),
      cdn: { invalidate: async (paths: readonly string[]) => void invalidations.push([...paths]) },
      clock: { now: () => new Date() },
    };
    const timed = async (files: Awaited<ReturnType<typeof readBuildDirectory>>) => {
      const started = performance.now();
      const result = await publishSite(files, deps);
      return { result, ms: performance.now() - started };
    };
    const first = await timed(await readBuildDirectory(before));
    const edit = await timed(await readBuildDirectory(after));
    const row = (name: string, run: { result: PublishResult; ms: number }) => [
      name,
      formatCount(run.result.uploaded.length),
      formatCount(run.result.unchanged),
      formatCount(run.result.invalidated.length),
      formatMs(run.ms),
    ];
    const totalMs = editBuild.wallMs + edit.ms;
    return {
      title: 'Content publish',
      method: [
        `The real site built with \`CONTENT_DIR\` on a temporary copy of content/ (Astro + Pagefind), then again after adding one sentence to \`content/articles/${EDITED_ARTICLE}\`.`,
        "Both builds published with `npm run publish`'s code to fauxqs's S3 on this machine (loopback, so upload time is a lower bound); the CDN is a recording stand-in.",
        'Not measured offline: the network to S3 in ap-east-1 and CloudFront finishing the invalidation, which the publish waits for before removing deleted pages (AWS documents no figure; allow up to a minute or two).',
      ],
      tables: [
        {
          title: 'Publish (same machine, same run)',
          columns: ['publish', 'files uploaded', 'unchanged', 'paths invalidated', 'time'],
          rows: [row('first publish (empty bucket)', first), row('one-article edit', edit)],
        },
        {
          title: 'One-article change, end to end on this machine',
          columns: ['step', 'time'],
          rows: [
            ['site build + Pagefind', formatMs(editBuild.wallMs)],
            ['publish (changed files only)', formatMs(edit.ms)],
            ['total before CloudFront invalidation', formatMs(totalMs)],
            ['(first build, cold cache, for comparison)', formatMs(firstBuild.wallMs)],
          ],
        },
      ],
      warnings: edit.result.uploaded.length === 0 ? ['The one-article edit uploaded nothing: the edit did not reach the build.'] : [],
    };
  } finally {
    client.destroy();
    await emulator.stop();
    await workspace.remove();
  }
}
