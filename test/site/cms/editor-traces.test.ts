/** The build test's editor scan finds what it should: an editor route, React in a script, an island, the check banner. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { editorTraces } from './editor-traces.ts';

const dist = await mkdtemp(path.join(os.tmpdir(), 'pos-editor-traces-'));
afterAll(() => rm(dist, { recursive: true, force: true }));

test('planted editor route, React bundle and island are all reported; a clean page is not', async () => {
  await mkdir(path.join(dist, 'keystatic'), { recursive: true });
  await mkdir(path.join(dist, '_astro'), { recursive: true });
  await mkdir(path.join(dist, 'articles/foo'), { recursive: true });
  await writeFile(path.join(dist, 'keystatic/index.html'), '<!doctype html><title>x</title>');
  await writeFile(path.join(dist, '_astro/client.abc.js'), 'var a=require("react-dom");');
  await writeFile(path.join(dist, 'articles/foo/index.html'), '<astro-island uid="1"></astro-island>');
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>首页</title><p>POS 机</p>');
  await mkdir(path.join(dist, 'brands/lakala'), { recursive: true });
  await writeFile(path.join(dist, 'brands/lakala/index.html'), '<aside class="notice content-check" aria-label="内容检查"></aside>');

  expect((await editorTraces(dist)).sort()).toEqual([
    '_astro/client.abc.js: editor, React or preview-only code',
    'articles/foo/index.html: editor, React or preview-only code',
    'brands/lakala/index.html: editor, React or preview-only code',
    'keystatic/index.html: editor route',
  ]);
});
