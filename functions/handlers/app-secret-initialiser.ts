/**
 * Deploy-time custom resource (CDK Provider framework) for the application secret: CloudFormation generates the
 * phone-hash key when it creates the secret, but can generate only one value per secret, so this adds the first
 * origin-verify value. It only ever adds what is missing: the phone-hash key and a rotated origin value are never
 * touched, however often the stack is deployed.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import {
  createSecretsManagerClient,
  newOriginVerifyValue,
  readAppSecretDocument,
  writeAppSecretDocument,
} from '../adapters/secrets-manager-app-secrets.ts';

const client = createSecretsManagerClient();

export const handler = async (event: CloudFormationCustomResourceEvent): Promise<{ PhysicalResourceId: string }> => {
  const secretId = String(event.ResourceProperties.SecretArn);
  if (event.RequestType !== 'Delete') {
    const document = await readAppSecretDocument(client, secretId);
    if (document.originVerify === undefined) await writeAppSecretDocument(client, secretId, { ...document, originVerify: newOriginVerifyValue() });
  }
  // Deleting the resource leaves the secret as it is (the secret itself is retained).
  return { PhysicalResourceId: `${secretId}#origin-verify` };
};
