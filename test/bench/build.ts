/**
 * Build benchmark: N generated articles, built by our site (a temporary copy of content/ plus the generated files)
 * and by a bare Astro + MDX site (the generated files only), one after the other in the same run. Our build runs
 * first, so it is the one that pays for a cold file cache. Pagefind's indexing of our output is timed on its own.
 */
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { generateArticles } from './article-generator.ts';
import { createBareAstroSite } from './bare-astro-site.ts';
import { createWorkspace, repoPath, runMeasured, type MeasuredRun } from './processes.ts';
import { formatBytes, formatCount, formatMs, formatRatio, type SectionReport } from './report.ts';

const ASTRO_CLI = repoPath('node_modules/astro/bin/astro.mjs');
const PAGEFIND_CLI = repoPath('node_modules/pagefind/lib/runner/bin.cjs');

export interface BuildSettings {
  articles: number;
}

export async function benchmarkBuild(settings: BuildSettings): Promise<SectionReport> {
  const workspace = await createWorkspace('build');
  try {
    const content = path.join(workspace.dir, 'content');
    await cp(repoPath('content'), content, { recursive: true });
    const bare = await createBareAstroSite(path.join(workspace.dir, 'bare-site'));
    const generated = await generateArticles(settings.articles, content, [path.join(content, 'articles'), bare.articlesDir]);

    // Telemetry off for both: a build must not wait on the network.
    const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
    const ourDist = path.join(workspace.dir, 'our-dist');
    // CONTENT_DIR also moves Astro's cache into the copy (site/src/content-location.ts): site/dist and the real cache stay untouched.
    const ours = await runMeasured(process.execPath, [ASTRO_CLI, 'build', '--root', 'site', '--outDir', ourDist], {
      env: { ...env, CONTENT_DIR: content },
      label: 'our site build',
    });
    const bareDist = path.join(workspace.dir, 'bare-site', 'dist');
    const baseline = await runMeasured(process.execPath, [ASTRO_CLI, 'build', '--root', '.'], {
      cwd: path.join(workspace.dir, 'bare-site'),
      env,
      label: 'bare Astro + MDX build',
    });
    const pagefind = await runMeasured(process.execPath, [PAGEFIND_CLI, '--site', ourDist], { env, label: 'pagefind' });

    const ourPages = await countHtmlFiles(ourDist);
    const barePages = await countHtmlFiles(bareDist);
    const indexedPages = Number(/Indexed (\d+) pages?/i.exec(pagefind.stdout)?.[1] ?? Number.NaN);
    const row = (name: string, pages: number, run: MeasuredRun) => [
      name,
      formatCount(pages),
      formatMs(run.wallMs),
      formatCount(pages / (run.wallMs / 1000), 1),
      run.peakRssBytes === undefined ? '-' : formatBytes(run.peakRssBytes),
    ];

    return {
      title: 'Site build',
      method: [
        `${formatCount(generated.count)} generated articles (about ${formatCount(generated.bodyCharacters / generated.count)} characters of Chinese Markdown each, ${formatCount(generated.withFaq)} with FAQ; seeded, so every run builds the same content).`,
        'Our build: `astro build --root site` with `CONTENT_DIR` pointing at a temporary copy of content/ plus the generated articles, output and cache in the temporary folder.',
        'Baseline: a bare Astro 7 + @astrojs/mdx site (minimal config, one layout, one `[...slug].astro` page over a content collection) building only the generated articles.',
        'Pages = HTML files written. Time = wall clock of the build process. Peak RSS = highest resident memory of the build process and its children (sampled from /proc every 100 ms, or the kernel high-water mark if higher).',
        'Ratio = our build time ÷ bare build time: the price of our pages (tag, brand, listing pages, related articles, JSON-LD, sitemap, RSS) over rendering the articles alone.',
      ],
      tables: [
        {
          title: 'Build (same articles, same run)',
          columns: ['build', 'pages', 'time', 'pages/s', 'peak RSS'],
          rows: [
            row(`our site (${formatCount(generated.count)} generated + existing articles)`, ourPages, ours),
            row(`bare Astro + MDX (${formatCount(generated.count)} generated articles)`, barePages, baseline),
            ['our time ÷ bare time', '', formatRatio(ours.wallMs / baseline.wallMs), '', ''],
            row('Pagefind indexing of our output', Number.isNaN(indexedPages) ? ourPages : indexedPages, pagefind),
          ],
        },
      ],
      warnings: [],
    };
  } finally {
    await workspace.remove();
  }
}

async function countHtmlFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.html')).length;
}
