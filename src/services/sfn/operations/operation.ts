// The Step Functions operation factory, and the wire forms several operations share.

import { operationFor } from '../../../core/service.js';
import type { Sfn } from '../sfn.js';

export const operation = operationFor<Sfn>();

export { epochSeconds } from '../../../core/clock.js';
