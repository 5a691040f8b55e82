// State machine versions: immutable snapshots of a revision, numbered 1, 2, 3… per machine (numbers are
// never reused), at most 1000 per machine; publishing an unchanged revision answers its version again.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_PublishStateMachineVersion.html
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html

import { conflict, serviceQuotaExceeded, stateMachineDeleting } from '../errors.js';
import { pageAfter } from '../paging.js';
import type { Registry } from './registry.js';
import type { AliasRow, StateMachineRow, VersionRow } from './store.js';

/** "You can publish up to 1000 versions for each state machine." */
export const MAX_VERSIONS = 1000;

export class Versions {
  constructor(private readonly registry: Registry) {}

  /** The version of the machine's current revision: the one already published for it, else a new one. */
  publish(machine: StateMachineRow, description: string | null): VersionRow {
    if (machine.status === 'DELETING') throw stateMachineDeleting(machine.arn);
    return this.registry.store.transaction(() => {
      const existing = this.ofRevision(machine);
      if (existing) return existing;
      const { count } = this.registry.sql.versionCount.get(machine.arn) as { count: number };
      if (count >= MAX_VERSIONS) {
        throw serviceQuotaExceeded(
          `Failed to publish the State Machine version: the state machine '${machine.arn}' has reached the limit of ${MAX_VERSIONS} versions.`,
        );
      }
      const current = this.registry.findStateMachine(machine.arn)!;
      this.registry.sql.takeVersionNumber.run(machine.arn);
      const arn = `${machine.arn}:${current.next_version}`;
      this.registry.sql.insertVersion.run({
        arn,
        machine_arn: machine.arn,
        version: current.next_version,
        definition: current.definition,
        role_arn: current.role_arn,
        logging: current.logging,
        tracing: current.tracing,
        encryption: current.encryption,
        revision_id: current.revision_id,
        revision: current.revision,
        description,
        created_at: this.registry.clock.now(),
      });
      return this.registry.findVersion(arn)!;
    });
  }

  /** The newest version published from the machine's current revision, if any. */
  ofRevision(machine: StateMachineRow): VersionRow | undefined {
    return this.registry.sql.versionOfRevision.get(machine.arn, machine.revision) as VersionRow | undefined;
  }

  /** ListStateMachineVersions: newest first. */
  list(machine: StateMachineRow, maxResults: number | undefined, nextToken: string | undefined) {
    return pageAfter<VersionRow, number>(
      'ListStateMachineVersions',
      nextToken,
      maxResults,
      (before, limit) => this.registry.sql.versionsBefore.all(machine.arn, before, limit) as VersionRow[],
      (row) => row.version,
      Number.MAX_SAFE_INTEGER,
    );
  }

  /** Deletes a version no alias routes to: ConflictException naming the aliases otherwise (LocalStack's
   * parity-tested wording). Deleting a version that is not there succeeds, as on AWS. */
  delete(arn: string): void {
    const version = this.registry.findVersion(arn);
    if (!version) return;
    const routing = this.registry.aliases
      .of(version.machine_arn)
      .filter((alias: AliasRow) =>
        this.registry.aliases.routes(alias).some((r) => r.stateMachineVersionArn === arn),
      );
    if (routing.length > 0) {
      throw conflict(
        `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${routing.map((a) => a.name).join(', ')}]`,
      );
    }
    this.registry.sql.deleteVersion.run(arn);
  }
}
