import { describe, expect, it } from 'vitest';
import { csvField, csvRow, UTF8_BOM } from '../../../functions/presentation/csv.ts';

describe('csvField', () => {
  it('leaves plain text, Chinese and numbers as they are', () => {
    expect(csvField('张三')).toBe('张三');
    expect(csvField('13812345678')).toBe('13812345678');
    expect(csvField(42)).toBe('42');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('下午方便, 请打 "座机"\n谢谢')).toBe('"下午方便, 请打 ""座机""\n谢谢"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField(' 前后空格 ')).toBe('" 前后空格 "');
  });

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x.top","点我")')).toBe(`"'=HYPERLINK(""http://x.top"",""点我"")"`);
    expect(csvField('+8613812345678')).toBe("'+8613812345678");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('csvRow', () => {
  it('quotes cells a semicolon-separated Excel or a tab-splitting paste would cut into a formula cell', () => {
    expect(csvField('备注;=HYPERLINK("http://evil.example","点我")')).toBe('"备注;=HYPERLINK(""http://evil.example"",""点我"")"');
    expect(csvField('备注\t=1+1')).toBe('"备注\t=1+1"');
  });

  it('sees a formula behind leading spaces, ASCII or full-width', () => {
    expect(csvField(' =1+1')).toBe("' =1+1");
    expect(csvField('\u3000@SUM(A1)')).toBe(`'\u3000@SUM(A1)`);
  });

  it('joins fields with commas and ends with CRLF', () => {
    expect(csvRow(['PA-7K3F-9Q2M', '张三', undefined, 'a,b'])).toBe('PA-7K3F-9Q2M,张三,,"a,b"\r\n');
  });

  it('BOM is the UTF-8 byte-order mark', () => {
    expect(Buffer.from(UTF8_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
