// The checks S3 makes on bucket configurations when they are saved — a policy's structure and resources,
// CORS methods, lifecycle rules — so a configuration AWS would refuse at deploy time is refused here too.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html

import { ServiceError } from '../../core/errors.js';

const CORS_METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'];

export function checkCors(value: Record<string, unknown>): void {
  for (const rule of (value.CORSRules as { AllowedMethods?: string[] }[] | undefined) ?? []) {
    for (const method of rule.AllowedMethods ?? []) {
      if (!CORS_METHODS.includes(method)) {
        throw new ServiceError(
          'InvalidRequest',
          `Found unsupported HTTP method in CORS config. Unsupported method is ${method}`,
        );
      }
    }
  }
}

interface LifecycleRule {
  ID?: string;
  Expiration?: { Date?: string; Days?: number; ExpiredObjectDeleteMarker?: boolean };
  Transitions?: { Date?: string; Days?: number; StorageClass?: string }[];
  NoncurrentVersionExpiration?: unknown;
  NoncurrentVersionTransitions?: unknown;
  AbortIncompleteMultipartUpload?: unknown;
}

/** Infrequent-access classes take objects only after 30 days in STANDARD. */
const THIRTY_DAY_CLASSES = ['STANDARD_IA', 'ONEZONE_IA'];

export function checkLifecycle(value: Record<string, unknown>): void {
  const ids = new Set<string>();
  for (const rule of (value.Rules as LifecycleRule[] | undefined) ?? []) {
    if (rule.ID !== undefined) {
      if (ids.has(rule.ID))
        throw invalidArgument('Rule ID must be unique. Found same ID for more than one rule');
      ids.add(rule.ID);
    }
    const actions = [
      rule.Expiration,
      rule.Transitions?.length ? rule.Transitions : undefined,
      rule.NoncurrentVersionExpiration,
      rule.NoncurrentVersionTransitions,
      rule.AbortIncompleteMultipartUpload,
    ];
    if (actions.every((action) => action === undefined)) {
      throw new ServiceError('InvalidRequest', 'At least one action needs to be specified in a rule');
    }
    const expiration = rule.Expiration;
    if (expiration?.Days !== undefined && expiration.Days <= 0) {
      throw invalidArgument("'Days' for Expiration action must be a positive integer");
    }
    if (expiration?.Date !== undefined) checkMidnight(expiration.Date);
    for (const transition of rule.Transitions ?? []) {
      if (transition.Date !== undefined) checkMidnight(transition.Date);
      const storageClass = transition.StorageClass ?? '';
      if (
        transition.Days !== undefined &&
        transition.Days < 30 &&
        THIRTY_DAY_CLASSES.includes(storageClass)
      ) {
        throw invalidArgument(
          `'Days' in Transition action must be greater than or equal to 30 for storageClass '${storageClass}'`,
        );
      }
    }
  }
}

function checkMidnight(date: string): void {
  const time = Date.parse(date);
  if (!Number.isFinite(time) || time % 86_400_000 !== 0)
    throw invalidArgument("'Date' must be at midnight GMT");
}

function invalidArgument(message: string): ServiceError {
  return new ServiceError('InvalidArgument', message);
}

interface Statement {
  Effect?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
}

/**
 * A bucket policy must have statements with an Effect, a Principal, actions of S3 and resources of this
 * bucket, else 400 MalformedPolicy with S3's wording ("Policy has invalid resource" is what a policy copied
 * from another bucket gets). Action names within `s3:` are not checked against the list of S3 actions.
 */
export function checkPolicy(policy: Record<string, unknown>, bucket: string): void {
  const statements = policy.Statement;
  if (statements === undefined) throw malformedPolicy('Missing required field Statement');
  for (const statement of (Array.isArray(statements) ? statements : [statements]) as Statement[]) {
    if (typeof statement !== 'object' || statement === null)
      throw malformedPolicy('Policy has invalid statement');
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
      throw malformedPolicy(`Invalid effect: ${String(statement.Effect)}`);
    }
    if (statement.Principal === undefined && statement.NotPrincipal === undefined) {
      throw malformedPolicy('Missing required field Principal');
    }
    const actions = statement.Action ?? statement.NotAction;
    if (actions === undefined) throw malformedPolicy('Missing required field Action');
    for (const action of list(actions)) {
      if (typeof action !== 'string' || !(action === '*' || /^s3:[A-Za-z0-9*?]+$/i.test(action))) {
        throw malformedPolicy('Policy has invalid action');
      }
    }
    const resources = statement.Resource ?? statement.NotResource;
    if (resources === undefined) throw malformedPolicy('Missing required field Resource');
    for (const resource of list(resources)) {
      if (typeof resource !== 'string' || !namesBucket(resource, bucket)) {
        throw malformedPolicy('Policy has invalid resource');
      }
    }
  }
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** `arn:<partition>:s3:::<bucket>[/<key pattern>]`, the bucket part possibly with wildcards. */
function namesBucket(resource: string, bucket: string): boolean {
  const match = /^arn:aws[a-z-]*:s3:::([^/]+)(\/.*)?$/.exec(resource);
  if (!match) return false;
  const pattern = match[1]!
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(bucket);
}

function malformedPolicy(message: string): ServiceError {
  return new ServiceError('MalformedPolicy', message);
}
