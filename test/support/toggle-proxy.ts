/**
 * A TCP proxy in front of DynamoDB Local or the SQS emulator that tests can switch off and on: while down, every
 * connection (new or open) is reset, which the SDK sees exactly like the service being unreachable.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface ToggleProxy {
  /** `http://127.0.0.1:<port>`: give this to the code under test instead of the real endpoint. */
  endpoint: string;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startToggleProxy(target: string): Promise<ToggleProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let isUp = true;

  const server: Server = createServer((client) => {
    if (!isUp) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy has no address');

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    down() {
      isUp = false;
      for (const socket of open) socket.destroy();
    },
    up() {
      isUp = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
