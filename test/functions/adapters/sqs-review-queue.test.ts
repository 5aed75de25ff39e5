import { describe, expect, it } from 'vitest';
import { parseReviewMessage, reviewMessageBody } from '../../../functions/adapters/sqs-review-queue.ts';

describe('review message format', () => {
  it('carries the reference and nothing else', () => {
    expect(reviewMessageBody('PA-7K3F-9Q2M')).toBe('{"reference":"PA-7K3F-9Q2M"}');
  });

  it('round-trips', () => {
    expect(parseReviewMessage(reviewMessageBody('PA-7K3F-9Q2M'))).toEqual({ reference: 'PA-7K3F-9Q2M' });
  });

  it.each(['', 'null', '[]', '{"reference":"PA-0000-0000"}', '{"reference":"PA-7K3F-9Q2M","phone":"13800138000"}', '{'])('rejects %j', (body) => {
    expect(parseReviewMessage(body)).toBeUndefined();
  });
});
