// Responses that are event streams (`application/vnd.amazon.eventstream`, Kinesis's SubscribeToShard): an
// operation returns an `EventStreamOutput`, and the protocol writes it as a streaming body of frames
// (@smithy/eventstream-codec's framing, with its CRCs): first the `initial-response` event holding the
// output's other members, then one frame per event or exception, ending when the operation's iterable ends.
// Each payload is written by the same codec as the request's (JSON, or CBOR for a CBOR client).
// https://smithy.io/2.0/aws/amazon-eventstream.html

import { Readable } from 'node:stream';
import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import type { ServiceError } from '../core/errors.js';
import type { Shape, StructureShape } from '../core/shapes.js';

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

/** One message of an event stream: an event of the union member `type`, or a modelled exception. */
export type StreamedEvent =
  | { readonly type: string; readonly payload: Record<string, unknown> }
  | { readonly error: ServiceError };

/** What an operation returns to answer with an event stream. */
export class EventStreamOutput {
  constructor(
    /** The output member holding the stream (`EventStream`). */
    readonly member: string,
    /** The output's other members, sent as the `initial-response` event. */
    readonly initial: Record<string, unknown>,
    readonly events: AsyncIterable<StreamedEvent>,
  ) {}
}

/** Writes a payload (JSON text or CBOR bytes) by its shape. */
export type PayloadEncoder = (value: unknown, shape: Shape | undefined) => Buffer;

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => Buffer.from(text, 'utf8'),
);

/** The frames of `output` as a stream; ending it (the client went away) ends the operation's iterable. */
export function eventStreamBody(
  output: EventStreamOutput,
  outputShape: StructureShape | undefined,
  contentType: string,
  encodePayload: PayloadEncoder,
): Readable {
  const union = outputShape?.members[output.member]?.shape;
  const eventShape = (type: string) => (union?.kind === 'structure' ? union.members[type]?.shape : undefined);
  async function* frames(): AsyncGenerator<Uint8Array> {
    yield frame(
      { ':event-type': text('initial-response'), ':message-type': text('event') },
      contentType,
      encodePayload(output.initial, outputShape),
    );
    for await (const event of output.events) {
      if ('error' in event) {
        const body = encodePayload({ message: event.error.message }, undefined);
        yield frame(
          { ':exception-type': text(event.error.code), ':message-type': text('exception') },
          contentType,
          body,
        );
        return;
      }
      yield frame(
        { ':event-type': text(event.type), ':message-type': text('event') },
        contentType,
        encodePayload(event.payload, eventShape(event.type)),
      );
    }
  }
  return Readable.from(frames(), { objectMode: false });
}

function frame(headers: MessageHeaders, contentType: string, body: Buffer): Uint8Array {
  return codec.encode({ headers: { ...headers, ':content-type': text(contentType) }, body });
}

function text(value: string): { type: 'string'; value: string } {
  return { type: 'string', value };
}
