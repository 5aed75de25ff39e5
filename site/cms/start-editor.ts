/**
 * `npm run cms` — the marketing editor: Astro's dev server (live preview, drafts visible) with Keystatic at
 * /keystatic, reading and writing the files in content/ directly (local mode: no account, no extra server).
 *
 * The editor's integrations and `trailingSlash: 'ignore'` (Keystatic's /api/keystatic/* calls have no trailing
 * slash) are added here, on top of astro.config.ts, so `npm run build` and `npm run dev` never load React or
 * Keystatic. Keystatic resolves its paths (`content/…`) from the working directory, so the editor works in the
 * folder that holds CONTENT_DIR: the repository, or a test's copy.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@astrojs/react';
import keystatic from '@keystatic/astro';
import { dev } from 'astro';
import type { AstroIntegration, AstroInlineConfig } from 'astro';
import { CONTENT_DIR } from '../src/content-location.ts';

const SITE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** /content-check/: every problem in Chinese, also when a broken file stops the preview pages. */
const contentCheckPage: AstroIntegration = {
  name: 'pos-portal-content-check-page',
  hooks: {
    'astro:config:setup': ({ injectRoute }) => {
      injectRoute({ pattern: '/content-check', entrypoint: fileURLToPath(new URL('./content-check-page.astro', import.meta.url)) });
    },
  },
};

/** What the editor adds to the site's own configuration. */
export function editorConfig(port: number): AstroInlineConfig {
  return {
    root: SITE_ROOT,
    integrations: [react(), keystatic(), contentCheckPage],
    trailingSlash: 'ignore',
    server: { host: '127.0.0.1', port },
  };
}

/** Starts the editor; resolves once it answers. */
export async function startEditor(port: number) {
  if (path.basename(CONTENT_DIR) !== 'content') throw new Error(`CONTENT_DIR 必须是名为 content 的文件夹（现在是 ${CONTENT_DIR}）`);
  process.chdir(path.dirname(CONTENT_DIR));
  const server = await dev(editorConfig(port));
  return { url: `http://127.0.0.1:${server.address.port}`, stop: () => server.stop() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const editor = await startEditor(Number(process.env.CMS_PORT ?? 4321));
  console.log(`\n内容编辑器已就绪（${((performance.now() - started) / 1000).toFixed(1)} 秒）：${editor.url}/keystatic`);
  console.log(`预览：${editor.url}/（草稿也会显示）；内容检查：${editor.url}/content-check/。按 Ctrl+C 退出。\n`);
}
