// The SNS operation factory.

import { operationFor } from '../../../core/service.js';
import type { Sns } from '../sns.js';

export const operation = operationFor<Sns>();
