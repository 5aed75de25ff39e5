/**
 * What the marketing editor would leave in a build if it ever leaked into `npm run build`: its routes, React and
 * Keystatic code, an Astro island (the editor page is one), or the preview's content-check banner. Used by the build test on the real build and, to show
 * it can fail, on a planted folder (editor-traces.test.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Inside a built page or script: the editor's code, React's runtime, a hydrated island, or the preview's check banner. */
const EDITOR_CODE = /keystatic|@keystar\/ui|react-dom|__reactContainer|react\.(production|development)|<astro-island\b|class="notice content-check"/i;

/** Every file under `dist` that is the editor's route or carries editor/React code, relative to `dist`. */
export async function editorTraces(dist: string): Promise<string[]> {
  const traces: string[] = [];
  for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(dist, path.join(entry.parentPath, entry.name));
    if (/(^|\/)(keystatic|api\/keystatic)(\/|$)/.test(file.split(path.sep).join('/'))) {
      traces.push(`${file}: editor route`);
    } else if (/\.(m?js|html)$/.test(entry.name) && EDITOR_CODE.test(await readFile(path.join(dist, file), 'utf8'))) {
      traces.push(`${file}: editor, React or preview-only code`);
    }
  }
  return traces;
}
