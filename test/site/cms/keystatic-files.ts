/**
 * Opening and saving an entry exactly as the editor does, without a browser: Keystatic's own browser build (the only
 * build whose MDX field really parses and serializes; the Node build stubs it), its `loadDataFile`, `parseProps` and
 * `serializeProps`, glued the way its `parseEntry` / `serializeEntryToFiles` glue them. Those helpers are internal
 * chunks, so their files are found through the import lines of the package's UI bundle: a Keystatic upgrade that
 * moves them fails here loudly instead of silently testing something else.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const KEYSTATIC_DIST = path.join(path.dirname(createRequire(import.meta.url).resolve('@keystatic/core/package.json')), 'dist');

/** A file of Keystatic's browser build, as an importable URL. */
export function keystaticBrowserBuild(file: string): string {
  return pathToFileURL(path.join(KEYSTATIC_DIST, file)).href;
}

/** Imports the internal function the UI bundle imports as `name`. */
async function internal<T>(name: string): Promise<T> {
  const uiBundle = readFileSync(path.join(KEYSTATIC_DIST, 'keystatic-core-ui.js'), 'utf8');
  for (const [, names, chunk] of uiBundle.matchAll(/^import \{([^}]*)\} from '\.\/([\w-]+\.js)';$/gm)) {
    const exported = names!
      .split(',')
      .map((part) => part.trim().split(/\s+as\s+/))
      .find(([, local]) => local === name);
    if (exported) return (await import(keystaticBrowserBuild(chunk!)))[exported[0]!] as T;
  }
  throw new Error(`Keystatic's UI bundle no longer imports ${name}: update test/site/cms/keystatic-files.ts`);
}

type Schema = Record<string, any>;
interface Format {
  data: 'yaml';
  contentField?: { path: string[]; contentExtension: string };
}

const { dump } = await import('js-yaml');
const loadDataFile = await internal<(data: Uint8Array, format: Format) => { loaded: unknown; extraFakeFile?: { contents: Uint8Array } }>('loadDataFile');
const parseProps = await internal<(...args: any[]) => unknown>('parseProps');
const serializeProps = await internal<(...args: any[]) => { value: unknown; extraFiles: { path: string; contents: Uint8Array }[] }>('serializeProps');
const object = await internal<(fields: Schema) => Schema>('object');

const encoder = new TextEncoder();

/** The files under `folder` (relative to `root`), keyed by their path inside it, as Keystatic's file tree gives them. */
function filesUnder(root: string, folder: string): Map<string, Uint8Array> {
  const absolute = path.join(root, folder);
  if (!existsSync(absolute)) return new Map();
  return new Map(
    readdirSync(absolute, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(absolute, file).split(path.sep).join('/'), readFileSync(file)] as const;
      }),
  );
}

/**
 * Opens `data` (one entry's file) with the collection's schema, as the editor does, and returns the bytes the editor
 * would write when saved. `root` is the folder holding content/ (where the editor runs), for images the entry uses.
 */
export function openAndSave(
  collection: { schema: Schema; slugField: string },
  contentField: string | undefined,
  slug: string,
  data: Uint8Array,
  root: string,
): Uint8Array {
  const schema = object(collection.schema);
  const mdxField = contentField ? collection.schema[contentField] : undefined;
  const format: Format = mdxField ? { data: 'yaml', contentField: { path: [contentField!], contentExtension: mdxField.contentExtension } } : { data: 'yaml' };
  const { loaded, extraFakeFile } = loadDataFile(data, format);
  const state = parseProps(
    schema,
    loaded,
    [],
    [],
    (field: any, value: unknown, propPath: string[]) => {
      if (propPath.length === 1 && propPath[0] === collection.slugField) return field.parse(value, { slug });
      if (field.formKind === 'asset') {
        const filename = field.filename(value, { suggestedFilenamePrefix: propPath.join('/'), slug });
        return field.parse(value, { asset: filename ? filesUnder(root, `${field.directory}/${slug}`).get(filename) : undefined, slug });
      }
      if (field.formKind === 'content') {
        // Keystatic hands a content field the files of each folder it uses, `<folder>/<slug>/…` (article images).
        const external = new Map((field.directories ?? []).map((folder: string) => [folder, filesUnder(root, `${folder}/${slug}`)]));
        return field.parse(value, { content: extraFakeFile?.contents, other: new Map(), external, slug });
      }
      return field.parse(value, undefined);
    },
    false,
  );
  const { value, extraFiles } = serializeProps(state, schema, collection.slugField, slug, true);
  const frontmatter = encoder.encode(dump(value));
  if (!mdxField) return frontmatter;
  const body = extraFiles.find((file) => file.path === `${contentField}${mdxField.contentExtension}`)?.contents ?? new Uint8Array();
  return new Uint8Array([...encoder.encode('---\n'), ...frontmatter, ...encoder.encode('---\n'), ...body]);
}
