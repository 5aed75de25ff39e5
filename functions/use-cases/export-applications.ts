/**
 * Every application matching a query, newest first, up to a row limit: the console's export (admins). The CSV is
 * drawn by presentation/application-export.ts, which the CLI's streaming `export` uses as well.
 */
import type { ApplicationQuery, BackOfficeStore } from '#domain/ports.ts';
import type { StoredRecord } from '#domain/records.ts';

export interface ApplicationsExport {
  records: StoredRecord[];
  /** True when `maxRows` cut the export short (narrow the filters). */
  truncated: boolean;
}

export async function exportApplications(
  query: Omit<ApplicationQuery, 'limit' | 'page'>,
  options: { maxRows: number },
  deps: { applications: Pick<BackOfficeStore, 'listApplications'> },
): Promise<ApplicationsExport> {
  const records: StoredRecord[] = [];
  let page: string | undefined;
  do {
    const result = await deps.applications.listApplications({
      ...query,
      limit: Math.min(200, options.maxRows - records.length + 1),
      ...(page !== undefined && { page }),
    });
    for (const record of result.items) {
      if (records.length === options.maxRows) return { records, truncated: true };
      records.push(record);
    }
    page = result.next;
  } while (page);
  return { records, truncated: false };
}
