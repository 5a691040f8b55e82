// UpdateDestination: the one destination's configuration merged with the update, the stream's VersionId
// (which names new objects) one higher. CurrentDeliveryStreamVersionId must be the current VersionId.
// "Switching between Amazon OpenSearch Service and other services is not supported."
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_UpdateDestination.html

import * as model from '../../../core/generated/firehose.js';
import { checkDestination } from '../checks.js';
import { type Config, DESTINATION_KINDS, type DestinationKind, updatedDestination } from '../destinations.js';
import { invalidArgument, versionMismatch } from '../errors.js';
import { DESTINATION_ID } from '../names.js';
import { operation, requireStream } from './operation.js';

const OPENSEARCH: ReadonlySet<string> = new Set([
  'Elasticsearch',
  'Amazonopensearchservice',
  'AmazonOpenSearchServerless',
]);

export const updateDestination = operation({
  input: model.UpdateDestinationInput,
  run: (input, firehose, ctx) => {
    const stream = requireStream(firehose, input.DeliveryStreamName, ctx);
    if (input.CurrentDeliveryStreamVersionId !== String(stream.row.version)) {
      throw versionMismatch(
        input.DeliveryStreamName,
        stream.row.version,
        input.CurrentDeliveryStreamVersionId,
      );
    }
    if (input.DestinationId !== DESTINATION_ID) {
      throw invalidArgument(`Destination Id ${input.DestinationId} not found`);
    }
    const updates = updatesIn(input as Record<string, unknown>);
    if (updates.length > 1)
      throw invalidArgument('Exactly one destination update is supported for a Firehose');
    let destination = stream.destination;
    const update = updates[0];
    if (update) {
      const from = destination.kind;
      if (update.kind !== from && (OPENSEARCH.has(from) || OPENSEARCH.has(update.kind))) {
        const name = OPENSEARCH.has(from) ? from : update.kind;
        throw invalidArgument(
          `Changing the destination type to or from ${name} is not supported at this time.`,
        );
      }
      destination = updatedDestination(destination, update.kind, update.config);
      checkDestination(destination, stream.destination);
    }
    firehose.setDestination(stream, destination);
    return {};
  },
});

function updatesIn(input: Config): { kind: DestinationKind; config: Config }[] {
  const found: { kind: DestinationKind; config: Config }[] = [];
  if (input.S3DestinationUpdate)
    found.push({ kind: 'ExtendedS3', config: input.S3DestinationUpdate as Config });
  for (const kind of DESTINATION_KINDS) {
    const update = input[`${kind}DestinationUpdate`];
    if (update) found.push({ kind, config: update as Config });
  }
  return found;
}
