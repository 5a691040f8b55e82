// GetExecutionHistory: an execution's events as recorded, oldest first or newest first, with or without
// their payloads. https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html

import * as model from '../../../core/generated/sfn.js';
import { eventOnWire } from '../execution/history.js';
import type { HistoryRow } from '../execution/store.js';
import { pageOf } from '../paging.js';
import { requireStandard } from './executions.js';
import { operation } from './operation.js';

export const getExecutionHistory = operation({
  input: model.GetExecutionHistoryInput,
  run: (input, sfn) => {
    const row = requireStandard(sfn, input.executionArn);
    const events = sfn.executions.sql.history.all(row.arn) as HistoryRow[];
    if (input.reverseOrder) events.reverse();
    const { items, nextToken } = pageOf('history', events, input.nextToken, input.maxResults);
    const includeData = input.includeExecutionData !== false;
    return { events: items.map((event) => eventOnWire(event, includeData)), nextToken };
  },
});
