// The operation builder bound to the Lambda engine.

import { operationFor } from '../../../core/service.js';
import type { Lambda } from '../lambda.js';

export const operation = operationFor<Lambda>();
