// Big orders: OrderCreated events whose total is at least 500 (a numeric range in the rule), for the team
// that calls the customer; the log line stands in for the message to that team.

import type { EventBridgeEvent } from 'aws-lambda';
import type { Order } from '../entities.js';
import { logHandled } from '../entities.js';

export const handler = async (event: EventBridgeEvent<'OrderCreated', { data: Order }>): Promise<void> => {
  logHandled('bigOrders', event);
};
