/**
 * YAML with line numbers: parses a YAML text (a product file, tags.yaml or an article's frontmatter) and finds the
 * line of any path a schema issue or a rule points at, so every problem is reported as file:line.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export interface YamlSource {
  /** Plain data, or undefined when the text is not valid YAML. */
  data: unknown;
  /** Syntax problems, with file line numbers, in Chinese. */
  syntaxErrors: { line: number; message: string }[];
  /** File line of the deepest existing node along `path` (a key's line for map entries). */
  lineOf(path: readonly PropertyKey[]): number;
}

const YAML_ERROR_HINTS: Record<string, string> = {
  DUPLICATE_KEY: '同一个字段写了两次',
  BAD_INDENT: '缩进没对齐',
  MISSING_CHAR: '少了符号（常见：冒号后面少了空格，或引号、括号没有成对）',
  BLOCK_AS_IMPLICIT_KEY: '上一行可能少了冒号，或者缩进不对',
  MULTILINE_IMPLICIT_KEY: '字段名不能跨行，可能少了冒号',
  UNEXPECTED_TOKEN: '出现了意外的符号',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改成空格',
};

/**
 * @param text YAML text
 * @param firstLine file line number of the text's first line (2 for frontmatter after the opening `---`)
 */
export function parseYamlSource(text: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const syntaxErrors = doc.errors.map((error) => ({
    line: toFileLine(error.pos[0]),
    message: `YAML 写法有误：${YAML_ERROR_HINTS[error.code] ?? '格式不对'}（${error.code}）`,
  }));
  return {
    data: syntaxErrors.length ? undefined : doc.toJS(),
    syntaxErrors,
    lineOf: (path) => lineAlong(doc, path, toFileLine, firstLine),
  };
}

function lineAlong(doc: Document, path: readonly PropertyKey[], toFileLine: (offset: number) => number, firstLine: number): number {
  let node: unknown = doc.contents;
  let line = isNode(node) && node.range ? toFileLine(node.range[0]) : firstLine;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) line = toFileLine(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!isNode(item)) break;
      if (item.range) line = toFileLine(item.range[0]);
      node = item;
    } else {
      break;
    }
  }
  return line;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
