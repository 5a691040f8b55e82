// Welcome: UserCreated events of everyone but QA accounts (anything-but in the rule); the log line stands
// in for the welcome email.

import type { EventBridgeEvent } from 'aws-lambda';
import type { User } from '../entities.js';
import { logHandled } from '../entities.js';

export const handler = async (event: EventBridgeEvent<'UserCreated', { data: User }>): Promise<void> => {
  logHandled('welcome', event);
};
