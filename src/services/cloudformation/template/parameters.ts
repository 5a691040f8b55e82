// Template parameters: their declarations, and the values a stack gets from what the caller passed, the defaults
// and the previous values, checked against every constraint with CloudFormation's wording.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html

import { SSM_TYPE_PREFIX, type SsmParameterValues, ssmParameterValue } from '../ssm-parameters.js';
import { formatError, isRecord, validationError } from './errors.js';
import type { ParameterDeclaration, Template } from './parse.js';

export interface GivenParameter {
  ParameterKey: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean;
}

export interface ResolvedParameters {
  values: Record<string, string | string[]>;
  noEcho: ReadonlySet<string>;
  /** SSM-typed parameters' values as given (the parameter names), which DescribeStacks reports as the
   * ParameterValue beside the ResolvedValue and an update's UsePreviousValue reads again. */
  ssmNames: Record<string, string>;
}

const PROPERTIES = new Set([
  'Type',
  'Default',
  'AllowedValues',
  'AllowedPattern',
  'MinLength',
  'MaxLength',
  'MinValue',
  'MaxValue',
  'NoEcho',
  'Description',
  'ConstraintDescription',
]);

/** The AWS-specific parameter types; Nimbus checks them as strings (it keeps no EC2 inventory to check against).
 *  https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html */
const AWS_TYPES = new Set([
  'AWS::EC2::AvailabilityZone::Name',
  'AWS::EC2::Image::Id',
  'AWS::EC2::Instance::Id',
  'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::SecurityGroup::GroupName',
  'AWS::EC2::SecurityGroup::Id',
  'AWS::EC2::Subnet::Id',
  'AWS::EC2::Volume::Id',
  'AWS::EC2::VPC::Id',
  'AWS::Route53::HostedZone::Id',
  'AWS::SSM::Parameter::Name',
]);

/** Checks each declaration's properties and type (part of parsing the template). */
export function checkParameterDeclarations(declarations: Template['Parameters']): void {
  for (const [name, declaration] of Object.entries(declarations ?? {})) {
    if (!isRecord(declaration)) throw formatError(`Every Parameters member must be an object.`);
    for (const property of Object.keys(declaration)) {
      if (!PROPERTIES.has(property)) throw formatError(`Invalid template parameter property '${property}'`);
    }
    if (typeof declaration.Type !== 'string') {
      throw formatError(`Parameter '${name}' must contain a Type member.`);
    }
    if (!isKnownType(declaration.Type)) throw formatError(`Unrecognized parameter type: ${declaration.Type}`);
    if (declaration.AllowedValues !== undefined && !Array.isArray(declaration.AllowedValues)) {
      throw formatError(`Every AllowedValues member must be a list.`);
    }
  }
}

/** Types: String, Number, List<Number>, CommaDelimitedList, the AWS-specific types and List<...> of them (as strings).
 *  `previous` holds the stack's values (for UsePreviousValue). Numbers stay strings, as CloudFormation passes them;
 *  list types become string[]. */
export function resolveParameters(
  declarations: Template['Parameters'],
  given: readonly GivenParameter[],
  previous?: Record<string, string | string[]>,
  ssm?: SsmParameterValues,
): ResolvedParameters {
  const declared = declarations ?? {};
  const unknown = given.map((p) => p.ParameterKey).filter((key) => !Object.hasOwn(declared, key));
  if (unknown.length)
    throw validationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const byKey = new Map(given.map((p) => [p.ParameterKey, p]));
  const values: Record<string, string | string[]> = {};
  const noEcho = new Set<string>();
  const ssmNames: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, declaration] of Object.entries(declared)) {
    const raw = rawValue(name, declaration, byKey.get(name), previous);
    if (raw === undefined) {
      missing.push(name);
      continue;
    }
    if (declaration.NoEcho === true || String(declaration.NoEcho).toLowerCase() === 'true') noEcho.add(name);
    if (declaration.Type.startsWith(SSM_TYPE_PREFIX)) {
      ssmNames[name] = raw;
      values[name] = ssmParameterValue(name, declaration.Type, raw, ssm);
    } else values[name] = checkValue(name, declaration, raw);
  }
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html (observed: "Parameters: [A, B] must have values")
  if (missing.length) throw validationError(`Parameters: [${missing.join(', ')}] must have values`);
  return { values, noEcho, ssmNames };
}

function isKnownType(type: string): boolean {
  if (type === 'String' || type === 'Number' || type === 'CommaDelimitedList' || type === 'List<Number>')
    return true;
  if (AWS_TYPES.has(type) || type.startsWith('AWS::SSM::Parameter::Value<')) return true;
  const list = /^List<(.+)>$/.exec(type);
  return list !== null && AWS_TYPES.has(list[1]!);
}

function rawValue(
  name: string,
  declaration: ParameterDeclaration,
  given: GivenParameter | undefined,
  previous: Record<string, string | string[]> | undefined,
): string | undefined {
  if (given?.UsePreviousValue) {
    const value = previous?.[name];
    if (value === undefined) {
      throw validationError(
        `Invalid input for parameter key ${name}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
      );
    }
    return Array.isArray(value) ? value.join(',') : value;
  }
  if (given?.ParameterValue !== undefined) return given.ParameterValue;
  if (declaration.Default === undefined || declaration.Default === null) return undefined;
  return Array.isArray(declaration.Default)
    ? declaration.Default.map(String).join(',')
    : String(declaration.Default);
}

/** Checks a value against its type and constraints; the first failure is the answer. */
function checkValue(name: string, declaration: ParameterDeclaration, raw: string): string | string[] {
  const type = declaration.Type;
  const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
  // "each member string is space trimmed" (CommaDelimitedList, in the Parameters reference)
  const members = isList ? (raw === '' ? [] : raw.split(',').map((member) => member.trim())) : [raw];
  const isNumber = type === 'Number' || type === 'List<Number>';
  const fail = (generic: string) =>
    validationError(
      declaration.ConstraintDescription !== undefined
        ? `Parameter '${name}' failed to satisfy constraint: ${declaration.ConstraintDescription}`
        : `Parameter '${name}' ${generic}`,
    );
  for (const member of members) {
    if (isNumber && !isNumeric(member)) throw validationError(`Parameter '${name}' must be a number`);
    if (declaration.AllowedValues && !declaration.AllowedValues.map(String).includes(member)) {
      throw fail('must be one of AllowedValues');
    }
    if (declaration.AllowedPattern !== undefined) {
      // The pattern must match the whole value (Java regular expressions; JavaScript's agree on the common subset).
      if (!new RegExp(`^(?:${declaration.AllowedPattern})$`).test(member)) {
        throw fail(`must match pattern ${declaration.AllowedPattern}`);
      }
    }
    if (!isNumber) {
      if (declaration.MinLength !== undefined && member.length < Number(declaration.MinLength)) {
        throw fail(`must contain at least ${declaration.MinLength} characters`);
      }
      if (declaration.MaxLength !== undefined && member.length > Number(declaration.MaxLength)) {
        throw fail(`must not contain more than ${declaration.MaxLength} characters`);
      }
    } else {
      if (declaration.MinValue !== undefined && Number(member) < Number(declaration.MinValue)) {
        throw fail(`must be a number not less than ${declaration.MinValue}`);
      }
      if (declaration.MaxValue !== undefined && Number(member) > Number(declaration.MaxValue)) {
        throw fail(`must be a number not greater than ${declaration.MaxValue}`);
      }
    }
  }
  return isList ? members : raw;
}

function isNumeric(value: string): boolean {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim());
}
