// A template made ready to deploy: parsed, transformed, its parameters resolved and checked, its
// conditions evaluated, its resource types known and its dependency graph built. Everything here runs
// before a stack operation is accepted, so a bad template is a ValidationError to the caller, as on AWS,
// never a failed stack.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html

import { ServiceError } from '../../core/errors.js';
import { RESOURCE_SCHEMAS } from '../../core/generated/resource-schemas.js';
import type { ResourceType } from '../../core/resources.js';
import type { SsmParameterValues } from './ssm-parameters.js';
import { dependencyGraph } from './template/dependencies.js';
import { evaluateConditions, type PseudoParameters } from './template/intrinsics.js';
import { applyLanguageExtensions } from './template/language-extensions.js';
import { type GivenParameter, resolveParameters } from './template/parameters.js';
import { parseTemplate, SERVERLESS, type Template } from './template/parse.js';
import { validateTemplate } from './template/validate.js';
import { applyServerlessTransform } from './transforms/serverless/index.js';

export interface PreparedTemplate {
  /** The template as the user sent it (GetTemplate's Original stage). */
  readonly body: string;
  /** After transforms (GetTemplate's Processed stage). */
  readonly template: Template;
  readonly parameters: Record<string, string | string[]>;
  readonly noEcho: ReadonlySet<string>;
  /** SSM-typed parameters' given values (parameter names). */
  readonly ssmNames: Readonly<Record<string, string>>;
  readonly conditions: Record<string, boolean>;
  /** Resources whose Condition holds: logical id → what it waits for. */
  readonly graph: Map<string, Set<string>>;
}

export interface PrepareOptions {
  readonly body: string;
  readonly parameters: readonly GivenParameter[];
  readonly previousParameters?: Record<string, string | string[]>;
  readonly pseudo: PseudoParameters;
  readonly capabilities: readonly string[];
  /** CreateStack/UpdateStack rather than a change set. */
  readonly direct: boolean;
  readonly resourceType: (type: string) => ResourceType | undefined;
  /** Where a SAM template's relative local CodeUri / ContentUri paths are resolved from. */
  readonly templateDirectory?: string;
  /** The SSM parameters that SSM-typed template parameters name (read before the operation). */
  readonly ssmParameters?: SsmParameterValues;
}

export function prepareTemplate(options: PrepareOptions): PreparedTemplate {
  let template = parseTemplate(options.body);
  const transforms = transformNames(template);
  for (const transform of transforms) {
    if (transform !== 'AWS::LanguageExtensions' && transform !== SERVERLESS) {
      throw new ServiceError('ValidationError', `Transform ${transform} is not supported by Nimbus yet.`);
    }
  }
  const { values, noEcho, ssmNames } = resolveParameters(
    template.Parameters,
    options.parameters,
    options.previousParameters,
    options.ssmParameters,
  );
  if (transforms.length > 0) {
    // A stack operation (not a change set) must acknowledge that transforms rewrite the template.
    if (options.direct) requireCapability(options.capabilities, 'CAPABILITY_AUTO_EXPAND');
    template = applyLanguageExtensions(template, values);
    // SAM runs after the language extensions, as AWS orders the two when both are declared.
    template = applyServerlessTransform(template, {
      ...options.pseudo,
      templateDirectory: options.templateDirectory,
      parameters: values,
    });
  }
  checkResourceTypes(template, options.resourceType);
  validateTemplate(template, (type) => attributesOf(type, options.resourceType));
  checkIamCapabilities(template, options.capabilities);
  const conditions = evaluateConditions(template, {
    parameters: values,
    pseudo: options.pseudo,
    mappings: template.Mappings,
    importValue: () => {
      throw new ServiceError(
        'ValidationError',
        'Template error: Fn::ImportValue may not be used in Conditions',
      );
    },
    azs: (region) => availabilityZones(region || options.pseudo.region),
  });
  const graph = dependencyGraph(template, conditions);
  return { body: options.body, template, parameters: values, noEcho, ssmNames, conditions, graph };
}

/** The three zones Nimbus reports for every region, as Fn::GetAZs returns them. */
export function availabilityZones(region: string): string[] {
  return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
}

/** Attributes Fn::GetAtt may read: the schema's read-only properties. */
export function attributesOf(
  type: string,
  resourceType: (type: string) => ResourceType | undefined,
): readonly string[] | undefined {
  // Custom resources' attributes are their Data, nested stacks' are `Outputs.<Name>`: known only once made.
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return undefined;
  if (type === 'AWS::CloudFormation::Stack') return undefined;
  const schema = RESOURCE_SCHEMAS[type];
  const provider = resourceType(type);
  if (!schema || !provider) return undefined;
  return [...schema.readOnly, ...(provider.attributes ?? [])];
}

function transformNames(template: Template): string[] {
  const transform = template.Transform;
  if (transform === undefined) return [];
  return (Array.isArray(transform) ? transform : [transform]).map(String);
}

/** A type no service provides fails the operation before anything is created, as CloudFormation does for
 * a type its registry lacks. */
function checkResourceTypes(
  template: Template,
  resourceType: (type: string) => ResourceType | undefined,
): void {
  const unknown = new Set<string>();
  for (const resource of Object.values(template.Resources)) {
    if (!resourceType(resource.Type)) unknown.add(resource.Type);
  }
  if (unknown.size > 0) {
    throw new ServiceError(
      'ValidationError',
      `Template format error: Unrecognized resource types: [${[...unknown].join(', ')}]`,
    );
  }
}

/** IAM resources need CAPABILITY_IAM, or CAPABILITY_NAMED_IAM when they are named, as CloudFormation asks.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html */
function checkIamCapabilities(template: Template, capabilities: readonly string[]): void {
  const iam = Object.values(template.Resources).filter((resource) => resource.Type.startsWith('AWS::IAM::'));
  if (iam.length === 0) return;
  const named = iam.some((resource) =>
    ['RoleName', 'ManagedPolicyName', 'UserName', 'GroupName', 'InstanceProfileName'].some(
      (property) => resource.Properties?.[property] !== undefined,
    ),
  );
  const needed = named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM';
  if (capabilities.includes('CAPABILITY_NAMED_IAM') || (!named && capabilities.includes('CAPABILITY_IAM')))
    return;
  throw new ServiceError('InsufficientCapabilitiesException', `Requires capabilities : [${needed}]`);
}

function requireCapability(capabilities: readonly string[], capability: string): void {
  if (capabilities.includes(capability)) return;
  throw new ServiceError('InsufficientCapabilitiesException', `Requires capabilities : [${capability}]`);
}
