/**
 * Deploy-time custom resource (CDK Provider framework) for the application secret: CloudFormation generates the
 * phone-hash key when it creates the secret, but can generate only one value per secret, so this adds the first
 * origin-verify value. It only ever adds what is missing: the phone-hash key and a rotated origin value are never
 * touched, however often the stack is deployed. Composition root: functions/lambda/app-secret-initialiser.ts.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { newOriginVerifyValue, readAppSecretDocument, writeAppSecretDocument } from '../adapters/secrets-manager-app-secrets.ts';

export type AppSecretInitialiserHandler = (event: CloudFormationCustomResourceEvent) => Promise<{ PhysicalResourceId: string }>;

export function createAppSecretInitialiserHandler(clients: Pick<AwsClients, 'secretsManager'>): AppSecretInitialiserHandler {
  return async (event) => {
    const secretId = String(event.ResourceProperties.SecretArn);
    if (event.RequestType !== 'Delete') {
      const document = await readAppSecretDocument(clients.secretsManager, secretId);
      if (document.originVerify === undefined)
        await writeAppSecretDocument(clients.secretsManager, secretId, { ...document, originVerify: newOriginVerifyValue() });
    }
    // Deleting the resource leaves the secret as it is (the secret itself is retained).
    return { PhysicalResourceId: `${secretId}#origin-verify` };
  };
}
