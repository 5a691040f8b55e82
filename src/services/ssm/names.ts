// Parameter names as Parameter Store reads them: the naming rules PutParameter enforces, hierarchy depth,
// the `name:version` / `name:label` selectors, ARNs, and the key two spellings of one parameter share.
// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html#sysman-parameter-name-constraints

import { ServiceError } from '../../core/errors.js';
import { validation } from './errors.js';

/** "Parameter hierarchies are limited to a maximum depth of fifteen levels." */
export const MAX_LEVELS = 15;
/** "The maximum length for a parameter name that you create is 1011 characters. This includes the
 * characters in the ARN that precede the name you specify." (API_PutParameter.html, Name) */
const MAX_NAME_WITH_ARN = 1011;
const NAME_CHARACTERS = /^[a-zA-Z0-9_.\-/]+$/;

/** What a Get names: a parameter, and optionally one version or label of it. */
export interface ParameterReference {
  readonly name: string;
  readonly version?: number;
  readonly label?: string;
  /** As AWS echoes it in `Parameter.Selector`: `:3` or `:prod`. */
  readonly selector?: string;
}

/** The identity a name maps to: its ARN's resource part. `/db` and `db` have the same ARN
 * (`…:parameter/db`), so they are one parameter, as on AWS. */
export function parameterKey(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}

export function parameterArn(account: string, region: string, name: string): string {
  return `arn:aws:ssm:${region}:${account}:parameter/${parameterKey(name)}`;
}

/** The name as a path (`/db` for `db`), which hierarchy filters compare. */
export function asPath(name: string): string {
  return name.startsWith('/') ? name : `/${name}`;
}

/** PutParameter's naming rules, in the order AWS reports them (observed messages; moto reproduces them). */
export function checkNewName(name: string, account: string, region: string): void {
  const lower = parameterKey(name).toLowerCase();
  const isPath = name.split('/').length > 2;
  if (lower.startsWith('aws') || lower.startsWith('ssm')) {
    if (name.toLowerCase().startsWith('/aws') && isPath) {
      throw new ServiceError('AccessDeniedException', `No access to reserved parameter name: ${name}.`);
    }
    throw validation(
      isPath
        ? `Parameter name: can't be prefixed with "ssm" (case-insensitive). ${SUB_PATHS}`
        : `Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive).`,
    );
  }
  if (name.includes('/') && !name.startsWith('/')) {
    throw validation('Parameter name must be a fully qualified name.');
  }
  if (!NAME_CHARACTERS.test(name) || name.includes('//') || name.endsWith('/')) {
    throw validation(
      `Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive). ${SUB_PATHS}`,
    );
  }
  if (levels(name) > MAX_LEVELS) {
    throw new ServiceError(
      'HierarchyLevelLimitExceededException',
      'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the AWS Systems Manager User Guide.',
    );
  }
  const arnPrefix = parameterArn(account, region, '').length;
  if (arnPrefix + parameterKey(name).length > MAX_NAME_WITH_ARN) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAME_WITH_ARN - arnPrefix}`,
    );
  }
}

/** Levels of a hierarchy: `/a/b/c` has three. */
export function levels(name: string): number {
  return asPath(name).split('/').length - 1;
}

/** A Get's Name: a name or an ARN of this account and region, optionally with `:version` or `:label`.
 * Undefined when it cannot name any parameter here (another account's ARN, a malformed selector). */
export function parseReference(
  text: string,
  account: string,
  region: string,
): ParameterReference | undefined {
  let rest = text;
  if (rest.startsWith('arn:')) {
    const prefix = parameterArn(account, region, '');
    if (!rest.startsWith(prefix)) return undefined;
    rest = rest.slice(prefix.length);
    // An ARN names `parameter/a/b` for `/a/b`, but `parameter/db` for a one-level `db` (or `/db`).
    if (rest.includes('/')) rest = `/${rest}`;
  }
  const colon = rest.indexOf(':');
  if (colon === -1) return { name: rest };
  const name = rest.slice(0, colon);
  const selector = rest.slice(colon + 1);
  if (selector === '' || selector.includes(':')) return undefined;
  if (/^\d+$/.test(selector)) return { name, version: Number(selector), selector: `:${selector}` };
  return { name, label: selector, selector: `:${selector}` };
}

/** A hierarchy path given to GetParametersByPath or a `Path` filter: `/`, or `/a/b` (a trailing slash is
 * allowed), in the name alphabet. The message is AWS's (observed; moto reproduces it). */
export function checkPath(path: string): void {
  const valid =
    path.startsWith('/') &&
    !path.includes('//') &&
    /^[a-zA-Z0-9_.\-/]*$/.test(path) &&
    levels(path) <= MAX_LEVELS;
  if (!valid) {
    throw validation(
      'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". ' +
        'It can\'t be prefixed with "aws" or "ssm" (case-insensitive). ' +
        'It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). ' +
        'Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". ' +
        'Valid example: /get/parameters2-/by1./path0_.',
    );
  }
}

/** The key range `[from, to)` of every parameter below `path` (keys are ASCII, so `/` + 1 is `0`). */
export function keyRange(path: string): { from: string; to: string } {
  const prefix = parameterKey(path.endsWith('/') ? path : `${path}/`);
  if (prefix === '') return { from: '', to: '\x7f' };
  return { from: prefix, to: `${prefix.slice(0, -1)}0` };
}

const SUB_PATHS =
  'If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';
