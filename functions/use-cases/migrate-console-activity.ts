/**
 * One-off migration: activity stored before it became one item per entry (domain/console-activity.ts
 * EmbeddedActivityMigration) is moved out of every application that still carries it, so `ops show` and the console
 * show those reveals again and no old list can keep an application from being updated or erased. Walks every status
 * through the byStatus index (no table scan), a page at a time; idempotent, so it can be rerun after a failure.
 */
import { applicationStatuses } from '#domain/application-status.ts';
import type { EmbeddedActivityMigration } from '#domain/console-activity.ts';
import type { BackOfficeStore } from '#domain/ports.ts';

export interface MigrateConsoleActivityDeps {
  applications: Pick<BackOfficeStore, 'listApplications'>;
  migration: EmbeddedActivityMigration;
}

export interface ConsoleActivityMigrationReport {
  /** Applications looked at. */
  checked: number;
  /** Applications that carried embedded entries. */
  migrated: number;
  /** Entries moved to activity items. */
  entries: number;
}

const PAGE_SIZE = 100;

export async function migrateConsoleActivity(deps: MigrateConsoleActivityDeps): Promise<ConsoleActivityMigrationReport> {
  const report: ConsoleActivityMigrationReport = { checked: 0, migrated: 0, entries: 0 };
  let page: string | undefined;
  do {
    const result = await deps.applications.listApplications({
      statuses: applicationStatuses.filter((status) => status !== 'spam'),
      limit: PAGE_SIZE,
      withPersonalData: false,
      ...(page !== undefined && { page }),
    });
    for (const application of result.items) {
      report.checked++;
      const moved = await deps.migration.moveEmbeddedEntries(application.reference);
      if (moved > 0) {
        report.migrated++;
        report.entries += moved;
      }
    }
    page = result.next;
  } while (page !== undefined);
  return report;
}
