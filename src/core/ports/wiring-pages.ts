// Paging through a list operation for a wiring source (core/ports/wiring.ts): every page, in order.

import type { InProcessCall } from '../service.js';

export interface WiringCall {
  readonly call: InProcessCall;
  readonly service: string;
  readonly account: string;
  readonly region: string;
}

/** One operation called in-process as the console (`caller: 'console'`). */
export async function wiringCall<T>(at: WiringCall, operation: string, input: Record<string, unknown>) {
  return (await at.call(at.service, operation, input, {
    account: at.account,
    region: at.region,
    caller: 'console',
  })) as T;
}

/** Every item of a paged list: `items` picks a page's items, `next` its continuation token, passed back
 * as `tokenField`. Stops after 100 pages, so a huge account still answers. */
export async function allPages<P, I>(
  at: WiringCall,
  operation: string,
  input: Record<string, unknown>,
  items: (page: P) => readonly I[] | undefined,
  next: (page: P) => string | undefined,
  tokenField: string,
): Promise<I[]> {
  const all: I[] = [];
  let token: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await wiringCall<P>(at, operation, token ? { ...input, [tokenField]: token } : input);
    all.push(...(items(result) ?? []));
    token = next(result);
    if (!token) break;
  }
  return all;
}
