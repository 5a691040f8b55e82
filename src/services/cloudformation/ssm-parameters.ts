// Template parameters of the `AWS::SSM::Parameter::Value<…>` types: the value given (or the default) names
// a Systems Manager parameter, and the stack sees that parameter's value, read from Nimbus's SSM service
// when the stack operation is requested. CDK's bootstrap-version rule reads one this way.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types

import { ServiceError } from '../../core/errors.js';
import type { StackRequest } from './cloudformation.js';
import { ssmReferenceNames, ssmReferenceNotFound } from './dynamic-references.js';
import { parseTemplate } from './template/parse.js';

export const SSM_TYPE_PREFIX = 'AWS::SSM::Parameter::Value<';

/** By parameter name; a plain object, since a change set keeps its request as JSON until it is executed. */
export type SsmParameterValues = Readonly<Record<string, { readonly type: string; readonly value: string }>>;

type Call = (service: string, operation: string, input: Record<string, unknown>) => Promise<unknown>;

/** The request with the SSM parameters its template's SSM-typed parameters name, read through `call`. */
export async function withSsmParameters(request: StackRequest, call: Call): Promise<StackRequest> {
  await checkSsmReferences(request, call);
  const names = ssmParameterNames(request);
  if (names.length === 0) return request;
  const found: Record<string, { type: string; value: string }> = {};
  // GetParameters takes at most 10 names.
  for (let i = 0; i < names.length; i += 10) {
    const result = (await call('ssm', 'GetParameters', {
      Names: names.slice(i, i + 10),
      WithDecryption: false,
    })) as {
      Parameters?: { Name: string; Type: string; Value: string }[];
    };
    for (const parameter of result.Parameters ?? [])
      found[parameter.Name] = { type: parameter.Type, value: parameter.Value };
  }
  return { ...request, ssmParameters: found };
}

/** Literal `{{resolve:ssm:…}}` references in the template's resources must name parameters that exist
 * when the stack operation is requested: CloudFormation refuses the request otherwise (the values are read
 * later, as each resource is made: dynamic-references.ts). */
async function checkSsmReferences(request: StackRequest, call: Call): Promise<void> {
  let resources: unknown;
  try {
    resources = parseTemplate(request.body).Resources;
  } catch {
    return; // the template's own error is reported when it is prepared
  }
  const names = [...ssmReferenceNames(resources)];
  const missing: string[] = [];
  for (let i = 0; i < names.length; i += 10) {
    const { InvalidParameters } = (await call('ssm', 'GetParameters', { Names: names.slice(i, i + 10) })) as {
      InvalidParameters?: string[];
    };
    missing.push(...(InvalidParameters ?? []));
  }
  if (missing.length > 0) throw ssmReferenceNotFound(missing);
}

/** The value a stack sees for an SSM-typed parameter whose value names `name`. */
export function ssmParameterValue(
  parameter: string,
  type: string,
  name: string,
  values: SsmParameterValues | undefined,
): string | string[] {
  const found = values && Object.hasOwn(values, name) ? values[name] : undefined;
  // Observed from CloudFormation for a name with no parameter behind it.
  if (!found)
    throw new ServiceError(
      'ValidationError',
      `Unable to fetch parameters [${name}] from parameter store for this account.`,
    );
  const inner = type.slice(SSM_TYPE_PREFIX.length, -1);
  const isList = inner === 'CommaDelimitedList' || inner.startsWith('List<') || found.type === 'StringList';
  // Observed from CloudFormation (aws/aws-cdk#15135): SecureStrings reach a template only through
  // `{{resolve:ssm-secure:…}}`.
  if (found.type === 'SecureString')
    throw new ServiceError(
      'ValidationError',
      `Parameters [${parameter}] referenced by template have types not supported by CloudFormation.`,
    );
  return isList && inner !== 'String' ? found.value.split(',').map((item) => item.trim()) : found.value;
}

function ssmParameterNames(request: StackRequest): string[] {
  let declarations: Record<string, { Type: string; Default?: unknown }>;
  try {
    declarations = (parseTemplate(request.body).Parameters ?? {}) as typeof declarations;
  } catch {
    return []; // the template's own error is reported when it is prepared
  }
  const given = new Map(
    request.parameters.map((parameter) => [parameter.ParameterKey, parameter.ParameterValue]),
  );
  const names = new Set<string>();
  for (const [key, declaration] of Object.entries(declarations)) {
    if (typeof declaration?.Type !== 'string' || !declaration.Type.startsWith(SSM_TYPE_PREFIX)) continue;
    const name =
      given.get(key) ?? (declaration.Default === undefined ? undefined : String(declaration.Default));
    if (name) names.add(name);
  }
  return [...names];
}
