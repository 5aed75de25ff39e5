/**
 * Each function's worst case of SDK calls (infra/config.ts latencyBudgets, from the limits the clients are built
 * with) next to its Lambda timeout in the synthesized template. An API function whose calls could outlast its
 * timeout would answer a bare 500 where the contract promises 503 with Retry-After.
 */
import { describe, expect, inject, it } from 'vitest';
import { latencyBudgetMs, latencyBudgets, type BudgetedHandler } from '../../../infra/config.ts';
import { readTemplateJson, resourcesOfType } from '../support/app-under-test.ts';

const { outdir } = inject('infraAssembly');
const json = readTemplateJson(outdir, 'Stateless');

const timeoutSeconds = new Map(
  resourcesOfType(json, 'AWS::Lambda::Function')
    .filter(([, fn]) => String(fn.Properties?.Description).startsWith('pos-portal '))
    .map(([, fn]) => [String(fn.Properties!.Description).slice('pos-portal '.length), fn.Properties!.Timeout as number]),
);

describe('latency budget per function', () => {
  const rows = (Object.keys(latencyBudgets) as BudgetedHandler[]).map((handler) => ({
    handler,
    budgetSeconds: latencyBudgetMs(handler) / 1000,
    timeoutSeconds: timeoutSeconds.get(handler),
    mustFit: latencyBudgets[handler].mustFit,
    chain: latencyBudgets[handler].why,
  }));

  it('covers every function of the stack', () => {
    expect(rows.map((row) => row.handler).sort()).toEqual([...timeoutSeconds.keys()].sort());
  });

  it('lets every API function and the authorizer give up on AWS before Lambda stops it (prints the table)', () => {
    console.log(
      [
        'Worst-case SDK latency per function (s) vs Lambda timeout (s):',
        ...rows.map(
          (row) =>
            `  ${row.handler.padEnd(20)} ${row.budgetSeconds.toFixed(1).padStart(5)} / ${String(row.timeoutSeconds).padStart(3)}${row.mustFit ? '' : ' (retried later if exceeded)'}  ${row.chain}`,
        ),
      ].join('\n'),
    );
    for (const row of rows.filter((row) => row.mustFit)) expect(row.budgetSeconds, row.handler).toBeLessThan(row.timeoutSeconds!);
  });
});
