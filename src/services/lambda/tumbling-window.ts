// Tumbling windows for stream event sources: fixed, back-to-back windows (aligned on multiples of their
// length) that records fall into by their creation time. Each invocation in a window gets the `state` the
// previous one returned; when the window closes, one last invocation with no records and
// `isFinalInvokeForWindow: true` gets the final state, to act on the aggregate.
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html

export interface TumblingWindow {
  readonly start: number;
  readonly end: number;
  /** What the last invocation in this window returned as `state` ({} before the first). */
  state: unknown;
}

/** The window a record created at `createdMs` belongs to. */
export function windowFor(createdMs: number, seconds: number): TumblingWindow {
  const size = seconds * 1000;
  const start = Math.floor(createdMs / size) * size;
  return { start, end: start + size, state: {} };
}

/** The members a windowed invocation's event carries besides `Records`. */
export function windowFields(
  window: TumblingWindow,
  shardId: string,
  eventSourceARN: string,
  isFinalInvokeForWindow: boolean,
): Record<string, unknown> {
  return {
    window: { start: isoSeconds(window.start), end: isoSeconds(window.end) },
    state: window.state,
    shardId,
    eventSourceARN,
    isFinalInvokeForWindow,
    isWindowTerminatedEarly: false,
  };
}

/** The `state` a windowed invocation returned (`{ state: {...} }`), or undefined when the response has none,
 * which Lambda counts as a failed invocation: "If the response does not contain a state property, Lambda
 * considers this a failed invocation." (services-ddb-windows.html, "Aggregation and processing") */
export function returnedState(payload: Buffer): { state: unknown } | undefined {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { state?: unknown } | null;
    return parsed && typeof parsed === 'object' && 'state' in parsed ? { state: parsed.state } : undefined;
  } catch {
    return undefined;
  }
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
