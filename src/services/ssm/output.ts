// How parameters are written in answers: GetParameter's `Parameter`, DescribeParameters' metadata and
// GetParameterHistory's entries, and the form a SecureString's value takes when not decrypted.
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_Parameter.html

import { createHash } from 'node:crypto';
import { parameterArn } from './names.js';
import type { ParameterRow, VersionRow } from './store.js';

/** The AWS managed key SecureStrings use when PutParameter names none. */
export const DEFAULT_KEY_ID = 'alias/aws/ssm';

/** Account and region of the caller, for ARNs. */
export interface Scope {
  readonly account: string;
  readonly region: string;
}

/** A SecureString read without WithDecryption: on AWS, the base64 of its KMS ciphertext blob. Nimbus has no
 * KMS, so this is an opaque stand-in of the same look: the bytes 01 02 02 00 (so it starts `AQICA`, like a
 * KMS blob) then the SHA-256 of key id, ARN, version and value. It is deterministic (the same version
 * always reads the same), differs between versions and values, and reveals nothing of the plaintext. */
export function ciphertext(version: VersionRow, arn: string): string {
  const digest = createHash('sha256')
    .update(`${version.key_id ?? DEFAULT_KEY_ID}\0${arn}\0${version.version}\0${version.value}`)
    .digest();
  return Buffer.concat([Buffer.from([1, 2, 2, 0]), digest]).toString('base64');
}

export function shownValue(version: VersionRow, arn: string, decrypt: boolean): string {
  return version.type === 'SecureString' && !decrypt ? ciphertext(version, arn) : version.value;
}

/** GetParameter(s) and GetParametersByPath: `Selector` echoes a `:version` or `:label` the caller gave. */
export function parameterOutput(
  parameter: ParameterRow,
  version: VersionRow,
  scope: Scope,
  options: { decrypt: boolean; selector?: string },
) {
  const arn = parameterArn(scope.account, scope.region, parameter.name);
  return {
    Name: parameter.name,
    Type: version.type,
    Value: shownValue(version, arn, options.decrypt),
    Version: version.version,
    Selector: options.selector,
    LastModifiedDate: seconds(version.modified_at),
    ARN: arn,
    DataType: version.data_type,
  };
}

/** DescribeParameters' ParameterMetadata (no value). */
export function metadataOutput(parameter: ParameterRow, version: VersionRow, scope: Scope) {
  return {
    Name: parameter.name,
    ARN: parameterArn(scope.account, scope.region, parameter.name),
    ...common(version),
    Version: version.version,
  };
}

/** GetParameterHistory's entries: every attribute of the version, its value and labels. */
export function historyOutput(
  parameter: ParameterRow,
  version: VersionRow,
  labels: string[],
  scope: Scope,
  decrypt: boolean,
) {
  const arn = parameterArn(scope.account, scope.region, parameter.name);
  return {
    Name: parameter.name,
    ...common(version),
    Value: shownValue(version, arn, decrypt),
    Version: version.version,
    Labels: labels,
  };
}

/** AWS's JSON timestamps are epoch seconds (fractions allowed). */
function seconds(ms: number): number {
  return ms / 1000;
}

function common(version: VersionRow) {
  return {
    Type: version.type,
    KeyId: version.key_id ?? undefined,
    LastModifiedDate: seconds(version.modified_at),
    LastModifiedUser: version.modified_by,
    // An empty description (CloudFormation clearing one) reads as none, as AWS leaves it out.
    Description: version.description || undefined,
    AllowedPattern: version.allowed_pattern || undefined,
    Tier: version.tier,
    Policies: policiesOutput(version.policies),
    DataType: version.data_type,
  };
}

/** Stored policies as ParameterInlinePolicy entries. Nimbus does not run them (no expiration), so each
 * stays `Pending`, the status AWS gives a policy not yet applied. */
function policiesOutput(policies: string | null) {
  if (!policies) return [];
  try {
    const list = JSON.parse(policies) as unknown;
    if (!Array.isArray(list)) return [];
    return list.map((policy) => ({
      PolicyText: JSON.stringify(policy),
      PolicyType: typeof policy?.Type === 'string' ? policy.Type : undefined,
      PolicyStatus: 'Pending',
    }));
  } catch {
    return [];
  }
}
