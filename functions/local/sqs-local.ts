/**
 * The SQS emulator (fauxqs), in process, listening on the loopback interface only: it accepts any credentials, so
 * on any other interface anyone on the network could read and write the queues. (fauxqs's own startFauxqs() listens
 * on 0.0.0.0; its buildApp() lets us choose.) Queues are kept in memory: on restart the stack provisions them again,
 * and the outbox sweeper re-sends every application whose review message was not yet sent.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from 'fauxqs';
import { LOCAL_REGION, LOOPBACK_HOST, localServiceEndpoint } from './local-environment.ts';
import { isPortFree } from './free-port.ts';

export interface SqsLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export async function startSqsLocal(options: { port: number }): Promise<SqsLocal> {
  if (options.port !== 0 && !(await isPortFree(options.port))) {
    throw new Error(`SQS emulator: port ${options.port} is already in use (another stack running? set SQS_PORT)`);
  }
  const app = buildApp({ logger: false, defaultRegion: LOCAL_REGION });
  await app.listen({ port: options.port, host: LOOPBACK_HOST });
  const { port } = app.server.address() as AddressInfo;
  return { endpoint: localServiceEndpoint(port), port, stop: () => app.close() };
}
