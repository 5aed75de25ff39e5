import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkContent, type CheckReport } from '../../../site/checks/content-checker.ts';
import { isCitableSource } from '../../../site/checks/source-citation.ts';
import { chinaWorkingCalendar } from '../../../functions/domain/china-working-calendar.ts';
import { badContent, goodContent, lineOf, repoRoot, TODAY } from '../support.ts';

const run = promisify(execFile);
const CHINESE = /\p{Script=Han}/u;

describe('content check on clean content', () => {
  test('reports nothing for the good fixture', async () => {
    const report = await checkContent({ contentDir: goodContent, today: TODAY });

    expect(report.problems).toEqual([]);
    expect(report.files.length).toBeGreaterThanOrEqual(6);
  });

  test('reminds (without failing) when figures are about to expire', async () => {
    const nearlyAYearLater = new Date('2027-11-01T00:00:00Z');

    // A calendar that has 2027, so that only the figures' reminders are left to see.
    const report = await checkContent({ contentDir: goodContent, today: nearlyAYearLater, workingCalendar: [{ ...chinaWorkingCalendar[0]!, year: 2027 }] });

    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.problems.every((problem) => problem.severity === 'warning' && problem.message.includes('到期'))).toBe(true);
  });
});

describe('working-day calendar', () => {
  const calendarFile = expect.stringMatching(/functions\/domain\/china-working-calendar\.ts$/);

  test('fails once the current year is missing from the calendar (China time: 2027 begins at 16:00 UTC on 31 December)', async () => {
    const newYear = await checkContent({ contentDir: goodContent, today: new Date('2026-12-31T16:00:00Z'), workingCalendar: chinaWorkingCalendar });
    const lastEvening = await checkContent({ contentDir: goodContent, today: new Date('2026-12-31T15:59:00Z'), workingCalendar: chinaWorkingCalendar });

    expect(newYear.problems).toContainEqual({ file: calendarFile, line: 1, severity: 'error', message: expect.stringContaining('工作日历缺少 2027 年') });
    expect(lastEvening.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  test('reminds in December while next year is missing, and says nothing in November', async () => {
    const december = await checkContent({ contentDir: goodContent, today: new Date('2026-12-07T00:00:00Z'), workingCalendar: chinaWorkingCalendar });
    const november = await checkContent({ contentDir: goodContent, today: new Date('2026-11-20T00:00:00Z'), workingCalendar: chinaWorkingCalendar });

    expect(december.problems).toContainEqual({ file: calendarFile, line: 1, severity: 'warning', message: expect.stringContaining('还没有 2027 年') });
    expect(november.problems.filter((problem) => problem.file.endsWith('china-working-calendar.ts'))).toEqual([]);
  });
});

describe('content check on planted problems', () => {
  let report: CheckReport;
  const planted = path.join(badContent, 'articles/planted-problems.mdx');
  const lakala = path.join(badContent, 'products/lakala.yaml');
  const unionpay = path.join(badContent, 'products/unionpay.yaml');
  const missingImage = path.join(badContent, 'articles/missing-image.mdx');

  beforeAll(async () => {
    report = await checkContent({ contentDir: badContent, today: TODAY });
  });

  /** The single problem reported for `file` at `line` whose message contains every fragment. */
  function expectProblem(file: string, line: number, ...fragments: string[]) {
    const found = report.problems.filter(
      (problem) => problem.file === file && problem.line === line && fragments.every((fragment) => problem.message.includes(fragment)),
    );
    expect(found, `${path.relative(repoRoot, file)}:${line} ${fragments.join(' … ')}\n${format(report)}`).toHaveLength(1);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toMatch(CHINESE);
  }

  test('schema errors name the field, in Chinese, on the field line', () => {
    expectProblem(planted, lineOf(planted, 'description:'), '字段 description', '至少需要 40 个字（现在 3 个）');
    expectProblem(planted, lineOf(planted, 'descripton:'), '不认识的字段 descripton');
    expectProblem(lakala, lineOf(lakala, 'credit: { percent: 6 }'), '字段 models[0].rates.credit.percent', '不能大于 5');
    expectProblem(lakala, lineOf(lakala, 'deposit:'), '字段 models[0].deposit.refundCondition', '退还条件');
    expectProblem(missingImage, lineOf(missingImage, 'updatedAt:'), '字段 updatedAt');
    expectProblem(missingImage, lineOf(missingImage, 'cover:'), '字段 cover', 'coverAlt');
  });

  test('unknown tag, product and brand references', () => {
    expectProblem(planted, lineOf(planted, 'tags:'), '字段 tags', 'no-such-tag');
    expectProblem(planted, lineOf(planted, 'products:'), '字段 products', 'lakala/no-such-model');
    expectProblem(planted, lineOf(planted, '<ProductCard'), '<ProductCard id="lakala/no-such-model">');
    expectProblem(planted, lineOf(planted, '<ApplyCta'), '<ApplyCta brand="alipay">', '品牌不存在');
    expectProblem(planted, lineOf(planted, '<Fancy />'), '组件 <Fancy> 不存在');
  });

  test('broken internal links, including a link to a draft and a missing trailing slash', () => {
    const line = lineOf(planted, '坏链接');

    expectProblem(planted, line, '/articles/no-such-article/', '没有这篇文章');
    expectProblem(planted, line, '/compare', '请写成 /compare/');
    expectProblem(planted, line, '/articles/tag/no-such-tag/', '标签 no-such-tag 不存在');
    expectProblem(planted, line, '/articles/draft-target/', '草稿');
  });

  test('working links and anything inside code blocks are not reported', () => {
    const linkLines = [lineOf(planted, '好链接'), lineOf(planted, '代码块里')];

    expect(report.problems.filter((problem) => problem.file === planted && linkLines.includes(problem.line))).toEqual([]);
  });

  test('images without alt text or without a file', () => {
    expectProblem(planted, lineOf(planted, '![](./images/terminal.png)'), '图片缺少替代文字');
    expectProblem(missingImage, lineOf(missingImage, 'missing.png'), '找不到图片文件 ./images/missing.png');
  });

  test("images outside the article's own folder, which the editor would drop on save", () => {
    expectProblem(planted, lineOf(planted, '![](./images/terminal.png)'), '要放在这篇文章自己的图片文件夹里', './images/planted-problems/');
    expectProblem(missingImage, lineOf(missingImage, 'cover:'), '要放在这篇文章自己的图片文件夹里', './images/missing-image/');
  });

  test('duplicate slugs and file names that cannot be URLs', () => {
    expectProblem(path.join(badContent, 'articles/dup-slug.mdx'), 1, '网址重复', '/articles/dup-slug/');
    expectProblem(path.join(badContent, 'articles/Bad_Name.mdx'), 1, '文件名 Bad_Name.mdx');
    expectProblem(path.join(badContent, 'articles/no-frontmatter.mdx'), 1, '缺少 frontmatter');
  });

  test('a "免费" call to action that does not say what may still be charged', () => {
    expectProblem(planted, lineOf(planted, '免费领一台'), '“免费领一台”', '押金、流量费');
  });

  test('a body the MDX build would reject, at the line the parser names', () => {
    const broken = path.join(badContent, 'articles/broken-mdx.mdx');

    expectProblem(broken, lineOf(broken, '<Callout'), '正文不是有效的 MDX', 'Callout');
  });

  test('a brand name that differs from the one the application form shows', () => {
    expectProblem(unionpay, lineOf(unionpay, 'name: 中国银联'), '字段 name', '品牌名要写“银联商务/银行收单”');
  });

  test('a figure source that names nothing a reader can open', () => {
    const lakalaRates = lineOf(lakala, 'source: 代理商公开报价汇总');
    const unionpayCompany = lineOf(unionpay, 'source: 中国银联官网公开信息');

    expectProblem(lakala, lakalaRates, '字段 models[0].rates.source', '“代理商公开报价汇总”无法核对', '网址', 'null');
    expectProblem(unionpay, unionpayCompany, '字段 company.source', '“中国银联官网公开信息”无法核对');
  });

  test('figures verified more than 365 days ago', () => {
    expectProblem(lakala, lineOf(lakala, 'verifiedAt: 2025-06-01'), '字段 models[0].rates.verifiedAt', '2025-06-01', '超过 365 天');
  });

  describe('no figure without a source', () => {
    const wording = path.join(badContent, 'articles/planted-wording.mdx');

    test('a figure in a sentence without a link, at its line', () => {
      expectProblem(wording, lineOf(wording, '押金一般 299 元'), '数字“299 元”没有来源', '<Callout type="example">');
    });

    test('an oral quote stays unsourced even when the sentence links something else', () => {
      const line = lineOf(wording, '口头报价');

      expectProblem(wording, line, '数字“三四十元”没有来源');
      expectProblem(wording, line, '数字“六十元”没有来源');
      expect(report.problems.filter((problem) => problem.file === wording && problem.line === line && problem.message.includes('60 元'))).toEqual([]);
    });

    test('a FAQ answer may only repeat a figure the body cites', () => {
      expectProblem(wording, lineOf(wording, '审核约 5 分钟'), '字段 faq[0].a', '数字“5 分钟”没有来源');
    });

    test('brand sentences (pros, cons, summary) carry no figures: those belong in sourced figure groups', () => {
      expectProblem(unionpay, lineOf(unionpay, '3–10 个工作日'), '字段 cons[0]', '数字“3–10 个工作日”没有来源');
    });

    test('a worked example in <Callout type="example"> and a linked figure are not reported', () => {
      const exampleLines = [lineOf(wording, '假设每月刷卡'), lineOf(wording, '法规原文')];

      expect(report.problems.filter((problem) => problem.file === wording && exampleLines.includes(problem.line))).toEqual([]);
    });
  });

  describe('广告法 and misleading wording', () => {
    const wording = path.join(badContent, 'articles/planted-wording.mdx');

    test('absolute terms and assurances in the body, the title and brand data', () => {
      const line = lineOf(wording, '受理范围最广');

      expectProblem(wording, line, '“最广”', '广告法');
      expectProblem(wording, line, '“品牌层面可以放心”');
      expectProblem(wording, lineOf(wording, 'title:'), '字段 title', '“包过”');
      expectProblem(unionpay, lineOf(unionpay, '受理范围最广'), '字段 pros[0]', '“最广”');
    });

    test('quoted words (what an agent says, what a regulation says) are allowed', () => {
      const quoted = [lineOf(wording, '业务员说的'), lineOf(wording, '法规原文')];

      expect(report.problems.filter((problem) => problem.file === wording && quoted.includes(problem.line))).toEqual([]);
    });

    test('免费 in a title, and in a description that does not name the deposit and a non-refundable fee', () => {
      expectProblem(wording, lineOf(wording, 'title:'), '字段 title', '“免费”', '标题');
      expectProblem(wording, lineOf(wording, 'description:'), '字段 description', '“免费”', '押金');
    });

    test('银联 written as if it made or sold the machine', () => {
      expectProblem(wording, lineOf(wording, '银联 POS 机'), '“银联 POS”', '银联商务');
      expectProblem(unionpay, lineOf(unionpay, 'summary:'), '字段 summary', '“银联 POS”');
    });
  });

  describe('each data caveat said once per article', () => {
    const caveats = path.join(badContent, 'articles/planted-caveats.mdx');
    const caveatProblems = () => report.problems.filter((problem) => problem.file === caveats && problem.message.includes('已经说过一次'));

    test('the first generic caveat (here a FAQ answer) stays; every later one is reported at its line', () => {
      const first = lineOf(caveats, '具体以合同为准');

      expectProblem(caveats, lineOf(caveats, '金额以机构官方 App 为准'), `第 ${first} 行已经说过一次`, '/data-notes/');
      expectProblem(caveats, lineOf(caveats, 'title="以机构规则为准"'), `第 ${first} 行已经说过一次`);
      expectProblem(caveats, lineOf(caveats, '仅供参考'), `第 ${first} 行已经说过一次`);
      expectProblem(caveats, lineOf(caveats, '费率以合同为准，来源见'), `第 ${first} 行已经说过一次`);
      expect(caveatProblems().map((problem) => problem.line)).not.toContain(first);
    });

    test('brand data never repeats the caveat the figure disclaimer already shows beside each number', () => {
      expectProblem(unionpay, lineOf(unionpay, '按商户类型定价，以合同为准'), '字段 models[0].rates.note', '以…为准');
    });

    test('a sentence that links an outside source is an instruction, not a repeated caveat (a link to /data-notes/ is not)', () => {
      const linked = lineOf(caveats, '人民银行官网公示');

      expect(caveatProblems().filter((problem) => problem.line === linked)).toEqual([]);
      expect(caveatProblems()).toHaveLength(4);
    });
  });

  test('the seed page SEO noise tokens, wherever they appear', () => {
    const line = lineOf(planted, '身份F证明');

    expectProblem(planted, line, '「身份F证」');
    expectProblem(planted, line, '「刷ka卡」');
    expectProblem(lakala, lineOf(lakala, 'POSS'), '「POSS」');
  });
});

describe('what counts as a citable figure source', () => {
  test.each([
    ['a web address', 'https://www.pbc.gov.cn/tiaofasi/144941/144957/5414094/index.html'],
    ['a plain-http web address', 'http://kaolafu.cn/buy/2539.html'],
    ['a named document with its number and date', '《关于完善银行卡刷卡手续费定价机制的通知》（发改价格〔2016〕557号，2016-03-14）'],
    ['a named document with its year', '《银行卡收单业务管理办法》（2013）'],
    ['two parts, each citable', 'https://cn.unionpay.com/；《非银行支付机构监督管理条例》（国务院令第768号，2023-12-09）'],
  ])('accepts %s', (_case, source) => {
    const accepted = isCitableSource(source);

    expect(accepted).toBe(true);
  });

  test.each([
    ['an unnamed collection of quotes', '代理商公开报价汇总（2025–2026）'],
    ['"common practice"', '行业常见做法（约数，2025–2026）'],
    ['a document title without any date', '《银行卡收单业务管理办法》'],
    ['a year without a named document', '公开报价（2026）'],
    ['a citable part next to a vague one', 'http://kaolafu.cn/buy/2539.html；行业常见报价'],
    ['an empty source', '  '],
  ])('rejects %s', (_case, source) => {
    const accepted = isCitableSource(source);

    expect(accepted).toBe(false);
  });
});

describe('npm run check:content (the CLI)', () => {
  const cli = path.join(repoRoot, 'site/checks/check-content.ts');

  test('prints file:line and a Chinese summary, and fails on planted problems', async () => {
    const failure = await run(process.execPath, [cli, '--dir', badContent, '--today', '2026-11-25'], { cwd: repoRoot }).catch(
      (error: { code: number; stdout: string }) => error,
    );

    expect('code' in failure && failure.code).toBe(1);
    const lines = failure.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^test\/site\/fixtures\/bad\/articles\/\S+\.mdx:\d+ \S/);
    expect(lines.at(-1)).toMatch(/^内容检查：13 个文件，\d+ 个问题$/);
  });

  test('passes on clean content', async () => {
    const { stdout } = await run(process.execPath, [cli, '--dir', goodContent, '--today', '2026-11-25'], { cwd: repoRoot });

    expect(stdout.trim()).toMatch(/^内容检查：\d+ 个文件，0 个问题。✓$/);
  });
});

function format(report: CheckReport): string {
  return report.problems.map((problem) => `  ${path.relative(repoRoot, problem.file)}:${problem.line} ${problem.message}`).join('\n');
}
