/**
 * A TCP proxy in front of a service that can hang: while told to, it keeps accepting connections and reading
 * requests but never passes them on or answers, which is what a dependency that hangs looks like to the SDK (no
 * refusal, no reset: only a timeout can end the wait). Otherwise it passes bytes through both ways unchanged.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface HangingProxy {
  /** `http://127.0.0.1:<port>`: give this to the code under test instead of the service's endpoint. */
  endpoint: string;
  hang(hanging: boolean): void;
  close(): Promise<void>;
}

export async function startHangingProxy(target: string): Promise<HangingProxy> {
  const { hostname, port } = new URL(target);
  let hanging = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = connect(Number(port), hostname);
    sockets.add(upstream);
    client.on('data', (chunk) => {
      // A request that arrives while hanging is swallowed: the client waits for an answer that never comes.
      if (!hanging) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy has no address');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    hang(value) {
      hanging = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
