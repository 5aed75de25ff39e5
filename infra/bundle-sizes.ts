// Reports the size of every Lambda bundle in a synthesized cloud assembly.
// Usage: `npm run synth && npx node infra/bundle-sizes.ts [assembly-dir]` (default infra/cdk.out).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Keep the public intake function small: cold starts on a phone-speed request path. */
export const submitBundleLimitBytes = 300 * 1024;

export interface FunctionBundle {
  /** Template and logical id of the AWS::Lambda::Function. */
  readonly stack: string;
  readonly logicalId: string;
  /** Handler file name for pos-portal functions (from the function description), otherwise the logical id. */
  readonly name: string;
  /** Directory of the bundle in the assembly (`asset.<hash>`). */
  readonly assetDirectory: string;
  /** Entry file (`index.mjs` for our ESM bundles) and its size. */
  readonly entryFile: string;
  readonly entryBytes: number;
  /** Source map next to the entry file, when there is one. */
  readonly sourceMapBytes?: number;
  /** All files in the bundle directory. */
  readonly totalBytes: number;
}

interface LambdaResource {
  readonly Type: string;
  readonly Properties?: { readonly Description?: string; readonly Handler?: string; readonly Code?: { readonly S3Key?: unknown } };
}

/** Every Lambda function in `assemblyDir` whose code is a directory asset, with its bundle sizes. */
export function measureBundles(assemblyDir: string): FunctionBundle[] {
  const bundles: FunctionBundle[] = [];
  for (const templateFile of readdirSync(assemblyDir).filter((file) => file.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(join(assemblyDir, templateFile), 'utf8')) as { Resources?: Record<string, LambdaResource> };
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const s3Key = resource.Properties?.Code?.S3Key;
      if (resource.Type !== 'AWS::Lambda::Function' || typeof s3Key !== 'string') continue;
      const assetDirectory = join(assemblyDir, `asset.${s3Key.replace(/\.zip$/, '')}`);
      if (!existsSync(assetDirectory) || !statSync(assetDirectory).isDirectory()) continue;
      const files = readdirSync(assetDirectory);
      const entryFile = files.find((file) => /^index\.(mjs|js|py)$/.test(file)) ?? files[0];
      if (entryFile === undefined) continue;
      const sizeOf = (file: string) => statSync(join(assetDirectory, file)).size;
      const description = resource.Properties?.Description ?? '';
      bundles.push({
        stack: templateFile.replace(/\.template\.json$/, ''),
        logicalId,
        name: description.startsWith('pos-portal ') ? description.slice('pos-portal '.length) : logicalId,
        assetDirectory,
        entryFile,
        entryBytes: sizeOf(entryFile),
        ...(files.includes(`${entryFile}.map`) && { sourceMapBytes: sizeOf(`${entryFile}.map`) }),
        totalBytes: files.reduce((sum, file) => sum + sizeOf(file), 0),
      });
    }
  }
  return bundles.sort((a, b) => a.name.localeCompare(b.name));
}

/** A table for people: one line per function. */
export function formatBundleReport(bundles: readonly FunctionBundle[]): string {
  const kib = (bytes: number | undefined) => (bytes === undefined ? '-' : `${(bytes / 1024).toFixed(1)} KiB`);
  const rows = bundles.map((bundle) => [bundle.name, bundle.entryFile, kib(bundle.entryBytes), kib(bundle.sourceMapBytes)]);
  const header = ['function', 'entry', 'bundle (minified)', 'source map'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')).join('\n');
}

if (import.meta.main) {
  const assemblyDir = process.argv[2] ?? 'infra/cdk.out';
  const bundles = measureBundles(assemblyDir);
  if (bundles.length === 0) {
    console.error(`No Lambda bundles in ${assemblyDir}; run \`npm run synth\` first.`);
    process.exit(1);
  }
  console.log(formatBundleReport(bundles));
  const submit = bundles.find((bundle) => bundle.name === 'submit-application');
  if (submit && submit.entryBytes >= submitBundleLimitBytes) {
    console.error(`submit-application is ${submit.entryBytes} bytes; the limit is ${submitBundleLimitBytes}.`);
    process.exit(1);
  }
}
