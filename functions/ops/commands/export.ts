/**
 * `export`: applications to a CSV file for Excel — UTF-8 with BOM, Chinese headers, one row per application, full
 * personal data (use `--masked` for a file that leaves the team). The file is created readable by its owner only.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { brands } from '#domain/application.ts';
import { applicationStatuses } from '#domain/application-status.ts';
import type { ApplicationQuery } from '#domain/ports.ts';
import { exportHeaders, exportRow } from '../../presentation/application-export.ts';
import { CommandFailed, UsageError, type Command } from '../context.ts';
import { csvRow, UTF8_BOM } from '../../presentation/csv.ts';
import { createProgress } from '../progress.ts';
import { workableStatuses } from '#domain/application-status.ts';
import { filterOptions, statusesOption } from './list.ts';

export { exportHeaders, exportRow };

const PAGE_SIZE = 200;

export const exportCommand: Command = {
  name: 'export',
  summary: '导出申请为 CSV（UTF-8 带 BOM，Excel 可直接打开）',
  help: `用法：npm run ops -- export --out 文件.csv [--status S[,S…]] [--since 日期] [--brand B] [--masked] [--force]

  --out      输出文件（必填），如 applications.csv
  --status   只导出这些状态（默认除 spam 外全部）：${applicationStatuses.join('、')}
  --since    只导出这一天（中国时间 0 点）以后提交的，如 2026-11-01
  --brand    只导出这个品牌：${brands.join('、')}
  --masked   姓名、手机号遮挡，不含备注（给团队以外的人）
  --force    覆盖已存在的文件

文件含个人信息：只在需要时导出，用完删除，不要通过聊天软件传送。

例子：
  npm run ops -- export --status pending_review,contacted --since 2026-11-01 --out 待联系.csv`,
  options: {
    out: { type: 'string' },
    status: { type: 'string' },
    since: { type: 'string' },
    brand: { type: 'string' },
    masked: { type: 'boolean' },
    force: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    if (typeof values.out !== 'string' || values.out.trim() === '') throw new UsageError('export 需要 --out 文件名，如 --out applications.csv');
    const path = resolve(context.io.cwd, values.out);
    const query: Omit<ApplicationQuery, 'limit'> = {
      statuses: statusesOption(values.status, workableStatuses),
      ...filterOptions(values),
    };
    const masked = values.masked === true;
    const { store } = await context.connect();
    const total = await store.countApplications(query);

    let file: FileHandle;
    try {
      file = await open(path, values.force === true ? 'w' : 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CommandFailed(`${path} 已存在；换个文件名，或加 --force 覆盖`);
      throw new CommandFailed(`无法创建 ${path}：${(error as Error).message}`);
    }
    const progress = createProgress(context.io, '导出', total);
    let written = 0;
    try {
      await file.write(UTF8_BOM + csvRow(exportHeaders));
      let page: string | undefined;
      do {
        const result = await store.listApplications({ ...query, limit: PAGE_SIZE, ...(page !== undefined && { page }) });
        if (result.items.length > 0) await file.write(result.items.map((record) => csvRow(exportRow(record, masked))).join(''));
        written += result.items.length;
        progress.update(written);
        page = result.next;
      } while (page);
    } finally {
      await file.close();
      progress.done();
    }
    context.io.out(`已导出 ${written} 份申请到 ${path}${masked ? '（已遮挡）' : '（含个人信息，请妥善保管，用完删除）'}\n`);
    return 0;
  },
};
