// Dynamic references in resource properties: `{{resolve:ssm:name[:version]}}`,
// `{{resolve:ssm-secure:…}}` and `{{resolve:secretsmanager:secret-id[:SecretString[:json-key[:stage[:id]]]]}}`,
// alone or inside a longer string, replaced by the value Nimbus's SSM or Secrets Manager holds when the
// resource is created or updated. The stack keeps the references as written (change detection compares
// those, so a parameter that changes does not update a resource whose template did not, as on AWS).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html

import { ServiceError } from '../../core/errors.js';
import { ResourceFailure } from '../../core/resources.js';

const REFERENCE = /\{\{resolve:([a-z-]+):((?:(?!\}\}).)+)\}\}/g;
const SERVICES = ['ssm', 'ssm-secure', 'secretsmanager'];

type Call = (
  service: string,
  operation: string,
  input: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

/** Whether any string in `value` holds a dynamic reference. */
export function hasDynamicReferences(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{resolve:');
  if (Array.isArray(value)) return value.some(hasDynamicReferences);
  if (value && typeof value === 'object') return Object.values(value).some(hasDynamicReferences);
  return false;
}

/** The names of the SSM parameters that literal `{{resolve:ssm:…}}` references in `value` read (with their
 * `:version`), for the check CloudFormation makes when a stack operation is requested. */
export function ssmReferenceNames(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(REFERENCE)) if (match[1] === 'ssm') found.add(match[2]!);
  } else if (Array.isArray(value)) for (const item of value) ssmReferenceNames(item, found);
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) ssmReferenceNames(item, found);
  return found;
}

/** What CloudFormation answers (ValidationError, at the request) for a `{{resolve:ssm:…}}` naming no
 * parameter: "Parameters: [ssm:/xxxx/blueprintId] cannot be found." (observed,
 * aws-samples/data-mesh-datazone-cdk-cloudformation#19). */
export function ssmReferenceNotFound(names: readonly string[]): ServiceError {
  return new ServiceError(
    'ValidationError',
    `Parameters: [${names.map((name) => `ssm:${name}`).join(', ')}] cannot be found.`,
  );
}

/** `properties` with every dynamic reference replaced by its value, read through `call`. */
export async function resolveDynamicReferences(
  properties: Record<string, unknown>,
  resourceType: string,
  call: Call,
): Promise<Record<string, unknown>> {
  if (!hasDynamicReferences(properties)) return properties;
  const cache = new Map<string, Promise<string>>();
  const resolve = (service: string, key: string, path: string): Promise<string> => {
    // An ssm-secure reference is accepted only in the properties AWS lists (passwords of directory, RDS,
    // Redshift, OpsWorks and IAM resources), none of them of a type Nimbus serves.
    if (service === 'ssm-secure')
      return Promise.reject(
        new ResourceFailure(`SSM Secure reference is not supported in: [${resourceType}/Properties/${path}]`),
      );
    const id = `${service}:${key}`;
    let value = cache.get(id);
    if (!value) {
      value = service === 'ssm' ? ssmValue(key, call) : secretValue(key, call);
      cache.set(id, value);
    }
    return value;
  };
  return (await walk(properties, '', resolve)) as Record<string, unknown>;
}

async function walk(
  value: unknown,
  path: string,
  resolve: (service: string, key: string, path: string) => Promise<string>,
): Promise<unknown> {
  if (typeof value === 'string') {
    if (!value.includes('{{resolve:')) return value;
    let result = '';
    let at = 0;
    for (const match of value.matchAll(REFERENCE)) {
      result += value.slice(at, match.index);
      at = match.index + match[0].length;
      const [, service, key] = match;
      result += SERVICES.includes(service!) ? await resolve(service!, key!, path) : match[0];
    }
    return result + value.slice(at);
  }
  if (Array.isArray(value))
    return Promise.all(
      value.map((item, index) => walk(item, `${path}/${index}`.replace(/^\//, ''), resolve)),
    );
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value))
      out[name] = await walk(item, path ? `${path}/${name}` : name, resolve);
    return out;
  }
  return value;
}

/** `name` or `name:version`; SSM reads both forms (GetParameter's `Name` takes a `:version` selector). */
async function ssmValue(key: string, call: Call): Promise<string> {
  try {
    const { Parameter } = (await call('ssm', 'GetParameter', { Name: key, WithDecryption: false })) as {
      Parameter: { Type: string; Value: string };
    };
    return Parameter.Value;
  } catch (error) {
    if (error instanceof ServiceError && /ParameterNotFound|ParameterVersionNotFound/.test(error.code))
      throw new ResourceFailure(ssmReferenceNotFound([key]).message);
    throw error;
  }
}

/**
 * `secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]`, where secret-id is a name or a whole
 * ARN (`arn:aws:secretsmanager:region:account:secret:name-AbCdEf`, colons included) and empty segments
 * take their defaults (the whole SecretString, AWSCURRENT). A missing secret fails the resource with
 * Secrets Manager's own error, as CloudFormation reports it.
 */
async function secretValue(key: string, call: Call): Promise<string> {
  const parts = key.split(':');
  const idParts = parts[0] === 'arn' ? 7 : 1;
  const secretId = parts.slice(0, idParts).join(':');
  const [field = '', jsonKey = '', stage = '', versionId = ''] = parts.slice(idParts);
  if (field && field !== 'SecretString')
    throw new ResourceFailure(
      `Dynamic reference {{resolve:secretsmanager:${key}}} names ${field}: only SecretString can be referenced.`,
    );
  if (stage && versionId)
    throw new ResourceFailure(
      `Dynamic reference {{resolve:secretsmanager:${key}}} gives both a version stage and a version id: give one.`,
    );
  const { SecretString } = (await call('secrets-manager', 'GetSecretValue', {
    SecretId: secretId,
    ...(stage ? { VersionStage: stage } : {}),
    ...(versionId ? { VersionId: versionId } : {}),
  })) as { SecretString?: string };
  if (SecretString === undefined)
    throw new ResourceFailure(
      `Secret ${secretId} has no SecretString for {{resolve:secretsmanager:${key}}}.`,
    );
  if (!jsonKey) return SecretString;
  let parsed: unknown;
  try {
    parsed = JSON.parse(SecretString);
  } catch {
    parsed = undefined;
  }
  const value =
    parsed && typeof parsed === 'object' && Object.hasOwn(parsed, jsonKey)
      ? (parsed as Record<string, unknown>)[jsonKey]
      : undefined;
  if (value === undefined)
    throw new ResourceFailure(`Could not find SecretString JSON key ${jsonKey} in secret ${secretId}.`);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
