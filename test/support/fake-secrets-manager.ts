/**
 * A stand-in for Secrets Manager's GetSecretValue (the JSON protocol the SDK speaks), so the integration suites read
 * the application secret the way the functions do on AWS: through the Secrets Manager adapter, its client and the
 * function's IAM grant (test/iam checks the recorded call). Serves one secret; `hang()` makes it accept requests and
 * never answer (a dependency that hangs, for the timeout suites).
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AppSecretDocument } from '../../functions/domain/app-secrets.ts';

export interface FakeSecretsManager {
  endpoint: string;
  /** The secret's ARN: give it to the handlers as APP_SECRET_ARN. */
  secretArn: string;
  /** Stop answering (requests stay open) or answer again. */
  hang(hanging: boolean): void;
  close(): Promise<void>;
}

export async function startFakeSecretsManager(options: { secretArn: string; document: AppSecretDocument }): Promise<FakeSecretsManager> {
  let hanging = false;
  const held = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (hanging) {
        held.add(response);
        return;
      }
      const target = String(request.headers['x-amz-target'] ?? '');
      const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { SecretId?: string };
      const answer = (status: number, body: object) => response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
      if (target !== 'secretsmanager.GetSecretValue') return answer(400, { __type: 'InvalidRequestException', message: `${target} is not served here` });
      if (SecretId !== options.secretArn)
        return answer(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
      return answer(200, {
        ARN: options.secretArn,
        Name: 'app-secret',
        VersionId: 'v1',
        SecretString: JSON.stringify(options.document),
        VersionStages: ['AWSCURRENT'],
      });
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('fake Secrets Manager has no address');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    secretArn: options.secretArn,
    hang(value) {
      hanging = value;
      if (!value) for (const response of held) response.destroy();
      if (!value) held.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
