// Walks a service's function events of one type, as every event compiler does.

import { type Compilation, type FunctionEntry, isObject, type Json } from '../compilation.js';

/** Each event of `type` on each function, with its position among the function's events of that type
 * (1-based, as the Framework numbers schedule rules) and among all its events (1-based). */
export function* eventsOfType(
  compilation: Compilation,
  type: string,
): Generator<{ fn: FunctionEntry; event: Json; index: number; position: number }> {
  for (const fn of compilation.functions) {
    let index = 0;
    let position = 0;
    for (const event of eventList(fn)) {
      position += 1;
      if (!isObject(event) || !(type in event)) continue;
      index += 1;
      yield { fn, event: event[type]!, index, position };
    }
  }
}

export function eventList(fn: FunctionEntry): Json[] {
  return Array.isArray(fn.config.events) ? fn.config.events : [];
}
