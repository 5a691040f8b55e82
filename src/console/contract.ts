// The service-page contract: how a service contributes its console pages (src/services/<svc>/console/),
// as its resources/ contribute CloudFormation types. The shell (app.ts) knows services only through this.

import type { ComponentChild } from 'preact';
import type { Aws } from './aws/client.js';

export interface ConsoleContext {
  /** A client signed as the chosen account, in the chosen region. */
  readonly aws: Aws;
  readonly account: string;
  readonly region: string;
  /** A hash link to a route of any service, for this account and region: `href('sqs', 'queue', name)`. */
  href(...segments: string[]): string;
  /** The console link for a resource of a CloudFormation type, named by ARN or physical id (what a
   * stack lists), when some service's page shows it. */
  link(type: string, id: string): string | undefined;
  /** Tells the frame the cloud changed (clock advanced, cloud reset) so pages can reload. */
  readonly generation: number;
}

export interface PageProps {
  /** The route's `:name` segments, decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly ctx: ConsoleContext;
}

export interface ConsoleRoute {
  /** Segments after the service's, `:name` for a parameter: `queue/:name`. Empty for the service's home. */
  readonly path: string;
  readonly view: (props: PageProps) => ComponentChild;
}

export interface ServiceConsole {
  /** The service's name as the server knows it (`sqs`): its routes live under `#/<account>/<region>/sqs/`. */
  readonly service: string;
  /** What the navigation shows. */
  readonly title: string;
  readonly routes: readonly ConsoleRoute[];
  /** Deep links by CloudFormation type: the route segments for a resource named by its ARN or by its
   * physical id (a queue's URL, a function's name), for the map's nodes and stacks' resources. */
  readonly links?: Readonly<Record<string, (id: string) => string[] | undefined>>;
}

/** Declares a service's console pages; the list of them is pages.ts. */
export function defineConsole(console: ServiceConsole): ServiceConsole {
  return console;
}
