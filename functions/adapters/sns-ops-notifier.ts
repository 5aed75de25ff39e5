/**
 * New-application notices to the ops SNS topic (e-mail subscribers). The message carries the reference, brand, city
 * and masked phone only; whoever calls looks the rest up with `npm run ops -- show <reference>`.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { ServiceConnection } from './aws-clients.ts';
import { requestHandlerOptions, sdkCallLimits } from './sdk-call-limits.ts';
import { brandLabels, maskedPhoneText } from '../presentation/labels-zh.ts';
import { DependencyUnavailableError, type OpsNotifier, type PendingReviewNotice } from '#domain/ports.ts';

/** The SNS client, one per container (aws-clients.ts); the topic's region comes from the Lambda environment. */
export function createSnsClient(connection: ServiceConnection = {}): SNSClient {
  const limits = sdkCallLimits.sns;
  return new SNSClient({ ...connection, maxAttempts: limits.maxAttempts, requestHandler: requestHandlerOptions(limits) });
}

/** SNS e-mail subjects must be ASCII, one line, under 100 characters. */
export function noticeSubject(notice: PendingReviewNotice): string {
  return `pos-portal: new application ${notice.reference} (${notice.brand})`;
}

export function noticeBody(notice: PendingReviewNotice): string {
  return [
    '有一份新的申请通过了自动检查，等待人工审核。',
    '',
    `申请编号：${notice.reference}`,
    `品牌：${brandLabels[notice.brand]}`,
    `城市：${notice.city}`,
    `手机号：${maskedPhoneText(notice.maskedPhone)}`,
    '',
    `查看详情：npm run ops -- show ${notice.reference} --stage <dev|prod>`,
  ].join('\n');
}

export function createSnsOpsNotifier(options: { topicArn: string; client: SNSClient }): OpsNotifier {
  return {
    async announcePendingReview(notice) {
      try {
        await options.client.send(new PublishCommand({ TopicArn: options.topicArn, Subject: noticeSubject(notice), Message: noticeBody(notice) }));
      } catch (error) {
        throw new DependencyUnavailableError('notifier', { cause: error });
      }
    },
    async postDigest(text) {
      try {
        await options.client.send(new PublishCommand({ TopicArn: options.topicArn, Subject: 'pos-portal: calls due', Message: text }));
      } catch (error) {
        throw new DependencyUnavailableError('notifier', { cause: error });
      }
    },
  };
}
