// Kinesis's names: stream and consumer ARNs, shard ids, and which stream a request names (StreamName,
// StreamARN, or both, which must agree).
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StreamDescription.html
// https://docs.aws.amazon.com/streams/latest/dev/introduction.html#shard (shard ids)

import type { RequestContext } from '../../core/service.js';
import { invalidArgument } from './errors.js';

/** Which stream a request means, in whose account and region. */
export interface StreamReference {
  readonly account: string;
  readonly region: string;
  readonly name: string;
}

export function streamArn(account: string, region: string, name: string): string {
  return `arn:aws:kinesis:${region}:${account}:stream/${name}`;
}

/** A consumer's ARN carries its creation time in epoch seconds, so that a consumer registered again under
 * the same name has another ARN: `arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/app:1700000000`. */
export function consumerArn(stream: string, consumer: string, createdMs: number): string {
  return `${stream}/consumer/${consumer}:${Math.floor(createdMs / 1000)}`;
}

const STREAM_ARN = /^arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\d{12}):stream\/([a-zA-Z0-9_.-]+)$/;
const CONSUMER_ARN =
  /^(arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[a-zA-Z0-9_.-]+)\/consumer\/([a-zA-Z0-9_.-]+):(\d+)$/;

export function parseStreamArn(arn: string): StreamReference | undefined {
  const match = STREAM_ARN.exec(arn);
  return match ? { region: match[1]!, account: match[2]!, name: match[3]! } : undefined;
}

export function parseConsumerArn(arn: string): { streamArn: string; name: string } | undefined {
  const match = CONSUMER_ARN.exec(arn);
  return match ? { streamArn: match[1]!, name: match[2]! } : undefined;
}

/** `shardId-000000000007`: twelve digits, as AWS numbers shards in the order they were made. */
export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

/** The shard index a ShardId names. AWS reads the number after the last dash (`shardId-7` and `7` name
 * shardId-000000000007, as kinesalite found); undefined for text with no such number. */
export function parseShardId(text: string): number | undefined {
  const match = /^(?:[A-Za-z]+-)?(\d{1,12})$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  return index <= 2_147_483_647 ? index : undefined;
}

/**
 * The stream a request names by StreamName, StreamARN or both. "You must use either the StreamARN or the
 * StreamName parameter, or both" (every operation's reference page); AWS answers neither, and a pair that
 * disagrees, with InvalidArgumentException. An ARN names its own account and region (a resource policy
 * may let another account read it); a name is the caller's.
 */
export function streamReference(
  input: { StreamName?: string; StreamARN?: string },
  ctx: RequestContext,
): StreamReference {
  const { StreamName, StreamARN } = input;
  if (StreamARN === undefined) {
    if (StreamName === undefined) {
      // Wording observed by kinesis-mock against AWS is not public; Nimbus says what is missing.
      throw invalidArgument('Either StreamName or StreamARN must be provided.');
    }
    return { account: ctx.account, region: ctx.region, name: StreamName };
  }
  const parsed = parseStreamArn(StreamARN);
  if (!parsed) throw invalidArgument(`Invalid StreamARN ${StreamARN}.`);
  if (StreamName !== undefined && StreamName !== parsed.name) {
    throw invalidArgument(`StreamARN ${StreamARN} and StreamName ${StreamName} do not name the same stream.`);
  }
  return parsed;
}
