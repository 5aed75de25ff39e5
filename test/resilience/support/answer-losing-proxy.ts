/**
 * An HTTP proxy in front of DynamoDB Local that can lose answers: while told to, it forwards a request of the named
 * operation (`TransactWriteItems`…), lets DynamoDB carry it out, and then drops the connection instead of passing
 * the answer back. The caller sees exactly what a network failure after the commit looks like: the write happened,
 * the caller cannot know it did. Everything else passes through unchanged; when DynamoDB itself is unreachable the
 * client's connection is dropped the same way.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';

export interface AnswerLosingProxy {
  /** `http://127.0.0.1:<port>`: give this to the code under test instead of DynamoDB's endpoint. */
  endpoint: string;
  /** Lose the answers to this operation (the `X-Amz-Target` suffix), or stop losing them (undefined). */
  loseAnswersTo(operation: string | undefined): void;
  /** Answers lost so far. */
  readonly lostAnswers: number;
  close(): Promise<void>;
}

const readAll = async (message: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export async function startAnswerLosingProxy(target: string): Promise<AnswerLosingProxy> {
  const { hostname, port } = new URL(target);
  let losing: string | undefined;
  let lostAnswers = 0;

  const server: Server = createServer(async (request, response) => {
    const body = await readAll(request);
    const operation = String(request.headers['x-amz-target'] ?? '');
    const upstream = httpRequest({ hostname, port, method: request.method, path: request.url, headers: request.headers }, async (answer) => {
      const answerBody = await readAll(answer);
      if (losing !== undefined && operation.endsWith(`.${losing}`)) {
        lostAnswers++;
        request.socket.destroy();
        return;
      }
      response.writeHead(answer.statusCode ?? 502, answer.headers).end(answerBody);
    });
    upstream.on('error', () => request.socket.destroy());
    upstream.end(body);
  });
  // The SDK keeps connections open; close() must not wait for them.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy has no address');

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    loseAnswersTo(operation) {
      losing = operation;
    },
    get lostAnswers() {
      return lostAnswers;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
