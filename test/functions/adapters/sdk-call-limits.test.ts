import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHandlerOptions, sdkCallLimits, worstCaseCallMs } from '../../../functions/adapters/sdk-call-limits.ts';

const adaptersDir = new URL('../../../functions/adapters/', import.meta.url);

/** Accepts connections and never answers: what a hung dependency looks like to the SDK. */
let blackHole: Server;
let endpoint: string;
const sockets = new Set<Socket>();
beforeAll(async () => {
  blackHole = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  const address = blackHole.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => blackHole.close(resolve));
});

const client = (requestHandler: object) =>
  new DynamoDBClient({ endpoint, region: 'ap-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1, requestHandler });

describe('SDK timeouts', () => {
  it('fail a call to a dependency that never answers, with the options every client is built with', async () => {
    const started = performance.now();
    const sdk = client(requestHandlerOptions({ connectionTimeoutMs: 100, requestTimeoutMs: 300 }));

    await expect(sdk.send(new ListTablesCommand({}))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeLessThan(2_000);
    sdk.destroy();
  });

  it('do not fire with requestTimeout alone (why throwOnRequestTimeout is set): the call is still pending', async () => {
    const sdk = client({ connectionTimeout: 100, requestTimeout: 300 });
    const outcome = await Promise.race([
      sdk.send(new ListTablesCommand({})).then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((resolve) => setTimeout(() => resolve('still pending'), 1_500)),
    ]);

    expect(outcome).toBe('still pending');
    sdk.destroy();
  });

  it('are set on every SDK client the adapters build', () => {
    const files = readdirSync(adaptersDir).filter((name) => name.endsWith('.ts'));
    const constructions = files.flatMap((name) => {
      const source = readFileSync(new URL(name, adaptersDir), 'utf8');
      return [...source.matchAll(/new (\w+Client)\(/g)].map((match) => ({
        name,
        client: match[1]!,
        call: source.slice(match.index, source.indexOf(');', match.index)),
      }));
    });

    expect(constructions.length).toBeGreaterThanOrEqual(8);
    for (const construction of constructions) expect(construction.call, `${construction.name}: ${construction.client}`).toContain('requestHandlerOptions(');
  });

  it("add up to each client's worst case: every attempt timing out, plus the back-off between them", () => {
    expect(worstCaseCallMs(sdkCallLimits.dynamodb)).toBe(3 * 2_000 + 200 + 400);
    expect(worstCaseCallMs(sdkCallLimits.sqs)).toBe(2 * 2_000 + 200);
  });
});
