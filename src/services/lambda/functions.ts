// Functions, their versions and aliases: the records behind every Lambda operation but Invoke.
// A version row holds the configuration exactly as returned plus where its code is; $LATEST is a row too.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import type { Store } from '../../core/store.js';
import type { CodeLocation, CodeStore, StoredCode } from './code.js';
import {
  applyConfiguration,
  type ConfigurationInput,
  type FunctionConfiguration,
  newConfiguration,
} from './configuration.js';
import { type FunctionRef, functionArn, functionNotFound, LATEST, lambdaTimestamp } from './names.js';
import type { FunctionRow, FunctionUrlRow, LambdaStatements, VersionRow } from './store.js';

export interface FunctionVersion {
  readonly config: FunctionConfiguration;
  readonly code: CodeLocation;
}

export interface AliasConfiguration {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  Description: string;
  RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> };
  RevisionId: string;
}

/** What an Invoke runs: the version, the ARN it was invoked by, and the version that ran. */
export interface ResolvedFunction {
  readonly version: FunctionVersion;
  readonly invokedArn: string;
  readonly executedVersion: string;
  readonly fn: FunctionRow;
}

export class Functions {
  constructor(
    private readonly store: Store,
    private readonly sql: LambdaStatements,
    private readonly code: CodeStore,
    private readonly clock: Clock,
  ) {}

  create(
    ref: FunctionRef,
    input: ConfigurationInput & { Role: string },
    stored: StoredCode,
    tags: Record<string, string>,
    publish: boolean,
  ): FunctionConfiguration {
    const config = newConfiguration(ref, input, stored, this.clock.now());
    return this.store.transaction(() => {
      if (this.find(ref)) {
        throw new ServiceError('ResourceConflictException', `Function already exist: ${ref.name}`, {
          status: 409,
        });
      }
      this.sql.insertFunction.run(ref.account, ref.region, ref.name, JSON.stringify(tags), this.clock.now());
      this.putVersion(ref, LATEST, 0, config, stored.location);
      return publish ? this.publish(ref, {}) : config;
    });
  }

  find(ref: Pick<FunctionRef, 'account' | 'region' | 'name'>): FunctionRow | undefined {
    return this.sql.getFunction.get(ref.account, ref.region, ref.name) as FunctionRow | undefined;
  }

  require(ref: Pick<FunctionRef, 'account' | 'region' | 'name'>): FunctionRow {
    const row = this.find(ref);
    if (!row) throw functionNotFound(ref);
    return row;
  }

  /** A version by number or $LATEST; aliases are resolved by `resolve`. */
  version(ref: FunctionRef, version: string): FunctionVersion {
    const row = this.sql.getVersion.get(ref.account, ref.region, ref.name, version) as VersionRow | undefined;
    if (!row) throw functionNotFound(ref, version === LATEST ? undefined : version);
    return { config: JSON.parse(row.config), code: JSON.parse(row.code) };
  }

  /** The version a qualifier names: a version, $LATEST, or an alias (with its weighted routing). */
  resolve(ref: FunctionRef): ResolvedFunction {
    const fn = this.require(ref);
    const qualifier = ref.qualifier ?? LATEST;
    const invokedArn = functionArn(ref, ref.qualifier);
    if (qualifier === LATEST || /^\d+$/.test(qualifier)) {
      return { fn, version: this.version(ref, qualifier), invokedArn, executedVersion: qualifier };
    }
    const alias = this.alias(ref, qualifier);
    const executedVersion = pickVersion(alias);
    return { fn, version: this.version(ref, executedVersion), invokedArn, executedVersion };
  }

  list(account: string, region: string): { fn: FunctionRow; versions: FunctionVersion[] }[] {
    return (this.sql.listFunctions.all(account, region) as FunctionRow[]).map((fn) => ({
      fn,
      versions: this.versions(fn),
    }));
  }

  versions(ref: Pick<FunctionRef, 'account' | 'region' | 'name'>): FunctionVersion[] {
    const rows = this.sql.listVersions.all(ref.account, ref.region, ref.name) as VersionRow[];
    return rows.map((row) => ({ config: JSON.parse(row.config), code: JSON.parse(row.code) }));
  }

  updateCode(
    ref: FunctionRef,
    stored: StoredCode,
    revisionId: string | undefined,
    publish: boolean,
    architectures?: string[],
  ): FunctionConfiguration {
    return this.store.transaction(() => {
      const latest = this.version(ref, LATEST);
      checkRevision(latest.config.RevisionId, revisionId);
      const config: FunctionConfiguration = {
        ...latest.config,
        // The architecture changes only with the code (UpdateFunctionCode's Architectures).
        Architectures: architectures ?? latest.config.Architectures,
        CodeSha256: stored.codeSha256,
        CodeSize: stored.codeSize,
        LastModified: lambdaTimestamp(this.clock.now()),
        RevisionId: randomUUID(),
      };
      this.putVersion(ref, LATEST, 0, config, stored.location);
      this.releaseIfUnused(latest.code);
      return publish ? this.publish(ref, {}) : config;
    });
  }

  updateConfiguration(
    ref: FunctionRef,
    input: ConfigurationInput,
    revisionId: string | undefined,
  ): FunctionConfiguration {
    return this.store.transaction(() => {
      const latest = this.version(ref, LATEST);
      checkRevision(latest.config.RevisionId, revisionId);
      const config = applyConfiguration(latest.config, input, this.clock.now());
      this.putVersion(ref, LATEST, 0, config, latest.code);
      return config;
    });
  }

  /** Publishes $LATEST as a new version, unless it is unchanged since the last one (AWS returns that one). */
  publish(
    ref: FunctionRef,
    options: { description?: string; codeSha256?: string; revisionId?: string },
  ): FunctionConfiguration {
    return this.store.transaction(() => {
      const fn = this.require(ref);
      const latest = this.version(ref, LATEST);
      checkRevision(latest.config.RevisionId, options.revisionId);
      if (options.codeSha256 !== undefined && options.codeSha256 !== latest.config.CodeSha256) {
        throw new ServiceError(
          'InvalidParameterValueException',
          `CodeSHA256 (${options.codeSha256}) is different from current CodeSHA256 in $LATEST (${latest.config.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
        );
      }
      const published = this.versions(ref).filter((v) => v.config.Version !== LATEST);
      const last = published[published.length - 1];
      if (last && sameContent(last.config, latest.config)) return last.config;
      const version = String(fn.next_version);
      const config: FunctionConfiguration = {
        ...latest.config,
        Version: version,
        FunctionArn: functionArn(ref, version),
        Description: options.description ?? latest.config.Description,
        RevisionId: randomUUID(),
      };
      this.putVersion(ref, version, fn.next_version, config, latest.code);
      this.sql.setNextVersion.run(fn.next_version + 1, ref.account, ref.region, ref.name);
      return config;
    });
  }

  /** Deletes the function (all versions and aliases), or one published version. Returns code to forget. */
  delete(ref: FunctionRef): void {
    this.store.transaction(() => {
      this.require(ref);
      if (ref.qualifier !== undefined) return this.deleteVersion(ref, ref.qualifier);
      const codes = this.versions(ref).map((v) => v.code);
      for (const statement of [
        this.sql.deleteVersions,
        this.sql.deleteAliases,
        this.sql.deleteInvokeConfigs,
        this.sql.deleteFunctionUrls,
        this.sql.deleteProvisionedAll,
        this.sql.deleteFunction,
      ]) {
        statement.run(ref.account, ref.region, ref.name);
      }
      for (const code of codes) this.releaseIfUnused(code);
    });
  }

  alias(ref: FunctionRef, name: string): AliasConfiguration {
    const row = this.sql.getAlias.get(ref.account, ref.region, ref.name, name) as
      | { config: string }
      | undefined;
    if (!row) {
      throw new ServiceError('ResourceNotFoundException', `Alias not found: ${functionArn(ref, name)}`, {
        status: 404,
      });
    }
    return JSON.parse(row.config);
  }

  aliases(ref: FunctionRef): AliasConfiguration[] {
    const rows = this.sql.listAliases.all(ref.account, ref.region, ref.name) as { config: string }[];
    return rows.map((row) => JSON.parse(row.config));
  }

  putAlias(
    ref: FunctionRef,
    name: string,
    changes: {
      FunctionVersion?: string;
      Description?: string;
      RoutingConfig?: AliasConfiguration['RoutingConfig'];
    },
    mode: { create: true } | { create: false; revisionId?: string },
  ): AliasConfiguration {
    return this.store.transaction(() => {
      this.require(ref);
      const existing = this.sql.getAlias.get(ref.account, ref.region, ref.name, name) as
        | { config: string }
        | undefined;
      if (mode.create && existing) {
        throw new ServiceError(
          'ResourceConflictException',
          `Alias already exists: ${functionArn(ref, name)}`,
          { status: 409 },
        );
      }
      const current: AliasConfiguration = existing
        ? JSON.parse(existing.config)
        : mode.create
          ? {
              AliasArn: functionArn(ref, name),
              Name: name,
              FunctionVersion: LATEST,
              Description: '',
              RevisionId: '',
            }
          : this.alias(ref, name);
      if (!mode.create) checkRevision(current.RevisionId, mode.revisionId);
      const next: AliasConfiguration = {
        ...current,
        FunctionVersion: changes.FunctionVersion ?? current.FunctionVersion,
        Description: changes.Description ?? current.Description,
        RevisionId: randomUUID(),
      };
      if (changes.RoutingConfig !== undefined) next.RoutingConfig = changes.RoutingConfig;
      this.version(ref, next.FunctionVersion);
      for (const version of Object.keys(next.RoutingConfig?.AdditionalVersionWeights ?? {}))
        this.version(ref, version);
      this.sql.putAlias.run(ref.account, ref.region, ref.name, name, JSON.stringify(next));
      return next;
    });
  }

  deleteAlias(ref: FunctionRef, name: string): void {
    this.require(ref);
    this.store.transaction(() => {
      this.sql.deleteAlias.run(ref.account, ref.region, ref.name, name);
      // What was configured for the alias goes with it: its function URL and provisioned concurrency.
      const url = this.sql.getFunctionUrl.get(ref.account, ref.region, ref.name, name) as
        | FunctionUrlRow
        | undefined;
      if (url) this.sql.deleteFunctionUrl.run(url.url_id);
      this.sql.deleteProvisioned.run(ref.account, ref.region, ref.name, name);
    });
  }

  private deleteVersion(ref: FunctionRef, version: string): void {
    if (version === LATEST) {
      throw new ServiceError(
        'InvalidParameterValueException',
        '$LATEST version cannot be deleted without deleting the function.',
      );
    }
    const target = this.version(ref, version);
    const users = this.aliases(ref).filter(
      (alias) =>
        alias.FunctionVersion === version ||
        alias.RoutingConfig?.AdditionalVersionWeights?.[version] !== undefined,
    );
    if (users.length > 0) {
      throw new ServiceError(
        'ResourceConflictException',
        `Unable to delete version because the following aliases reference it: [${users.map((a) => a.Name).join(', ')}]`,
        { status: 409 },
      );
    }
    this.sql.deleteVersion.run(ref.account, ref.region, ref.name, version);
    this.sql.deleteProvisioned.run(ref.account, ref.region, ref.name, version);
    this.releaseIfUnused(target.code);
  }

  private putVersion(
    ref: FunctionRef,
    version: string,
    seq: number,
    config: FunctionConfiguration,
    code: CodeLocation,
  ): void {
    this.sql.putVersion.run(
      ref.account,
      ref.region,
      ref.name,
      version,
      seq,
      JSON.stringify(config),
      JSON.stringify(code),
    );
  }

  private releaseIfUnused(code: CodeLocation): void {
    const { n } = this.sql.codeInUse.get(JSON.stringify(code)) as { n: number };
    if (n === 0) this.code.release(code);
  }
}

function checkRevision(current: string, given: string | undefined): void {
  if (given !== undefined && given !== current) {
    throw new ServiceError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      { status: 412 },
    );
  }
}

/** Two configurations that would behave the same (PublishVersion makes no new version for these). */
function sameContent(a: FunctionConfiguration, b: FunctionConfiguration): boolean {
  const strip = ({
    Version,
    FunctionArn,
    RevisionId,
    LastModified,
    Description,
    ...rest
  }: FunctionConfiguration) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** An alias's version for one invocation: weighted routing sends that share of calls to the other version. */
function pickVersion(alias: AliasConfiguration): string {
  let roll = Math.random();
  for (const [version, weight] of Object.entries(alias.RoutingConfig?.AdditionalVersionWeights ?? {})) {
    if (roll < weight) return version;
    roll -= weight;
  }
  return alias.FunctionVersion;
}
