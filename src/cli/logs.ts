// `nimbus logs <function> [--follow]`: prints a function's log from CloudWatch Logs (`/aws/lambda/<name>`),
// and with --follow keeps printing new events as they arrive, until interrupted.

import { callJson, type Target } from './client.js';

interface LogEvent {
  eventId: string;
  timestamp: number;
  message: string;
}

const POLL_MS = 500;

export async function printLogs(
  target: Target,
  functionName: string,
  options: { follow: boolean; sinceMs: number; write: (line: string) => void; signal?: AbortSignal },
): Promise<void> {
  const group = `/aws/lambda/${functionName}`;
  const seen = new Set<string>();
  let startTime = Date.now() - options.sinceMs;
  for (;;) {
    const events = await fetchEvents(target, group, startTime);
    for (const event of events) {
      if (seen.has(event.eventId)) continue;
      seen.add(event.eventId);
      options.write(event.message);
      // Events of the same millisecond may still arrive: start the next poll at that millisecond.
      startTime = Math.max(startTime, event.timestamp);
    }
    if (!options.follow || options.signal?.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (options.signal?.aborted) return;
  }
}

async function fetchEvents(target: Target, group: string, startTime: number): Promise<LogEvent[]> {
  const events: LogEvent[] = [];
  let nextToken: string | undefined;
  do {
    let page: Record<string, unknown>;
    try {
      page = await callJson(target, 'logs', 'Logs_20140328.FilterLogEvents', {
        logGroupName: group,
        startTime,
        nextToken,
      });
    } catch (error) {
      // No invocation has written the group yet: nothing to show so far.
      if (String((error as Error).message).startsWith('ResourceNotFoundException')) return [];
      throw error;
    }
    events.push(...((page.events as LogEvent[] | undefined) ?? []));
    nextToken = page.nextToken as string | undefined;
  } while (nextToken);
  return events;
}
