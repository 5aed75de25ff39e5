/**
 * The site bucket for `npm run publish` (functions/deployment/publish-site.ts SiteBucket): plain object reads, writes,
 * deletes and listings. The same code runs against AWS and against fauxqs's S3 in the tests.
 */
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SiteBucket } from '../deployment/publish-site.ts';
import type { ServiceConnection } from './aws-clients.ts';
import { requestHandlerOptions, sdkCallLimits } from './sdk-call-limits.ts';

/**
 * One S3 client. Path-style addressing so an emulator on 127.0.0.1 works without wildcard DNS (AWS accepts both).
 * Uploads of a large page or image stay well under the timeout; a hung connection fails instead of waiting forever.
 */
export function createS3Client(connection: ServiceConnection = {}): S3Client {
  return new S3Client({
    ...connection,
    forcePathStyle: true,
    maxAttempts: sdkCallLimits.siteUpload.maxAttempts,
    requestHandler: requestHandlerOptions(sdkCallLimits.siteUpload),
  });
}

/** DeleteObjects takes at most 1,000 keys per call. */
const DELETE_BATCH = 1_000;

export function createS3SiteBucket(client: S3Client, bucketName: string): SiteBucket {
  return {
    async get(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
        return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (error instanceof NoSuchKey || (error instanceof Error && error.name === 'NoSuchKey')) return undefined;
        throw error;
      }
    },
    async put(key, body, headers) {
      await client.send(
        new PutObjectCommand({ Bucket: bucketName, Key: key, Body: body, ContentType: headers.contentType, CacheControl: headers.cacheControl }),
      );
    },
    async delete(keys) {
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        const batch = keys.slice(start, start + DELETE_BATCH);
        const answer = await client.send(new DeleteObjectsCommand({ Bucket: bucketName, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
        if (answer.Errors?.length) throw new Error(`S3 could not delete ${answer.Errors.map((failure) => `${failure.Key} (${failure.Code})`).join(', ')}`);
      }
    },
    async list(prefix) {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucketName, Prefix: prefix, ContinuationToken }));
        for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys;
    },
  };
}
