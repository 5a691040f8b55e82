// The running services, indexed the ways a request can name them.

import type { RunningService } from './service.js';

export class ServiceRegistry {
  private readonly byName = new Map<string, RunningService>();
  private readonly byTargetPrefix = new Map<string, RunningService>();
  private readonly bySigningName = new Map<string, RunningService>();
  /** awsQuery actions that only one service has, for unsigned `Action=` requests. */
  private readonly byQueryAction = new Map<string, RunningService>();
  /** REST services' path prefixes, for unsigned requests (`/2015-03-31/` is Lambda's). */
  private readonly pathPrefixes: { prefix: string; service: RunningService }[] = [];
  private unclaimed: RunningService | undefined;

  add(service: RunningService): void {
    const { definition } = service;
    this.byName.set(definition.name, service);
    this.bySigningName.set(definition.signingName, service);
    if (definition.json) this.byTargetPrefix.set(definition.json.targetPrefix, service);
    if (definition.query) {
      for (const action of Object.keys(definition.operations)) this.byQueryAction.set(action, service);
    }
    for (const prefix of definition.rest?.pathPrefixes ?? []) this.pathPrefixes.push({ prefix, service });
    if (definition.rest?.takesUnclaimed) this.unclaimed = service;
  }

  all(): RunningService[] {
    return [...this.byName.values()];
  }

  byServiceName(name: string): RunningService | undefined {
    return this.byName.get(name);
  }

  byTarget(prefix: string): RunningService | undefined {
    return this.byTargetPrefix.get(prefix);
  }

  bySigning(name: string): RunningService | undefined {
    return this.bySigningName.get(name);
  }

  byAction(action: string): RunningService | undefined {
    return this.byQueryAction.get(action);
  }

  /** The REST service that takes unsigned requests no other rule routes (S3). */
  takingUnclaimed(): RunningService | undefined {
    return this.unclaimed;
  }

  byPath(pathname: string): RunningService | undefined {
    return this.pathPrefixes.find((entry) => pathname.startsWith(entry.prefix))?.service;
  }
}
