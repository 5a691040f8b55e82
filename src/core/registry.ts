// The running services, indexed the ways a request can name them.

import type { RunningService } from './service.js';

export class ServiceRegistry {
  private readonly byName = new Map<string, RunningService>();
  private readonly byTargetPrefix = new Map<string, RunningService>();
  /** Smithy RPC v2 services by the service name in their paths (`GraniteServiceVersion20100801`). */
  private readonly byRpcv2Name = new Map<string, RunningService>();
  /** Usually one service a name; API Gateway's v1 and v2 APIs share `apigateway`, told apart by path. */
  private readonly bySigningName = new Map<string, RunningService[]>();
  /** awsQuery actions that only one service has, for unsigned `Action=` requests. */
  private readonly byQueryAction = new Map<string, RunningService>();
  /** REST services' path prefixes, for unsigned requests (`/2015-03-31/` is Lambda's). */
  private readonly pathPrefixes: { prefix: string; service: RunningService }[] = [];
  private unclaimed: RunningService | undefined;

  add(service: RunningService): void {
    const { definition } = service;
    this.byName.set(definition.name, service);
    const signed = this.bySigningName.get(definition.signingName) ?? [];
    this.bySigningName.set(definition.signingName, [...signed, service]);
    if (definition.json) this.byTargetPrefix.set(definition.json.targetPrefix, service);
    if (definition.rpcv2Cbor) this.byRpcv2Name.set(definition.rpcv2Cbor.serviceName, service);
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

  byRpcv2Service(name: string): RunningService | undefined {
    return this.byRpcv2Name.get(name);
  }

  /** The service signing as `name`; of several, the REST one whose path prefix `pathname` starts with
   * (else the first added). */
  bySigning(name: string, pathname?: string): RunningService | undefined {
    const services = this.bySigningName.get(name);
    if (!services || services.length < 2 || pathname === undefined) return services?.[0];
    const owner = services.find((service) =>
      service.definition.rest?.pathPrefixes.some((prefix) => pathname.startsWith(prefix)),
    );
    return owner ?? services[0];
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
