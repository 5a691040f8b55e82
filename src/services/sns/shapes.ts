// Wire shapes several SNS operations share. SNS's query API uses non-flattened lists and maps throughout:
// `Tags.member.1.Key`, `Attributes.entry.1.key`, `MessageAttributes.entry.1.Name`.
// https://docs.aws.amazon.com/sns/latest/api/API_Types.html

import { s } from '../../core/shapes.js';

export const topicArnMember = s.required(s.string());
export const attributeMap = s.map(s.string());
export const nextToken = s.optional(s.string());

export const tag = s.structure({
  Key: s.required(s.string({ min: 1, max: 128 })),
  Value: s.required(s.string({ min: 0, max: 256 })),
});
export const tagList = s.list(tag);

export const messageAttributeMap = s.map(
  s.structure({
    DataType: s.required(s.string()),
    StringValue: s.optional(s.string()),
    BinaryValue: s.optional(s.blob()),
  }),
  { keyName: 'Name', valueName: 'Value' },
);

/** The members of a message, in Publish and in each PublishBatch entry. */
export const messageMembers = {
  Message: s.required(s.string()),
  Subject: s.optional(s.string()),
  MessageStructure: s.optional(s.string()),
  MessageAttributes: s.optional(messageAttributeMap),
  MessageDeduplicationId: s.optional(s.string({ max: 128 })),
  MessageGroupId: s.optional(s.string({ max: 128 })),
};
