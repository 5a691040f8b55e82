// The notifier: a `followed` event becomes a notification on the SNS topic for the followed user's devices
// (the topic's subscribers), with the correlation id as a message attribute so delivery can be traced.

import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { KinesisStreamEvent } from 'aws-lambda';
import { decode, logEvent } from './events.js';

const sns = new SNSClient({});

export const handler = async (event: KinesisStreamEvent): Promise<void> => {
  for (const record of event.Records) {
    const userEvent = decode(record);
    if (userEvent.type !== 'followed') continue;
    await sns.send(
      new PublishCommand({
        TopicArn: process.env.NOTIFICATIONS_TOPIC,
        Message: JSON.stringify({
          eventId: userEvent.eventId,
          to: userEvent.target,
          text: `${userEvent.userId} followed you`,
        }),
        MessageAttributes: {
          correlationId: { DataType: 'String', StringValue: userEvent.correlationId },
        },
      }),
    );
    logEvent('notifier', userEvent, 'notified', { to: userEvent.target });
  }
};
