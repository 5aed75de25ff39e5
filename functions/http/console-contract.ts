/**
 * What each console route answers, by route key. The browser's client (site/src/scripts/console/console-api.ts) takes
 * a route key and gets the answer's type from here, so a path, a method or a shape that is not in the route table
 * does not compile. Types only: the browser imports nothing from the server at run time.
 */
import type { ApplicationStatus } from '#domain/application-status.ts';
import type { QuoteRecord } from '#domain/quote.ts';
import type { ApplicationStats } from '../use-cases/application-stats.ts';
import type { ApplicationDetail, QueuePage } from '../use-cases/console-queue.ts';
import type { ErasureReport } from '../use-cases/erase-personal-data.ts';
import type { ConsoleRole, RouteKeyOf } from './routes.ts';

export type ConsoleRouteKey = RouteKeyOf<'console'>;

interface Answers {
  'GET /api/console/me': { id: string; roles: ConsoleRole[] };
  'GET /api/console/applications': QueuePage;
  /** With every version of the written quote (oldest first). */
  'GET /api/console/applications/{reference}': ApplicationDetail & { quotes: QuoteRecord[] };
  'POST /api/console/applications/{reference}/phone': { reference: string; phone: string };
  'POST /api/console/applications/{reference}/status': { reference: string; from: ApplicationStatus; to: ApplicationStatus; reasonDropped: boolean };
  'POST /api/console/applications/{reference}/notes': { reference: string };
  'POST /api/console/applications/{reference}/quote': { reference: string; recordedAt: string };
  'POST /api/console/applications/{reference}/erasure': ErasureReport;
  'POST /api/console/applications/{reference}/blocking': { reference: string; blocked: boolean };
  'GET /api/console/stats': ApplicationStats & { days: number };
  /** The CSV file (`text/csv`), not JSON. */
  'GET /api/console/export': Blob;
}

/** One answer per console route of the route table: a route missing here is a compile error. */
export type ConsoleAnswers = { [K in ConsoleRouteKey]: Answers[K] };

/** `{reference}` in the path: the client fills it in. */
export type ConsolePathParameters<K extends ConsoleRouteKey> = K extends `${string}{reference}${string}` ? { reference: string } : { reference?: never };
