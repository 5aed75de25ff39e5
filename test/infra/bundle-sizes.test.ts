import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { formatBundleReport, measureBundles, submitBundleLimitBytes } from '../../infra/bundle-sizes.ts';

const { outdir } = inject('infraAssembly');
const bundles = measureBundles(outdir);
const ours = bundles.filter((bundle) => bundle.entryFile === 'index.mjs');

describe('Lambda bundles in the synthesized assembly', () => {
  it('reports the size of every function bundle', () => {
    console.info(`Lambda bundle sizes (${outdir}):\n${formatBundleReport(bundles)}`);

    expect(ours.map((bundle) => bundle.name).sort()).toEqual([
      'app-secret-initialiser',
      'call-reminders',
      'console',
      'origin-authorizer',
      'outbox-sweeper',
      'personal-data-expiry',
      'review-worker',
      'status-lookup',
      'submit-application',
    ]);
  });

  it(`keeps submit-application under ${submitBundleLimitBytes / 1024} KiB minified`, () => {
    const submit = ours.find((bundle) => bundle.name === 'submit-application')!;

    expect(submit.entryBytes).toBeLessThan(submitBundleLimitBytes);
  });

  it.each(ours.map((bundle) => [bundle.name, bundle] as const))('%s is a minified ES module with a linked source map', (_name, bundle) => {
    const code = readFileSync(join(bundle.assetDirectory, bundle.entryFile), 'utf8');

    // The ESM `require` shim from PosFunction's banner comes first, then esbuild's output.
    expect(code.startsWith("import { createRequire as __posCreateRequire } from 'node:module';")).toBe(true);
    expect(/export\s*\{[^}]*as handler\s*\}/.test(code), 'exports handler as an ES module').toBe(true);
    expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map'), 'links its source map').toBe(true);
    expect(bundle.sourceMapBytes).toBeGreaterThan(0);
    // Minified: a few very long lines (banner, code, licence comments), not one statement per line.
    const lines = code.split('\n').length;
    expect(lines, `${lines} lines in ${code.length} bytes`).toBeLessThan(code.length / 500 + 10);
  });

  it('leaves the AWS SDK to the Lambda runtime instead of bundling it', () => {
    const submit = ours.find((bundle) => bundle.name === 'submit-application')!;
    const code = readFileSync(join(submit.assetDirectory, submit.entryFile), 'utf8');

    expect(/from\s*"@aws-sdk\/(client|lib)-dynamodb"/.test(code), 'imports the DynamoDB client from the runtime').toBe(true);
  });
});
