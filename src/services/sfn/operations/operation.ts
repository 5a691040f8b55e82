// The Step Functions operation factory, and the wire forms several operations share.

import { operationFor } from '../../../core/service.js';
import type { Sfn } from '../sfn.js';

export const operation = operationFor<Sfn>();

/** awsJson timestamps are epoch seconds with a fraction (the SDKs parse `1700000000.123`). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
