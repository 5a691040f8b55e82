// Lambda layers: versions published under a name (numbered 1, 2, … and never renumbered after a delete),
// their resource-based policies, the checks a function's `Layers` must pass, and the `/opt` directory a
// function configuration's layers make. https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import type { Store } from '../../core/store.js';
import type { CodeStore, StoredCode } from './code.js';
import { lambdaTimestamp } from './names.js';
import type { LambdaStatements, LayerVersionRow } from './store.js';

/** GetLayerVersion's answer, as stored. */
export interface LayerVersion {
  Content: { CodeSha256: string; CodeSize: number };
  LayerArn: string;
  LayerVersionArn: string;
  Description: string;
  CreatedDate: string;
  Version: number;
  CompatibleRuntimes?: string[];
  LicenseInfo?: string;
  CompatibleArchitectures?: string[];
}

export interface LayerInput {
  Description?: string;
  CompatibleRuntimes?: string[];
  LicenseInfo?: string;
  CompatibleArchitectures?: string[];
}

export interface LayerRef {
  readonly account: string;
  readonly region: string;
  readonly name: string;
}

// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
const MAX_LAYERS = 5;
const MAX_UNZIPPED_BYTES = 262_144_000;
const LAYER_ARN = /^arn:[a-zA-Z0-9-]+:lambda:([a-z0-9-]+):(\d{12}):layer:([a-zA-Z0-9-_]+)(?::(\d+))?$/;

export class Layers {
  constructor(
    private readonly store: Store,
    private readonly sql: LambdaStatements,
    /** Layer zips are kept apart from function code, so releasing a function's zip never takes a layer's. */
    readonly code: CodeStore,
    private readonly clock: Clock,
  ) {}

  publish(ref: LayerRef, input: LayerInput, stored: StoredCode): LayerVersion {
    if (stored.location.kind !== 'zip') {
      throw new ServiceError('InvalidParameterValueException', 'Layer content must be a .zip file archive.');
    }
    const { sha256 } = stored.location;
    return this.store.transaction(() => {
      this.sql.insertLayer.run(ref.account, ref.region, ref.name);
      const { next_version: version } = this.sql.getLayer.get(ref.account, ref.region, ref.name) as {
        next_version: number;
      };
      const layerArn = layerArnOf(ref);
      const config: LayerVersion = {
        Content: { CodeSha256: stored.codeSha256, CodeSize: stored.codeSize },
        LayerArn: layerArn,
        LayerVersionArn: `${layerArn}:${version}`,
        Description: input.Description ?? '',
        CreatedDate: lambdaTimestamp(this.clock.now()),
        Version: version,
        CompatibleRuntimes: input.CompatibleRuntimes,
        LicenseInfo: input.LicenseInfo,
        CompatibleArchitectures: input.CompatibleArchitectures,
      };
      this.sql.putLayerVersion.run(
        ref.account,
        ref.region,
        ref.name,
        version,
        JSON.stringify(config),
        sha256,
        stored.unzippedSize ?? 0,
      );
      this.sql.setLayerNextVersion.run(version + 1, ref.account, ref.region, ref.name);
      return config;
    });
  }

  /** A version that has not been deleted, or Lambda's not-found error. */
  require(ref: LayerRef, version: number): LayerVersionRow {
    const row = this.sql.getLayerVersion.get(ref.account, ref.region, ref.name, version) as
      | LayerVersionRow
      | undefined;
    if (!row || row.deleted_at !== null) {
      throw new ServiceError('ResourceNotFoundException', 'The resource you requested does not exist.', {
        status: 404,
      });
    }
    return row;
  }

  /** A name's live versions, newest first. */
  versions(ref: LayerRef): LayerVersion[] {
    const rows = this.sql.listLayerVersions.all(ref.account, ref.region, ref.name) as LayerVersionRow[];
    return rows.map((row) => JSON.parse(row.config));
  }

  /** Every live version in the account and region, by name then newest first. */
  all(account: string, region: string): LayerVersion[] {
    const rows = this.sql.listLiveLayerVersions.all(account, region) as LayerVersionRow[];
    return rows.map((row) => JSON.parse(row.config));
  }

  /** Deletes a version (deleting one already gone succeeds, as on AWS); functions using it keep its
   * content, as Lambda's do. */
  delete(ref: LayerRef, version: number): void {
    this.sql.deleteLayerVersion.run(this.clock.now(), ref.account, ref.region, ref.name, version);
  }

  policy(ref: LayerRef, version: number): LayerPolicy | undefined {
    const row = this.require(ref, version);
    return row.policy ? JSON.parse(row.policy) : undefined;
  }

  setPolicy(ref: LayerRef, version: number, policy: LayerPolicy | undefined): void {
    const text = policy && policy.Statement.length > 0 ? JSON.stringify(policy) : null;
    this.sql.setLayerPolicy.run(text, ref.account, ref.region, ref.name, version);
  }

  /** A function's `Layers` as its configuration reports them, after Lambda's checks: each version exists
   * (a deleted one is refused for new configurations), at most five, and with the function's own code
   * no more than 250 MB unzipped. */
  resolve(arns: readonly string[], codeUnzippedBytes: number): { Arn: string; CodeSize: number }[] {
    if (arns.length > MAX_LAYERS) {
      throw new ServiceError('InvalidParameterValueException', 'Cannot reference more than 5 layers.');
    }
    const layers = arns.map((arn) => {
      const row = this.findByArn(arn);
      if (!row || row.deleted_at !== null) {
        // Lambda's wording, as Terraform and CloudFormation quote it (intuit/costBuddy#19).
        throw new ServiceError('InvalidParameterValueException', `Layer version ${arn} does not exist.`);
      }
      return { Arn: arn, CodeSize: (JSON.parse(row.config) as LayerVersion).Content.CodeSize };
    });
    this.checkSize(layers, codeUnzippedBytes);
    return layers;
  }

  /** Lambda's refusal when code and layers together unzip to more than 250 MB (deleted versions count:
   * the function still has them). */
  checkSize(layers: readonly { Arn: string }[] | undefined, codeUnzippedBytes: number): void {
    let total = codeUnzippedBytes;
    for (const layer of layers ?? []) total += this.findByArn(layer.Arn)?.unzipped_size ?? 0;
    if (total > MAX_UNZIPPED_BYTES) {
      throw new ServiceError(
        'InvalidParameterValueException',
        `Function code combined with layers exceeds the maximum allowed size of ${MAX_UNZIPPED_BYTES} bytes. The actual size is ${total} bytes.`,
      );
    }
  }

  /** The directory standing for `/opt` for these layers (deleted versions included: a function keeps
   * what it was configured with), or undefined when there are none. */
  optDirectory(layers: readonly { Arn: string }[] | undefined): string | undefined {
    if (!layers || layers.length === 0) return undefined;
    const shas = layers.map((layer) => {
      const row = this.findByArn(layer.Arn);
      if (!row) throw new ServiceError('ServiceException', `Layer ${layer.Arn} is missing.`, { status: 500 });
      return row.sha256;
    });
    return this.code.overlay(shas);
  }

  findByArn(arn: string): LayerVersionRow | undefined {
    const parsed = parseLayerArn(arn);
    if (!parsed || parsed.version === undefined) return undefined;
    return this.sql.getLayerVersion.get(parsed.account, parsed.region, parsed.name, parsed.version) as
      | LayerVersionRow
      | undefined;
  }
}

export interface LayerPolicy {
  Version: string;
  Id: string;
  Statement: Record<string, unknown>[];
  RevisionId: string;
}

export function newLayerPolicy(): LayerPolicy {
  return { Version: '2012-10-17', Id: 'default', Statement: [], RevisionId: randomUUID() };
}

export function layerArnOf(ref: LayerRef): string {
  return `arn:aws:lambda:${ref.region}:${ref.account}:layer:${ref.name}`;
}

/** `arn:aws:lambda:<region>:<account>:layer:<name>[:<version>]`, or undefined for anything else. */
export function parseLayerArn(
  arn: string,
): { region: string; account: string; name: string; version?: number } | undefined {
  const match = LAYER_ARN.exec(arn);
  if (!match) return undefined;
  return {
    region: match[1]!,
    account: match[2]!,
    name: match[3]!,
    version: match[4] === undefined ? undefined : Number(match[4]),
  };
}
