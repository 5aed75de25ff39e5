import { describe, expect, it } from 'vitest';
import { bar, displayWidth, pad, renderTable } from '../../../functions/ops/text-table.ts';
import { textTable } from '../../bench/report.ts';

describe('displayWidth', () => {
  it('counts wide characters as two columns and zero-width ones as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('拉卡拉')).toBe(6);
    expect(displayWidth('（全角）')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('\u001b[31m红\u001b[39m')).toBe(2);
  });
});

describe('pad', () => {
  it('fills to a display width on either side', () => {
    expect(pad('拉卡拉', 8)).toBe('拉卡拉  ');
    expect(pad('12', 4, 'right')).toBe('  12');
  });
});

describe('renderTable', () => {
  it('lines up columns of mixed Chinese and Latin text', () => {
    const table = renderTable(
      ['品牌', 'n'],
      [
        ['拉卡拉', '12'],
        ['UnionPay', '3'],
      ],
      ['left', 'right'],
    );
    const [header, rule, first, second] = table.trimEnd().split('\n');

    expect(header).toBe('品牌       n');
    expect(rule).toBe('────────  ──');
    expect(first).toBe('拉卡拉    12');
    expect(second).toBe('UnionPay   3');
  });

  it('is the table the benchmark report prints: labels left, figures right', () => {
    const printed = textTable({
      title: '页面体积',
      columns: ['页面', '大小'],
      rows: [
        ['文章', '9.7 KiB'],
        ['home', '7 KiB'],
      ],
    });

    expect(printed.split('\n')).toEqual(['页面体积', '页面     大小', '────  ───────', '文章  9.7 KiB', 'home    7 KiB']);
  });
});

describe('bar', () => {
  it('scales to the maximum and shows any non-zero value', () => {
    expect(bar(10, 10, 20)).toBe('█'.repeat(20));
    expect(bar(5, 10, 20)).toBe('█'.repeat(10));
    expect(bar(1, 1000, 20)).toBe('█');
    expect(bar(0, 10)).toBe('');
  });
});
