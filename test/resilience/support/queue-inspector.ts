/** Depth and contents of a resilience stack's review queue and DLQ, read directly from the emulator. */
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { localClientConfig } from '../../../functions/local/local-environment.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';

export class QueueInspector {
  readonly client: SQSClient;
  readonly #stack: Pick<LocalStack, 'reviewQueueUrl' | 'reviewDeadLetterQueueUrl'>;

  constructor(stack: Pick<LocalStack, 'sqs' | 'reviewQueueUrl' | 'reviewDeadLetterQueueUrl'>) {
    this.client = new SQSClient({ ...localClientConfig(stack.sqs.endpoint), useQueueUrlAsEndpoint: false });
    this.#stack = stack;
  }

  /** Messages waiting plus in flight (received, not yet deleted). */
  async depth(queue: 'review' | 'deadLetter'): Promise<number> {
    const { Attributes } = await this.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: this.#urlOf(queue),
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  }

  /** Receive (without deleting) up to `max` messages of the DLQ. */
  async peekDeadLetters(max = 10): Promise<Message[]> {
    const messages: Message[] = [];
    while (messages.length < max) {
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.#stack.reviewDeadLetterQueueUrl,
          MaxNumberOfMessages: Math.min(10, max - messages.length),
          MessageSystemAttributeNames: ['All'],
          VisibilityTimeout: 30,
        }),
      );
      if (Messages.length === 0) break;
      messages.push(...Messages);
    }
    return messages;
  }

  #urlOf(queue: 'review' | 'deadLetter'): string {
    return queue === 'review' ? this.#stack.reviewQueueUrl : this.#stack.reviewDeadLetterQueueUrl;
  }

  close(): void {
    this.client.destroy();
  }
}
