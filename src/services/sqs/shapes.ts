// Shapes several SQS operations share, with their awsQuery names (the flattened `locationName`s of the
// 2012-11-05 query API, e.g. `Attribute.1.Name`, `MessageAttribute.1.Value.StringValue`).

import { s } from '../../core/shapes.js';

export const queueUrl = s.required(s.string());

export const attributeMap = s.map(s.string(), { flattened: true, keyName: 'Name', valueName: 'Value' });
export const tagMap = s.map(s.string(), { flattened: true, keyName: 'Key', valueName: 'Value' });

export const messageAttributeValue = s.structure({
  StringValue: s.optional(s.string()),
  BinaryValue: s.optional(s.blob()),
  StringListValues: s.optional(s.list(s.string(), { flattened: true }), 'StringListValue'),
  BinaryListValues: s.optional(s.list(s.blob(), { flattened: true }), 'BinaryListValue'),
  DataType: s.required(s.string()),
});

export const messageAttributeMap = s.map(messageAttributeValue, {
  flattened: true,
  keyName: 'Name',
  valueName: 'Value',
});

export const batchResultErrorEntry = s.structure({
  Id: s.required(s.string()),
  SenderFault: s.required(s.boolean()),
  Code: s.required(s.string()),
  Message: s.optional(s.string()),
});

export const failedEntries = s.optional(
  s.list(batchResultErrorEntry, { flattened: true }),
  'BatchResultErrorEntry',
);

export interface BatchResultErrorEntry {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}
