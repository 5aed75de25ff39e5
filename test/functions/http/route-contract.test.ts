/**
 * The route table as a type: handlers, the console API and the browser client name routes by key, and the compiler
 * refuses a key that is not in the table. The `@ts-expect-error` lines are the planted mistakes: `npm run typecheck`
 * fails if any of them stops being an error.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ConsoleAnswers, ConsolePathParameters } from '../../../functions/http/console-contract.ts';
import { apiRoutes, routeKeyOf, type RouteKeyOf } from '../../../functions/http/routes.ts';
import type { QueuePage, ToCallPage } from '../../../functions/use-cases/console-queue.ts';

describe('route keys', () => {
  it('are the table’s method and path, typed as such', () => {
    const statusLookup = apiRoutes.find((route) => route.handler === 'status-lookup')!;
    const key: RouteKeyOf<'status-lookup'> = routeKeyOf(statusLookup);

    expect(key).toBe('POST /api/applications/status');
  });

  it('do not compile for a route, a method or a handler the table does not have', () => {
    // @ts-expect-error no such console route
    const unknownPath: RouteKeyOf<'console'> = 'GET /api/console/nothing';
    // @ts-expect-error the route exists, but not with this method
    const wrongMethod: RouteKeyOf<'console'> = 'POST /api/console/me';
    // @ts-expect-error a public route is not the console handler's
    const otherHandler: RouteKeyOf<'console'> = 'POST /api/applications';

    expect([unknownPath, wrongMethod, otherHandler]).toHaveLength(3);
  });

  it('give the browser client each answer’s type and the path parameters it must fill in', () => {
    expectTypeOf<ConsoleAnswers['GET /api/console/applications']>().toEqualTypeOf<QueuePage | ToCallPage>();
    expectTypeOf<ConsolePathParameters<'GET /api/console/applications/{reference}'>>().toEqualTypeOf<{ reference: string }>();
    // @ts-expect-error no answer for a route that is not in the table
    expectTypeOf<ConsoleAnswers['GET /api/console/nothing']>().toBeUnknown();
  });
});
