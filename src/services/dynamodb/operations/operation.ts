// The DynamoDB operation factory.

import { operationFor } from '../../../core/service.js';
import type { DynamoDb } from '../dynamodb.js';

export const operation = operationFor<DynamoDb>();
