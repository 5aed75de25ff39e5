/**
 * A local HTTP server standing in for a team's group robot (企业微信, 钉钉, 飞书): it keeps every post — its URL, where
 * 钉钉's signature travels, and its JSON body — and answers each with `answer`.
 */
import { createServer } from 'node:http';

/** What the robots answer when they took a message: 企业微信 and 钉钉 say it in `errcode`, 飞书 in `code`. */
export const ROBOT_TOOK_IT: Readonly<Record<string, unknown>> = { errcode: 0, errmsg: 'ok', code: 0 };

export interface RobotPost {
  url: URL;
  body: Record<string, any>;
}

export interface ChatRobotReceiver {
  /** e.g. `http://127.0.0.1:41234`; a webhook URL is this and the platform's path. */
  origin: string;
  /** Every post so far, oldest first. */
  received: RobotPost[];
  /** What the next posts are answered with (sent as JSON). @default ROBOT_TOOK_IT */
  answer: Readonly<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startChatRobotReceiver(): Promise<ChatRobotReceiver> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.received.push({ url: new URL(request.url ?? '/', receiver.origin), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(receiver.answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const receiver: ChatRobotReceiver = {
    origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    received: [],
    answer: ROBOT_TOOK_IT,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return receiver;
}
