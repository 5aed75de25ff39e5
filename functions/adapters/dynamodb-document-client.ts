/**
 * The one way adapters get a DynamoDB client. A Lambda entry creates one per container and passes it to every
 * DynamoDB adapter it builds; local tooling and tests pass one pointing at DynamoDB Local.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requestHandlerOptions, sdkCallLimits, type SdkCallLimits } from './sdk-call-limits.ts';

export type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DocumentClientOptions {
  /** @default the SDK's standard resolution (`AWS_ENDPOINT_URL_DYNAMODB`, then the regional endpoint) */
  endpoint?: string;
  /** @default the SDK's standard resolution (`AWS_REGION`) */
  region?: string;
  /** @default the SDK's default credential chain */
  credentials?: NonNullable<DynamoDBClientConfig['credentials']>;
  /** @default false */
  ignoreConfiguredEndpointUrls?: boolean;
  /**
   * Timeouts and attempts; tooling that writes large batches to a busy DynamoDB Local passes `sdkCallLimits.tooling`.
   * @default sdkCallLimits.dynamodb
   */
  limits?: SdkCallLimits;
  /** @default limits.maxAttempts */
  maxAttempts?: number;
}

/**
 * Short timeouts that fire and few retries (sdk-call-limits.ts): a caller gets a fast 503 and retries, instead of
 * hanging until API Gateway's 30 s limit. Undefined attributes are dropped on write.
 */
export function createDocumentClient(options: DocumentClientOptions = {}): DynamoDBDocumentClient {
  const { limits = sdkCallLimits.dynamodb, maxAttempts = limits.maxAttempts, ...where } = options;
  const base = new DynamoDBClient({ ...where, maxAttempts, requestHandler: requestHandlerOptions(limits) });
  const documents = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  // The document client's own destroy() does nothing; closing it must close the sockets of the client it wraps.
  documents.destroy = () => base.destroy();
  return documents;
}
