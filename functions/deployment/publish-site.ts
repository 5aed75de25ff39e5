/**
 * Publishing the built site to its bucket, and rolling back to the build published before. Plain functions over two
 * ports (the bucket and the CDN), so tests run them against a real S3 emulator (fauxqs) and a recording CDN.
 *
 * The bucket holds the live files at their paths and, under `_publish/` (which CloudFront may not read: the
 * stateful stack denies it), the publish records:
 * - `_publish/manifests/<id>.json`: every file of one publish with its SHA-256, Content-Type and Cache-Control, plus
 *   the hashed assets it retired but keeps live;
 * - `_publish/objects/<sha256>`: one copy of every file content a kept manifest names, so a rollback can put any of
 *   them back without a local build (content-addressed: an unchanged file is stored once);
 * - `_publish/history.json`: manifest ids, newest (live) first.
 *
 * Order of a publish, so a reader never sees a broken page: copies first, then assets, then pages; then the manifest;
 * then the CDN forgets the changed paths (and we wait for it); only then are deleted pages removed. Hashed assets
 * (`/_astro/*`) a build no longer has stay live for a day, so pages already open keep loading their chunks.
 */
import { createHash } from 'node:crypto';
import { cacheControlFor, hashedAssetPrefix } from './cache-control.ts';

/** Prefix of the publish records in the site bucket. */
export const publishRecordsPrefix = '_publish/';
const manifestsPrefix = `${publishRecordsPrefix}manifests/`;
const objectsPrefix = `${publishRecordsPrefix}objects/`;
const historyKey = `${publishRecordsPrefix}history.json`;

/** How long a retired hashed asset stays live after the build that dropped it. */
export const retiredAssetLifetimeMs = 24 * 60 * 60 * 1000;
/** Manifests kept for rollback (and the copies they name). */
export const keptManifests = 10;
/** Above this many changed paths one `/*` invalidation is cheaper (CloudFront bills per path after 1,000 a month). */
export const maxInvalidationPaths = 25;

export interface PublishedFile {
  readonly sha256: string;
  readonly contentType: string;
  readonly cacheControl: string;
}

export interface Manifest {
  readonly id: string;
  readonly publishedAt: string;
  /** Where the files came from: `build` or `rollback to <id>`. */
  readonly source: string;
  readonly files: Readonly<Record<string, PublishedFile>>;
  /** Hashed assets no longer in the build, still live until `retiredAt` + a day. */
  readonly retired: Readonly<Record<string, PublishedFile & { readonly retiredAt: string }>>;
}

/** The site bucket as publishing needs it. Keys have no leading slash. */
export interface SiteBucket {
  /** A stored object's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array, headers: { contentType: string; cacheControl: string }): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  /** Every key under `prefix`. */
  list(prefix: string): Promise<string[]>;
}

/** The CDN in front of the bucket. */
export interface ContentDeliveryNetwork {
  /** Forget the cached copies of `paths` (each starting with `/`); with `wait`, return once that is done everywhere. */
  invalidate(paths: readonly string[], options: { wait: boolean }): Promise<void>;
}

/** One file of a build: path relative to the site root (`articles/x/index.html`) and its bytes. */
export interface BuildFile {
  readonly path: string;
  readonly body: Uint8Array;
}

export interface PublishDependencies {
  readonly bucket: SiteBucket;
  readonly cdn: ContentDeliveryNetwork;
  readonly clock: { now(): Date };
  /** Progress lines for the operator (no personal data exists here). */
  readonly log?: (line: string) => void;
}

export interface PublishResult {
  readonly manifestId: string;
  /** Paths written (new or changed). */
  readonly uploaded: readonly string[];
  /** Pages (and expired retired assets) removed after the new build was live. */
  readonly removed: readonly string[];
  /** Hashed assets the build dropped, kept live for a day. */
  readonly retired: readonly string[];
  /** Paths the CDN was told to forget. */
  readonly invalidated: readonly string[];
  readonly unchanged: number;
  readonly seconds: number;
}

export class NothingToRollBackError extends Error {
  constructor() {
    super('没有可以回滚到的上一次发布（至少要发布过两次）');
    this.name = 'NothingToRollBackError';
  }
}

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
  webmanifest: 'application/manifest+json',
};

/** Content-Type by file extension; Pagefind's index chunks and anything unknown are plain bytes. */
export function contentTypeFor(path: string): string {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return contentTypes[extension] ?? 'application/octet-stream';
}

export function sha256(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Publish `build` as the live site. */
export async function publishSite(build: readonly BuildFile[], deps: PublishDependencies): Promise<PublishResult> {
  const bodies = new Map(build.map((file) => [file.path, file.body]));
  const files = Object.fromEntries(
    build.map((file) => [file.path, { sha256: sha256(file.body), contentType: contentTypeFor(file.path), cacheControl: cacheControlFor(file.path) }]),
  );
  const history = await readHistory(deps.bucket);
  return applyFiles({ files, source: 'build', body: async (path) => bodies.get(path)!, liveId: history[0], history }, deps);
}

/** Make the build published before the live one live again; the live one is dropped from the history. */
export async function rollBackSite(deps: PublishDependencies): Promise<PublishResult> {
  const history = await readHistory(deps.bucket);
  const [, previousId] = history;
  if (previousId === undefined) throw new NothingToRollBackError();
  const previous = await readManifest(deps.bucket, previousId);
  const body = async (path: string) => {
    const bytes = await deps.bucket.get(objectsPrefix + previous.files[path]!.sha256);
    if (!bytes) throw new Error(`publish record ${objectsPrefix}${previous.files[path]!.sha256} (${path}) is missing: cannot roll back`);
    return bytes;
  };
  return applyFiles(
    { files: { ...previous.files }, source: `rollback to ${previousId}`, body, liveId: history[0], history: history.slice(1), replacesHead: true },
    deps,
  );
}

interface Target {
  readonly files: Record<string, PublishedFile>;
  readonly source: string;
  readonly body: (path: string) => Promise<Uint8Array>;
  /** The manifest that is live now (what the bucket holds), if any. */
  readonly liveId: string | undefined;
  /** Manifest ids newest first that stay in the history, before this change is added. */
  readonly history: readonly string[];
  /** Rollback: the live manifest is replaced by the previous one rather than followed by a new one. */
  readonly replacesHead?: boolean;
}

async function applyFiles(target: Target, deps: PublishDependencies): Promise<PublishResult> {
  const started = deps.clock.now();
  const log = deps.log ?? (() => {});
  const live = target.liveId === undefined ? undefined : await readManifest(deps.bucket, target.liveId);
  const liveFiles = live ? { ...live.retired, ...live.files } : {};

  const changed = Object.keys(target.files)
    .filter((path) => liveFiles[path]?.sha256 !== target.files[path]!.sha256 || liveFiles[path]?.cacheControl !== target.files[path]!.cacheControl)
    .sort(assetsBeforePages);
  const dropped = Object.keys(live?.files ?? {}).filter((path) => !(path in target.files));
  const retired: Record<string, Manifest['retired'][string]> = {};
  for (const [path, file] of Object.entries(live?.retired ?? {})) {
    if (!(path in target.files) && started.getTime() - Date.parse(file.retiredAt) < retiredAssetLifetimeMs) retired[path] = file;
  }
  for (const path of dropped.filter((candidate) => candidate.startsWith(hashedAssetPrefix))) {
    retired[path] = { ...live!.files[path]!, retiredAt: started.toISOString() };
  }
  const removed = Object.keys(liveFiles).filter((path) => !(path in target.files) && !(path in retired));

  // 1. Keep a copy of every new content for later rollbacks, then the live files: assets before the pages using them.
  const storedCopies = new Set((await deps.bucket.list(objectsPrefix)).map((key) => key.slice(objectsPrefix.length)));
  for (const path of changed) {
    const file = target.files[path]!;
    const body = await target.body(path);
    if (!storedCopies.has(file.sha256)) {
      await deps.bucket.put(objectsPrefix + file.sha256, body, { contentType: 'application/octet-stream', cacheControl: 'no-store' });
      storedCopies.add(file.sha256);
    }
  }
  for (const path of changed) {
    const file = target.files[path]!;
    await deps.bucket.put(path, await target.body(path), { contentType: file.contentType, cacheControl: file.cacheControl });
  }
  log(`上传 ${changed.length} 个文件（未变 ${Object.keys(target.files).length - changed.length} 个）`);

  // 2. Record what is live now.
  const manifest: Manifest = {
    id: target.replacesHead ? target.history[0]! : manifestId(started),
    publishedAt: started.toISOString(),
    source: target.source,
    files: target.files,
    retired,
  };
  const history = target.replacesHead ? [...target.history] : [manifest.id, ...target.history];
  await writeJson(deps.bucket, `${manifestsPrefix}${manifest.id}.json`, manifest);
  await writeJson(deps.bucket, historyKey, history.slice(0, keptManifests));

  // 3. The CDN forgets the changed paths; wait, so the new pages are live before anything is removed.
  const changedPaths = invalidationPaths(changed);
  if (changedPaths.length > 0) {
    log(`让 CDN 更新 ${changedPaths.length} 个路径并等待完成…`);
    await deps.cdn.invalidate(changedPaths, { wait: true });
  }

  // 4. Only now remove deleted pages and expired retired assets.
  if (removed.length > 0) {
    await deps.bucket.delete(removed);
    await deps.cdn.invalidate(invalidationPaths(removed), { wait: false });
    log(`删除 ${removed.length} 个已不存在的文件`);
  }

  await pruneRecords(deps.bucket, history.slice(0, keptManifests), history.slice(keptManifests));
  return {
    manifestId: manifest.id,
    uploaded: changed,
    removed,
    retired: Object.keys(retired),
    invalidated: [...changedPaths, ...(removed.length > 0 ? invalidationPaths(removed) : [])],
    unchanged: Object.keys(target.files).length - changed.length,
    seconds: (deps.clock.now().getTime() - started.getTime()) / 1000,
  };
}

/** CDN paths for bucket keys: `articles/x/index.html` is also served as `/articles/x/`; many paths become `/*`. */
export function invalidationPaths(keys: readonly string[]): string[] {
  const paths = keys.flatMap((key) =>
    key === 'index.html' ? ['/', '/index.html'] : key.endsWith('/index.html') ? [`/${key}`, `/${key.slice(0, -'index.html'.length)}`] : [`/${key}`],
  );
  return paths.length > maxInvalidationPaths ? ['/*'] : paths;
}

/** Pages last: a page is uploaded only after every asset it may reference. */
function assetsBeforePages(a: string, b: string): number {
  const rank = (path: string) => (path.endsWith('.html') ? 1 : 0);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function manifestId(at: Date): string {
  return `${at.toISOString().replace(/[-:.]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;
}

async function readHistory(bucket: SiteBucket): Promise<string[]> {
  const bytes = await bucket.get(historyKey);
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as string[]) : [];
}

async function readManifest(bucket: SiteBucket, id: string): Promise<Manifest> {
  const bytes = await bucket.get(`${manifestsPrefix}${id}.json`);
  if (!bytes) throw new Error(`publish record ${manifestsPrefix}${id}.json is missing`);
  return JSON.parse(new TextDecoder().decode(bytes)) as Manifest;
}

async function writeJson(bucket: SiteBucket, key: string, value: unknown): Promise<void> {
  await bucket.put(key, new TextEncoder().encode(JSON.stringify(value)), { contentType: 'application/json', cacheControl: 'no-store' });
}

/** Delete manifests that fell out of the history and copies no kept manifest names. */
async function pruneRecords(bucket: SiteBucket, kept: readonly string[], droppedIds: readonly string[]): Promise<void> {
  const needed = new Set<string>();
  for (const id of kept) {
    const manifest = await readManifest(bucket, id);
    for (const file of [...Object.values(manifest.files), ...Object.values(manifest.retired)]) needed.add(file.sha256);
  }
  const keptKeys = new Set(kept.map((id) => `${manifestsPrefix}${id}.json`));
  const staleManifests = (await bucket.list(manifestsPrefix)).filter((key) => !keptKeys.has(key));
  const staleCopies = (await bucket.list(objectsPrefix)).filter((key) => !needed.has(key.slice(objectsPrefix.length)));
  const stale = [...staleManifests, ...staleCopies, ...droppedIds.map((id) => `${manifestsPrefix}${id}.json`)];
  if (stale.length > 0) await bucket.delete([...new Set(stale)]);
}
