/**
 * What each console route answers, by route key. The browser's client (site/src/scripts/console/console-api.ts) takes
 * a route key and gets the answer's type from here, so a path, a method or a shape that is not in the route table
 * does not compile. Types only: the browser imports nothing from the server at run time.
 */
import type { ApplicationStatus } from '#domain/application-status.ts';
import type { AuditEntry } from '#domain/console-activity.ts';
import type { ApplicationStats } from '../use-cases/application-stats.ts';
import type { CallSummary, ClosingReason } from '#domain/leads.ts';
import type { ApplicationDetail, QueueItem, QueuePage, ToCallPage } from '../use-cases/console-queue.ts';
import type { ErasureReport } from '../use-cases/erase-personal-data.ts';
import type { ConsoleRole, RouteKeyOf } from './routes.ts';

export type ConsoleRouteKey = RouteKeyOf<'console'>;

interface Answers {
  'GET /api/console/me': { id: string; roles: ConsoleRole[] };
  /** With `status`: that status, newest first; without: the "to call" view. */
  'GET /api/console/applications': QueuePage | ToCallPage;
  /** With every version of the written quote (oldest first). */
  'GET /api/console/applications/{reference}': ApplicationDetail;
  'POST /api/console/applications/{reference}/phone': { reference: string; phone: string };
  'POST /api/console/applications/{reference}/status': { reference: string; from: ApplicationStatus; to: ApplicationStatus; reasonDropped: boolean };
  'POST /api/console/applications/{reference}/notes': { reference: string };
  'POST /api/console/applications/{reference}/quote': { reference: string; recordedAt: string };
  'POST /api/console/applications/{reference}/erasure': ErasureReport;
  'POST /api/console/applications/{reference}/blocking': { reference: string; blocked: boolean };
  'POST /api/console/applications/{reference}/claim': { reference: string; owner: string };
  'POST /api/console/applications/{reference}/owner': { reference: string; owner: string; from?: string };
  'POST /api/console/applications/{reference}/calls': {
    reference: string;
    calls: CallSummary;
    statusChanged: boolean;
    /**
     * Why closing is offered, as a code the console words. Named apart from the text field it replaced
     * (`closingSuggestion`), so a console tab opened before a release and the API after it simply show no offer.
     */
    suggestedClosing?: ClosingReason;
    noteDropped: boolean;
  };
  'POST /api/console/owners/transfer': { from: string; to: string; moved: string[] };
  'POST /api/console/search': { by: 'reference' | 'phone'; items: QueueItem[] };
  'GET /api/console/stats': ApplicationStats & { days: number };
  /** The CSV file (`text/csv`), not JSON. */
  'GET /api/console/export': Blob;
  /** The latest audit entries (unmasked exports), newest first. */
  'GET /api/console/audit': { entries: AuditEntry[] };
}

/** One answer per console route of the route table: a route missing here is a compile error. */
export type ConsoleAnswers = { [K in ConsoleRouteKey]: Answers[K] };

/** `{reference}` in the path: the client fills it in. */
export type ConsolePathParameters<K extends ConsoleRouteKey> = K extends `${string}{reference}${string}` ? { reference: string } : { reference?: never };
