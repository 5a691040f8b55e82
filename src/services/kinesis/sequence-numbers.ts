// Sequence numbers: 56 decimal digits, as AWS's are (`49590338271490256608559692538361571095921575989136588898`),
// so they sort numerically and as text alike. Nimbus lays them out as `49` | the stream's creation time
// (epoch seconds, 10 digits) | the stream's record counter (20 digits) | the shard index (10 digits) | 14
// digits that are 0 for a record and 9s for a closed shard's EndingSequenceNumber. The counter runs across
// the whole stream, so every record sorts after the records of its parent shards (read before it), and the
// shard and stream a number came from can be checked, as AWS checks them.
// https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html#sequence-number

export interface SequenceParts {
  /** The stream's creation, in epoch seconds. */
  readonly streamSeconds: number;
  readonly counter: number;
  readonly shard: number;
  /** A closed shard's EndingSequenceNumber (above every record the shard holds). */
  readonly ending: boolean;
}

const LAYOUT = /^49(\d{10})(\d{20})(\d{10})(0{14}|9{14})$/;

export function sequenceNumber(parts: SequenceParts): string {
  return `49${pad(parts.streamSeconds, 10)}${pad(parts.counter, 20)}${pad(parts.shard, 10)}${(parts.ending ? '9' : '0').repeat(14)}`;
}

/** The parts of a sequence number Nimbus handed out, or undefined for any other text. */
export function parseSequenceNumber(text: string): SequenceParts | undefined {
  const match = LAYOUT.exec(text);
  if (!match) return undefined;
  const counter = Number(match[2]);
  if (!Number.isSafeInteger(counter)) return undefined;
  return {
    streamSeconds: Number(match[1]),
    counter,
    shard: Number(match[3]),
    ending: match[4]!.startsWith('9'),
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
