// A distributed Map's ItemBatcher: items grouped into batches of at most MaxItemsPerBatch(Path) items and
// MaxInputBytesPerBatch(Path) bytes, each child execution getting `{ "Items": [...], ...BatchInput }`.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html

import { selectPath } from '../language/data-flow.js';
import {
  type Environment,
  type Json,
  type QueryLanguage,
  type State,
  StatesFailure,
} from '../language/index.js';
import { evaluateJsonata } from '../language/jsonata-eval.js';
import { renderTemplate } from '../language/templates.js';
import { numberOption, objectOf } from './item-reader.js';

/** "The maximum … MaxInputBytesPerBatch … 256 KiB" — a child's input is bound by the payload quota. */
const MAX_BATCH_BYTES = 256 * 1024;

/** The child inputs: one per batch, each with the items (already through ItemSelector) it carries. */
export async function batchItems(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
  items: readonly Json[],
): Promise<Json[]> {
  const batcher = objectOf(state.ItemBatcher);
  const maxItems = await numberOption(batcher, 'MaxItemsPerBatch', language, state, rawInput, env);
  const maxBytesGiven = await numberOption(batcher, 'MaxInputBytesPerBatch', language, state, rawInput, env);
  if (maxItems === undefined && maxBytesGiven === undefined) {
    // "You must specify at least one of the following fields" (input-output-itembatcher.html).
    throw new StatesFailure('States.Runtime', 'ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch');
  }
  const maxBytes = Math.min(maxBytesGiven ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
  const batchInput = objectOf(
    batcher.BatchInput === undefined
      ? {}
      : language === 'JSONata'
        ? await evaluateJsonata(batcher.BatchInput, { input: rawInput }, env, 'BatchInput')
        : renderTemplate(batcher.BatchInput, selectPath(state.InputPath, rawInput, env), env),
  );
  const batches: Json[] = [];
  let current: Json[] = [];
  // The bytes of `{"Items":[…],…BatchInput}` as JSON text: the braces and member names, plus each item and
  // its comma.
  const overhead = Buffer.byteLength(JSON.stringify({ Items: [], ...batchInput }));
  let bytes = overhead;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + (current.length > 0 ? 1 : 0);
    if (overhead + size > maxBytes) {
      throw new StatesFailure(
        'States.Runtime',
        `An item is larger than MaxInputBytesPerBatch (${maxBytes} bytes)`,
      );
    }
    const full =
      (maxItems !== undefined && maxItems > 0 && current.length >= maxItems) || bytes + size > maxBytes;
    if (full && current.length > 0) {
      batches.push({ Items: current, ...batchInput });
      current = [];
      bytes = overhead;
    }
    bytes += Buffer.byteLength(JSON.stringify(item)) + (current.length > 0 ? 1 : 0);
    current.push(item);
  }
  if (current.length > 0) batches.push({ Items: current, ...batchInput });
  return batches;
}
