// The Parameter Store engine: parameters, their versions (at most 100 kept), labels and tags, in SQLite.
// No HTTP and no AWS wording of rules here: the operations check the request, this stores and reads.
// https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html

import type { Clock } from '../../core/clock.js';
import type { ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { keyRange, parameterKey } from './names.js';
import {
  type CurrentRow,
  type ParameterRow,
  SSM_MIGRATIONS,
  type SsmStatements,
  ssmStatements,
  type VersionRow,
} from './store.js';

/** "Parameter Store keeps the last 100 versions of a parameter." (sysman-paramstore-versions.html) */
export const MAX_VERSIONS = 100;

export interface Tag {
  Key: string;
  Value: string;
}

/** A new version's attributes, resolved by PutParameter from the request and the previous version. */
export type NewVersion = Omit<VersionRow, 'parameter_id' | 'version' | 'modified_at'>;

export class ParameterStore implements ServiceEngine {
  private readonly sql: SsmStatements;

  constructor(
    private readonly store: Store,
    readonly clock: Clock,
  ) {
    store.migrate('ssm', SSM_MIGRATIONS);
    this.sql = ssmStatements(store);
  }

  find(account: string, region: string, name: string): ParameterRow | undefined {
    return this.sql.parameter.get(account, region, parameterKey(name)) as ParameterRow | undefined;
  }

  version(parameter: ParameterRow, version = parameter.version): VersionRow | undefined {
    return this.sql.version.get(parameter.id, version) as VersionRow | undefined;
  }

  oldestVersion(parameter: ParameterRow): VersionRow {
    return this.sql.oldestVersion.get(parameter.id) as VersionRow;
  }

  versionCount(parameter: ParameterRow): number {
    return (this.sql.countVersions.get(parameter.id) as { n: number }).n;
  }

  /** Writes version 1 of a new parameter, or the next version of `existing`, dropping the oldest once
   * 100 are kept (the caller has checked it carries no label); one transaction. */
  put(
    account: string,
    region: string,
    name: string,
    attributes: NewVersion,
    existing: ParameterRow | undefined,
    tags: readonly Tag[],
  ): number {
    return this.store.transaction(() => {
      const parameter =
        existing ??
        (this.sql.insertParameter.get({
          account,
          region,
          key: parameterKey(name),
          name,
          version: 0,
          tags: JSON.stringify(tags),
        }) as ParameterRow);
      const version = parameter.version + 1;
      if (existing && this.versionCount(existing) >= MAX_VERSIONS) {
        const oldest = this.oldestVersion(existing);
        this.sql.deleteVersion.run(existing.id, oldest.version);
      }
      this.sql.insertVersion.run({
        ...attributes,
        parameter_id: parameter.id,
        version,
        modified_at: this.clock.now(),
      });
      this.sql.setVersion.run(version, parameter.id);
      return version;
    });
  }

  delete(parameter: ParameterRow): void {
    this.sql.deleteParameter.run(parameter.id);
  }

  /** Versions after `after`, oldest first, at most `limit`. */
  history(parameter: ParameterRow, after: number, limit: number): VersionRow[] {
    return this.sql.versions.all(parameter.id, after, limit) as VersionRow[];
  }

  /** Every parameter of the account and region whose key sorts after `after`, in key order, below
   * `path` when given; lazily, so a caller filling a page stops the read. */
  *current(account: string, region: string, after: string, path?: string): Generator<CurrentRow> {
    const range = path === undefined ? { from: '', to: '\x7f' } : keyRange(path);
    yield* this.sql.currentInRange.iterate({
      account,
      region,
      after,
      ...range,
    }) as IterableIterator<CurrentRow>;
  }

  labelsOf(parameter: ParameterRow, version: number): string[] {
    return (this.sql.labelsOf.all(parameter.id, version) as { label: string }[]).map((row) => row.label);
  }

  /** Every label of the parameter with the version it is on. */
  labels(parameter: ParameterRow): Map<string, number> {
    const rows = this.sql.allLabels.all(parameter.id) as { label: string; version: number }[];
    return new Map(rows.map((row) => [row.label, row.version]));
  }

  labelVersion(parameter: ParameterRow, label: string): number | undefined {
    return (this.sql.labelVersion.get(parameter.id, label) as { version: number } | undefined)?.version;
  }

  /** Puts each label on `version`, moving it off whichever version had it. */
  attachLabels(parameter: ParameterRow, version: number, labels: readonly string[]): void {
    this.store.transaction(() => {
      for (const label of labels) this.sql.putLabel.run(parameter.id, label, version);
    });
  }

  /** Takes the labels off `version`; returns those that were on it. */
  detachLabels(parameter: ParameterRow, version: number, labels: readonly string[]): string[] {
    return this.store.transaction(() =>
      labels.filter((label) => this.sql.deleteLabel.run(parameter.id, label, version).changes > 0),
    );
  }

  tags(parameter: ParameterRow): Tag[] {
    return JSON.parse(parameter.tags) as Tag[];
  }

  setTags(parameter: ParameterRow, tags: readonly Tag[]): void {
    this.sql.setTags.run(JSON.stringify(tags), parameter.id);
  }

  reset(): void {
    this.sql.deleteAll.run();
  }

  stop(): void {}
}
