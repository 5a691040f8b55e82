// State machines: create (idempotent as AWS defines it), update (a new revision when anything changed),
// delete (DELETING while executions run, then gone with its versions and aliases), list by name.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html

import { randomUUID } from 'node:crypto';
import { stateMachineAlreadyExists, stateMachineDeleting } from '../errors.js';
import { stateMachineArn } from '../names.js';
import { pageAfter } from '../paging.js';
import type { Registry } from './registry.js';
import {
  type EncryptionConfiguration,
  type LoggingConfiguration,
  sameDefinition,
  sameJson,
  type Tag,
  type TracingConfiguration,
} from './settings.js';
import type { StateMachineRow, VersionRow } from './store.js';

export interface Place {
  readonly account: string;
  readonly region: string;
}

export interface NewStateMachine {
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: string;
  readonly roleArn: string;
  readonly logging: LoggingConfiguration;
  readonly tracing: TracingConfiguration;
  readonly encryption: EncryptionConfiguration;
  readonly tags: readonly Tag[];
  /** Set when version 1 is to be published with this description (`null` for none). */
  readonly publish?: { readonly description: string | null };
}

export interface Changes {
  readonly definition?: string;
  readonly roleArn?: string;
  readonly logging?: LoggingConfiguration;
  readonly tracing?: TracingConfiguration;
  readonly encryption?: EncryptionConfiguration;
}

export class StateMachines {
  constructor(private readonly registry: Registry) {}

  /** The new (or, for an equal request, the existing) machine and the version published with it.
   * Idempotency compares name, definition, type, logging and tracing (and publish/versionDescription);
   * a different roleArn or tags are ignored, not updated (API_CreateStateMachine.html). */
  create(place: Place, input: NewStateMachine): { machine: StateMachineRow; version?: VersionRow } {
    const arn = stateMachineArn(place.account, place.region, input.name);
    return this.registry.store.transaction(() => {
      const existing = this.registry.findStateMachine(arn);
      if (existing) return this.sameCreate(existing, input);
      this.registry.sql.insertMachine.run({
        arn,
        account: place.account,
        region: place.region,
        name: input.name,
        type: input.type,
        definition: input.definition,
        role_arn: input.roleArn,
        logging: JSON.stringify(input.logging),
        tracing: JSON.stringify(input.tracing),
        encryption: JSON.stringify(input.encryption),
        created_at: this.registry.clock.now(),
        revision: randomUUID(),
        tags: JSON.stringify(input.tags),
      });
      const machine = this.registry.findStateMachine(arn)!;
      const version = input.publish
        ? this.registry.versions.publish(machine, input.publish.description)
        : undefined;
      return { machine, version };
    });
  }

  /** Applies the changes; a new revision id only when something differs. */
  update(machine: StateMachineRow, changes: Changes): StateMachineRow {
    if (machine.status === 'DELETING') throw stateMachineDeleting(machine.arn);
    const next = {
      definition: changes.definition ?? machine.definition,
      role_arn: changes.roleArn ?? machine.role_arn,
      logging: changes.logging ? JSON.stringify(changes.logging) : machine.logging,
      tracing: changes.tracing ? JSON.stringify(changes.tracing) : machine.tracing,
      encryption: changes.encryption ? JSON.stringify(changes.encryption) : machine.encryption,
    };
    const changed =
      !sameDefinition(next.definition, machine.definition) ||
      next.role_arn !== machine.role_arn ||
      !sameJson(JSON.parse(next.logging), JSON.parse(machine.logging)) ||
      !sameJson(JSON.parse(next.tracing), JSON.parse(machine.tracing)) ||
      !sameJson(JSON.parse(next.encryption), JSON.parse(machine.encryption));
    const revision = changed ? randomUUID() : machine.revision;
    this.registry.sql.updateMachine.run({
      arn: machine.arn,
      ...next,
      updated_at: this.registry.clock.now(),
      revision_id: changed ? revision : machine.revision_id,
      revision,
    });
    return this.registry.findStateMachine(machine.arn)!;
  }

  /** DeleteStateMachine: gone at once when nothing runs, else DELETING until `completeDeletion`. */
  delete(machine: StateMachineRow, runningExecutions: number): void {
    if (runningExecutions > 0) this.registry.sql.setMachineStatus.run('DELETING', machine.arn);
    else this.remove(machine.arn);
  }

  /** The machine, its versions and its aliases ("also deletes all versions and aliases",
   * API_DeleteStateMachine.html). */
  remove(arn: string): void {
    this.registry.store.transaction(() => {
      this.registry.sql.deleteAliasesOf.run(arn);
      this.registry.sql.deleteVersionsOf.run(arn);
      this.registry.sql.deleteMachine.run(arn);
    });
  }

  /** ListStateMachines: by name, as AWS lists them. */
  list(place: Place, maxResults: number | undefined, nextToken: string | undefined) {
    return pageAfter<StateMachineRow>(
      'ListStateMachines',
      nextToken,
      maxResults,
      (after, limit) =>
        this.registry.sql.machinesAfter.all(place.account, place.region, after, limit) as StateMachineRow[],
      (row) => row.name,
    );
  }

  setTags(arn: string, tags: readonly Tag[]): void {
    this.registry.sql.setMachineTags.run(JSON.stringify(tags), arn);
  }

  private sameCreate(existing: StateMachineRow, input: NewStateMachine) {
    if (existing.status === 'DELETING') throw stateMachineDeleting(existing.arn);
    const equal =
      existing.type === input.type &&
      sameDefinition(existing.definition, input.definition) &&
      sameJson(JSON.parse(existing.logging), input.logging) &&
      sameJson(JSON.parse(existing.tracing), input.tracing);
    if (!equal) throw stateMachineAlreadyExists(existing.arn);
    if (!input.publish) return { machine: existing };
    // A repeated create-and-publish answers the version it published, if that version still stands
    // for the current revision with the same description.
    const version = this.registry.versions.ofRevision(existing);
    if (!version || version.description !== input.publish.description)
      throw stateMachineAlreadyExists(existing.arn);
    return { machine: existing, version };
  }
}
