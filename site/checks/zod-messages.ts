/**
 * zod's issues in words a marketer understands. The schemas already carry Chinese messages for their own rules
 * (schema-level messages win over this map); this covers zod's built-in checks: types, lengths, ranges, enums, keys.
 */
import type { z } from 'astro/zod';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字（不要带 % 或“元”）',
  boolean: 'true 或 false',
  array: '列表，例如 [a, b]',
  object: '带子字段的一组内容',
  date: '日期 YYYY-MM-DD',
  null: 'null',
};

/** Per-parse error map for `schema.safeParse(data, { error: chineseIssueMessage, reportInput: true })`. */
export function chineseIssueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '必须填写';
      if (issue.input === null) return '不能为空';
      return `应该是${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive ?? true, issue.input);
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive ?? true, issue.input);
    case 'invalid_value':
      return `只能是 ${issue.values.map(String).join(' / ')} 之一（现在是 ${String(issue.input)}）`;
    case 'unrecognized_keys':
      return `不认识的字段 ${issue.keys.join('、')}：是不是拼错了？能用的字段见 docs/content-guide.md`;
    case 'invalid_format':
      return '格式不对';
    case 'invalid_union':
      return '格式不对，请对照 docs/content-guide.md 里的示例';
    default:
      return '内容不符合要求';
  }
}

function tooSmall(origin: string, minimum: number, inclusive: boolean, input: unknown): string {
  if (origin === 'string') return `至少需要 ${minimum} 个字（现在 ${String(input).length} 个）`;
  if (origin === 'array') return `至少要有 ${minimum} 项（现在 ${Array.isArray(input) ? input.length : 0} 项）`;
  return inclusive ? `不能小于 ${minimum}（现在是 ${String(input)}）` : `必须大于 ${minimum}（现在是 ${String(input)}）`;
}

function tooBig(origin: string, maximum: number, inclusive: boolean, input: unknown): string {
  if (origin === 'string') return `最多 ${maximum} 个字（现在 ${String(input).length} 个）`;
  if (origin === 'array') return `最多 ${maximum} 项（现在 ${Array.isArray(input) ? input.length : 0} 项）`;
  return inclusive ? `不能大于 ${maximum}（现在是 ${String(input)}）` : `必须小于 ${maximum}（现在是 ${String(input)}）`;
}

/** `models[0].rates.debit.percent` — how a field path reads in a message. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (name, segment) => (typeof segment === 'number' ? `${name}[${segment}]` : name ? `${name}.${String(segment)}` : String(segment)),
    '',
  );
}
