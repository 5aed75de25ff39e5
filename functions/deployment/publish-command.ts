/**
 * `npm run publish -- --stage <dev|prod> [--rollback] [--no-build]`
 *
 * Content publish without CloudFormation: read the stage's bucket, distribution and address from its stack outputs,
 * build the site for that address (settings from functions/deployment/stages.ts), then publish only what changed
 * (functions/deployment/publish-site.ts). `--rollback` makes the previously published build live again.
 * Credentials: the usual AWS profile or variables (CI: the OIDC role of the CI stack); region from the stage file.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readBuildDirectory } from './build-directory.ts';
import { NothingToRollBackError, publishSite, rollBackSite, type PublishResult } from './publish-site.ts';
import { changedPageUrls, indexNowKeyFile, submitChangedPages } from './search-submission.ts';
import { siteBuildEnvironment } from './site-build.ts';
import { stackName, statefulOutputKeys, statelessOutputKeys } from './stack-outputs.ts';
import { isStageName, placeholderSettings, stageNames, stages, type StageName } from './stages.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const siteDist = fileURLToPath(new URL('../../site/dist/', import.meta.url));

export class PublishUsageError extends Error {}

export interface PublishOptions {
  readonly stage: StageName;
  readonly rollback: boolean;
  readonly build: boolean;
}

/** Check the command line; throws PublishUsageError saying what to fix. */
export function parsePublishArguments(args: readonly string[]): PublishOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { stage: { type: 'string' }, rollback: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    throw new PublishUsageError(error instanceof Error ? error.message : String(error));
  }
  if (!isStageName(values.stage)) throw new PublishUsageError(`--stage 必须是 ${stageNames.join(' 或 ')}`);
  const placeholders = values.stage === 'prod' ? placeholderSettings(stages.prod) : [];
  if (placeholders.length > 0) {
    throw new PublishUsageError(`functions/deployment/stages.ts 里 prod 的 ${placeholders.join('、')} 还是占位值，请先填写真实值`);
  }
  return { stage: values.stage, rollback: values.rollback, build: !values['no-build'] };
}

/** What changed and how long it took, for the operator and the CI log. */
export function formatPublishResult(result: PublishResult, action: 'publish' | 'rollback'): string {
  const list = (paths: readonly string[]) =>
    paths.length <= 20 ? paths.map((path) => `    ${path}`) : [...paths.slice(0, 20).map((path) => `    ${path}`), `    …另有 ${paths.length - 20} 个`];
  return [
    `${action === 'rollback' ? '已回滚到' : '已发布'} ${result.manifestId}，用时 ${result.seconds.toFixed(1)} 秒`,
    `  上传 ${result.uploaded.length} 个，未变 ${result.unchanged} 个`,
    ...list(result.uploaded),
    ...(result.removed.length > 0 ? [`  删除 ${result.removed.length} 个`, ...list(result.removed)] : []),
    ...(result.retired.length > 0 ? [`  保留旧版资源 ${result.retired.length} 个（一天后删除）`] : []),
    `  CDN 更新路径：${result.invalidated.length > 0 ? result.invalidated.join(' ') : '无'}`,
  ].join('\n');
}

async function main(args: readonly string[]): Promise<number> {
  let options: PublishOptions;
  try {
    options = parsePublishArguments(args);
  } catch (error) {
    if (!(error instanceof PublishUsageError)) throw error;
    console.error(`npm run publish: ${error.message}\n\n用法：npm run publish -- --stage dev|prod [--rollback] [--no-build]`);
    return 2;
  }
  const settings = stages[options.stage];
  const [{ readStackOutputs }, { createS3Client, createS3SiteBucket }, { createCloudFrontClient, createCloudFrontInvalidations }] = await Promise.all([
    import('../adapters/cloudformation-stack-outputs.ts'),
    import('../adapters/s3-site-bucket.ts'),
    import('../adapters/cloudfront-invalidations.ts'),
  ]);
  const stateful = await readStackOutputs(stackName(options.stage, 'Stateful'), settings.region);
  const stateless = await readStackOutputs(stackName(options.stage, 'Stateless'), settings.region);
  const bucketName = stateful[statefulOutputKeys.siteBucketName];
  const distributionId = stateless[statelessOutputKeys.distributionId];
  const siteUrl = stateless[statelessOutputKeys.siteUrl];
  if (!bucketName || !distributionId || !siteUrl) {
    console.error(`npm run publish: 找不到 ${options.stage} 的站点桶或 CloudFront 分发（先运行 npm run deploy -- --stage ${options.stage}）`);
    return 1;
  }
  console.error(`目标：${options.stage}（${siteUrl}，桶 ${bucketName}，分发 ${distributionId}）`);

  const deps = {
    bucket: createS3SiteBucket(createS3Client({ region: settings.region, ignoreConfiguredEndpointUrls: true }), bucketName),
    cdn: createCloudFrontInvalidations(createCloudFrontClient(), distributionId),
    clock: { now: () => new Date() },
    log: (line: string) => console.error(line),
  };
  const started = Date.now();
  try {
    if (options.rollback) {
      console.log(formatPublishResult(await rollBackSite(deps), 'rollback'));
      return 0;
    }
    if (options.build) {
      const built = spawnSync('npm', ['run', 'build'], {
        cwd: repositoryRoot,
        stdio: 'inherit',
        env: siteBuildEnvironment(options.stage, siteUrl, process.env),
      });
      if (built.status !== 0) return built.status ?? 1;
    }
    const build = await readBuildDirectory(siteDist);
    const indexNowKey = settings.searchSubmission?.indexNowKey;
    if (indexNowKey) build.push(indexNowKeyFile(indexNowKey));
    const result = await publishSite(build, deps);
    console.log(formatPublishResult(result, 'publish'));
    for (const line of await submitChangedPages(siteUrl, changedPageUrls(siteUrl, result.uploaded), settings.searchSubmission)) console.log(`  ${line}`);
    console.log(`总用时（含构建）${((Date.now() - started) / 1000).toFixed(1)} 秒`);
    return 0;
  } catch (error) {
    if (error instanceof NothingToRollBackError) {
      console.error(`npm run publish: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
