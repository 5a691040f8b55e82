// The registry of state machines (with their versions and aliases) and activities: what an execution
// runs and where a task's activity waits. No HTTP here: operations check requests, this stores and reads.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
//
// THE CONTRACT with the executor (../execution/): `resolve()`, `findStateMachine()`, `findActivity()` and
// `ResolvedStateMachine` below are what StartExecution, activity tasks and the states:startExecution
// integration call; their signatures are fixed.

import type { Clock } from '../../../core/clock.js';
import type { ServiceDeps } from '../../../core/service.js';
import type { Store } from '../../../core/store.js';
import {
  invalidArn,
  resourceDoesNotExist,
  stateMachineDeleting,
  stateMachineDoesNotExist,
} from '../errors.js';
import { parseStateMachineArn } from '../names.js';
import { Activities } from './activities.js';
import { Aliases, type RoutingEntry } from './aliases.js';
import { arnProblem, isVersionArn, unqualified } from './arns.js';
import { StateMachines } from './machines.js';
import {
  type ActivityRow,
  type AliasRow,
  clearRegistry,
  REGISTRY_MIGRATIONS,
  type RegistryStatements,
  registryStatements,
  type StateMachineRow,
  type VersionRow,
} from './store.js';
import { Versions } from './versions.js';

/** What an execution runs: the state machine's revision at start, and how it was named. */
export interface ResolvedStateMachine {
  /** The unqualified state machine ARN (executions belong to it, whichever version ran). */
  readonly stateMachineArn: string;
  /** Set when a version ARN was given, or an alias routed to a version. */
  readonly versionArn?: string;
  /** Set when an alias ARN was given. */
  readonly aliasArn?: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: string;
  readonly roleArn: string;
  /** The revision run. AWS answers no revisionId for a machine never updated; Nimbus keeps one anyway
   * so every run names its revision (`revisionOnWire` says whether AWS would show it). */
  readonly revisionId: string;
  /** The revisionId as DescribeStateMachine answers it: absent until the first change. */
  readonly revisionOnWire?: string;
  /** LoggingConfiguration as the API takes it (`{ level, includeExecutionData, destinations }`). */
  readonly loggingConfiguration: Record<string, unknown>;
  readonly tracingConfiguration: Record<string, unknown>;
}

export class Registry {
  readonly sql: RegistryStatements;
  readonly store: Store;
  readonly clock: Clock;
  readonly machines: StateMachines;
  readonly versions: Versions;
  readonly aliases: Aliases;
  readonly activities: Activities;

  constructor(deps: Pick<ServiceDeps, 'store' | 'clock'>) {
    this.store = deps.store;
    this.clock = deps.clock;
    deps.store.migrate('sfn-registry', REGISTRY_MIGRATIONS);
    this.sql = registryStatements(deps.store);
    this.machines = new StateMachines(this);
    this.versions = new Versions(this);
    this.aliases = new Aliases(this);
    this.activities = new Activities(this);
  }

  /** The state machine, version or alias an ARN names, as an execution would run it now (an alias routes
   * by its weights); InvalidArn for an ARN that is not a state machine's, StateMachineDoesNotExist for a
   * machine that is not there, ResourceNotFound for a missing version or alias, StateMachineDeleting for a
   * machine being deleted. */
  resolve(arn: string): ResolvedStateMachine {
    const parts = parseStateMachineArn(arn);
    if (!parts) throw invalidArn(arnProblem(arn));
    const machineArn = unqualified(arn);
    const machine = this.findStateMachine(machineArn);
    if (!machine) throw stateMachineDoesNotExist(parts.qualifier ? machineArn : arn);
    if (machine.status === 'DELETING') throw stateMachineDeleting(machineArn);
    if (!parts.qualifier) return resolvedFrom(machine, machine);
    if (isVersionArn(arn)) {
      const version = this.findVersion(arn);
      if (!version) throw resourceDoesNotExist();
      return { ...resolvedFrom(machine, version), versionArn: version.arn };
    }
    const alias = this.findAlias(arn);
    if (!alias) throw resourceDoesNotExist();
    const versionArn = this.aliases.route(alias, Math.random());
    const version = this.findVersion(versionArn);
    if (!version) throw resourceDoesNotExist();
    return { ...resolvedFrom(machine, version), versionArn, aliasArn: alias.arn };
  }

  /** The unqualified state machine, or undefined. */
  findStateMachine(arn: string): StateMachineRow | undefined {
    return this.sql.machine.get(arn) as StateMachineRow | undefined;
  }

  /** The unqualified state machine; InvalidArn or StateMachineDoesNotExist as DescribeStateMachine answers. */
  requireStateMachine(arn: string): StateMachineRow {
    const parts = parseStateMachineArn(arn);
    if (!parts || parts.qualifier) throw invalidArn(arnProblem(arn));
    const machine = this.findStateMachine(arn);
    if (!machine) throw stateMachineDoesNotExist(arn);
    return machine;
  }

  findVersion(arn: string): VersionRow | undefined {
    return this.sql.version.get(arn) as VersionRow | undefined;
  }

  findAlias(arn: string): AliasRow | undefined {
    return this.sql.alias.get(arn) as AliasRow | undefined;
  }

  /** The activity an ARN names (GetActivityTask and activity Task states), or undefined. */
  findActivity(arn: string): { arn: string; name: string; createdAt: number } | undefined {
    const row = this.sql.activity.get(arn) as ActivityRow | undefined;
    return row && { arn: row.arn, name: row.name, createdAt: row.created_at };
  }

  /** Finishes a DeleteStateMachine that waited for running executions: the executor calls this when an
   * execution of a DELETING machine ends and none is left running. */
  completeDeletion(machineArn: string): void {
    const machine = this.findStateMachine(machineArn);
    if (machine?.status === 'DELETING') this.machines.remove(machineArn);
  }

  reset(): void {
    clearRegistry(this.store);
  }
}

export type { RoutingEntry };
/** Kept here for callers that read it beside the registry. */
export { arnProblem, unqualified };

function resolvedFrom(
  machine: StateMachineRow,
  revision: StateMachineRow | VersionRow,
): ResolvedStateMachine {
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    type: machine.type,
    definition: revision.definition,
    roleArn: revision.role_arn,
    revisionId: revision.revision,
    revisionOnWire: revision.revision_id ?? undefined,
    loggingConfiguration: JSON.parse(revision.logging) as Record<string, unknown>,
    tracingConfiguration: JSON.parse(revision.tracing) as Record<string, unknown>,
  };
}
