/** The SQS emulator (fauxqs), in process. */
import { mkdir } from 'node:fs/promises';
import { startFauxqs } from 'fauxqs';
import { LOCAL_REGION } from './local-environment.ts';
import { isPortFree } from './free-port.ts';

export interface SqsLocal {
  endpoint: string;
  port: number;
  dataDir: string | undefined;
  stop(): Promise<void>;
}

export async function startSqsLocal(options: { port: number; dataDir?: string }): Promise<SqsLocal> {
  if (options.port !== 0 && !(await isPortFree(options.port))) {
    throw new Error(`SQS emulator: port ${options.port} is already in use (another stack running? set SQS_PORT)`);
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const server = await startFauxqs({
    port: options.port,
    logger: false,
    defaultRegion: LOCAL_REGION,
    ...(options.dataDir && { dataDir: options.dataDir }),
  });
  return { endpoint: server.address, port: server.port, dataDir: options.dataDir, stop: () => server.stop() };
}
