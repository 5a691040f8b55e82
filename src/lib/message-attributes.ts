// The size message attributes add to a message, as SQS and SNS both count it toward their limits:
// each attribute's name, data type and value, in bytes.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html

/** A message attribute as a client sends it (binary values decoded to bytes). */
export interface AttributeInput {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Buffer;
}

export function attributesBytes(attributes: Readonly<Record<string, AttributeInput>> | undefined): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(attributes ?? {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '');
    bytes += value.BinaryValue ? value.BinaryValue.length : Buffer.byteLength(value.StringValue ?? '');
  }
  return bytes;
}
