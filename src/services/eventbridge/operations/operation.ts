// The EventBridge operation factory and the input shapes several operations share, with the API
// reference's lengths and patterns. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Types.html

import { operationFor } from '../../../core/service.js';
import { s } from '../../../core/shapes.js';
import type { EventBridge } from '../eventbridge.js';

export const operation = operationFor<EventBridge>();

export const busName = s.string({
  min: 1,
  max: 256,
  pattern: { regex: /^[/.\-_A-Za-z0-9]+$/, text: '[/\\.\\-_A-Za-z0-9]+' },
});
export const busNameOrArn = s.string({
  min: 1,
  max: 1600,
  pattern: {
    regex: /^(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/.\-_A-Za-z0-9]+$/,
    text: '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+',
  },
});
export const ruleName = s.string({
  min: 1,
  max: 64,
  pattern: { regex: /^[.\-_A-Za-z0-9]+$/, text: '[\\.\\-_A-Za-z0-9]+' },
});
export const targetId = s.string({
  min: 1,
  max: 64,
  pattern: { regex: /^[.\-_A-Za-z0-9]+$/, text: '[\\.\\-_A-Za-z0-9]+' },
});
export const arnShape = s.string({ min: 1, max: 1600 });
export const nextToken = s.string({ min: 1, max: 2048 });
export const limit = s.integer({ min: 1, max: 100 });
export const tagList = s.list(
  s.structure({
    Key: s.required(s.string({ min: 1, max: 128 })),
    Value: s.required(s.string({ min: 0, max: 256 })),
  }),
);

export const targetShape = s.structure({
  Id: s.required(targetId),
  Arn: s.required(arnShape),
  RoleArn: s.optional(s.string({ min: 1, max: 1600 })),
  Input: s.optional(s.string({ max: 8192 })),
  InputPath: s.optional(s.string({ max: 256 })),
  InputTransformer: s.optional(
    s.structure({
      InputPathsMap: s.optional(s.map(s.string({ max: 256 }))),
      InputTemplate: s.required(s.string({ min: 1, max: 8192 })),
    }),
  ),
  KinesisParameters: s.optional(s.structure({ PartitionKeyPath: s.required(s.string({ max: 256 })) })),
  SqsParameters: s.optional(s.structure({ MessageGroupId: s.optional(s.string()) })),
  HttpParameters: s.optional(
    s.structure({
      PathParameterValues: s.optional(s.list(s.string())),
      HeaderParameters: s.optional(s.map(s.string({ max: 512 }))),
      QueryStringParameters: s.optional(s.map(s.string({ max: 512 }))),
    }),
  ),
  RetryPolicy: s.optional(
    s.structure({
      MaximumRetryAttempts: s.optional(s.integer({ min: 0, max: 185 })),
      MaximumEventAgeInSeconds: s.optional(s.integer({ min: 60, max: 86_400 })),
    }),
  ),
  DeadLetterConfig: s.optional(s.structure({ Arn: s.optional(s.string({ min: 1, max: 1600 })) })),
});

export function tagsToRecord(
  tags: readonly { Key: string; Value: string }[] | undefined,
): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) record[tag.Key] = tag.Value;
  return record;
}
