// State machine aliases: a name routing executions to one or two versions of one machine by weight.
// Messages are AWS's as LocalStack's parity snapshots keep them.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachineAlias.html
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-alias.html

import { conflict, resourceDoesNotExist, stateMachineDeleting, validation } from '../errors.js';
import { parseStateMachineArn } from '../names.js';
import { pageOf } from '../paging.js';
import { unqualified } from './arns.js';
import type { Registry } from './registry.js';
import { sameJson } from './settings.js';
import type { AliasRow } from './store.js';

export interface RoutingEntry {
  readonly stateMachineVersionArn: string;
  readonly weight: number;
}

export class Aliases {
  constructor(private readonly registry: Registry) {}

  /** A new alias, or the existing one when name, routing and description are all equal (CreateStateMachineAlias
   * is idempotent); ConflictException for the same name with other settings. */
  create(name: string, description: string | null, routing: readonly RoutingEntry[]): AliasRow {
    const machineArn = this.checkRouting(routing);
    const arn = `${machineArn}:${name}`;
    return this.registry.store.transaction(() => {
      const existing = this.registry.findAlias(arn);
      if (existing) {
        if (sameJson(this.routes(existing), routing) && existing.description === description) return existing;
        throw conflict(
          'Failed to create alias because an alias with the same name and a different routing configuration already exists.',
        );
      }
      this.registry.sql.insertAlias.run({
        arn,
        machine_arn: machineArn,
        name,
        description,
        routing: JSON.stringify(routing.map(entry)),
        created_at: this.registry.clock.now(),
      });
      return this.registry.findAlias(arn)!;
    });
  }

  update(
    alias: AliasRow,
    description: string | null | undefined,
    routing: readonly RoutingEntry[] | undefined,
  ): AliasRow {
    if (routing) {
      const machineArn = this.checkRouting(routing);
      if (machineArn !== alias.machine_arn) throw sameMachineOnly(routing);
    }
    this.registry.sql.updateAlias.run({
      arn: alias.arn,
      description: description === undefined ? alias.description : description,
      routing: routing ? JSON.stringify(routing.map(entry)) : alias.routing,
      updated_at: this.registry.clock.now(),
    });
    return this.registry.findAlias(alias.arn)!;
  }

  delete(arn: string): void {
    this.registry.sql.deleteAlias.run(arn);
  }

  /** A machine's aliases, oldest first. */
  of(machineArn: string): AliasRow[] {
    return this.registry.sql.aliasesOf.all(machineArn) as AliasRow[];
  }

  list(machineArn: string, maxResults: number | undefined, nextToken: string | undefined) {
    return pageOf('ListStateMachineAliases', this.of(machineArn), nextToken, maxResults);
  }

  routes(alias: AliasRow): RoutingEntry[] {
    return JSON.parse(alias.routing) as RoutingEntry[];
  }

  /** The version an execution started through the alias runs: `random` in [0, 1) picks by weight. */
  route(alias: AliasRow, random: number): string {
    const routes = this.routes(alias);
    let point = random * 100;
    for (const route of routes) {
      if (point < route.weight) return route.stateMachineVersionArn;
      point -= route.weight;
    }
    return (
      routes.find((route) => route.weight > 0)?.stateMachineVersionArn ?? routes[0]!.stateMachineVersionArn
    );
  }

  /** The machine the routing's versions belong to, after AWS's checks: distinct version ARNs of one
   * machine, existing, weights summing to 100. */
  private checkRouting(routing: readonly RoutingEntry[]): string {
    const arns = routing.map((r) => r.stateMachineVersionArn);
    if (new Set(arns).size < arns.length) {
      throw validation(
        `Routing configuration must contain distinct state machine version ARNs. Received: [${arns.join(', ')}]`,
      );
    }
    for (const arn of arns) {
      const qualifier = parseStateMachineArn(arn)?.qualifier;
      if (!qualifier || !/^\d+$/.test(qualifier)) {
        throw validation(
          `Routing configuration must contain state machine version ARNs. Received: [${arns.join(', ')}]`,
        );
      }
    }
    const weights = routing.map((r) => r.weight);
    if (weights.reduce((sum, w) => sum + w, 0) !== 100) {
      throw validation(
        `Sum of routing configuration weights must equal 100. Received: [${weights.join(', ')}]`,
      );
    }
    const machineArn = unqualified(arns[0]!);
    if (arns.some((arn) => unqualified(arn) !== machineArn)) throw sameMachineOnly(routing);
    const machine = this.registry.findStateMachine(machineArn);
    if (machine?.status === 'DELETING') throw stateMachineDeleting(machineArn);
    if (!machine || arns.some((arn) => !this.registry.findVersion(arn))) throw resourceDoesNotExist();
    return machineArn;
  }
}

function entry(route: RoutingEntry): RoutingEntry {
  return { stateMachineVersionArn: route.stateMachineVersionArn, weight: route.weight };
}

function sameMachineOnly(routing: readonly RoutingEntry[]) {
  return validation(
    `Routing configuration must contain state machine version ARNs of the same state machine. Received: [${routing.map((r) => r.stateMachineVersionArn).join(', ')}]`,
  );
}
