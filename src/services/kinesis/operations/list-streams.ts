// ListStreams: names and summaries in name order, paged by ExclusiveStartStreamName or NextToken.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreams.html

import * as model from '../../../core/generated/kinesis.js';
import { decodeToken, encodeToken } from '../tokens.js';
import { epochSeconds, operation, streamModeDetails } from './operation.js';

/** "The default value is 100. If you specify a value greater than 100, at most 100 results are returned." */
const MAX_STREAMS = 100;

export const listStreams = operation({
  input: model.ListStreamsInput,
  output: model.ListStreamsOutput,
  run: (input, kinesis, ctx) => {
    const now = kinesis.now();
    const after =
      input.NextToken !== undefined
        ? String(decodeToken('ListStreams', input.NextToken, now).after)
        : (input.ExclusiveStartStreamName ?? '');
    const limit = Math.min(input.Limit ?? MAX_STREAMS, MAX_STREAMS);
    const page = [];
    let more = false;
    for (const row of kinesis.streamsAfter(ctx.account, ctx.region, after)) {
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(row);
    }
    const last = page[page.length - 1];
    return {
      StreamNames: page.map((row) => row.name),
      HasMoreStreams: more,
      ...(more && last ? { NextToken: encodeToken('ListStreams', { after: last.name }, now) } : {}),
      StreamSummaries: page.map((row) => ({
        StreamName: row.name,
        StreamARN: kinesis.arnOf(row),
        StreamStatus: kinesis.status(row),
        StreamModeDetails: streamModeDetails(row),
        StreamCreationTimestamp: epochSeconds(row.created_at),
      })),
    };
  },
});
