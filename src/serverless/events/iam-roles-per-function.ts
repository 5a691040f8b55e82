// The plugin serverless-iam-roles-per-function, understood natively (never run): a function with
// `iamRoleStatements` gets its own role, a copy of the shared one holding only its own log group, its
// streams and queues, its onError topic, the provider's statements when it inherits them, and its own.
// https://github.com/functionalone/serverless-iam-roles-per-function (v3.2.0, src/lib/index.ts)
//
// The plugin runs before the template is finalized (after every event, before `resources` are merged),
// which is where compileEvents calls it.

import {
  type Compilation,
  type FunctionEntry,
  isObject,
  type Json,
  type JsonObject,
} from '../compilation.js';
import { naming, ROLE_LOGICAL_ID } from '../naming.js';
import { usesPlugin } from '../plugins.js';
import {
  isEmpty,
  PLUGIN,
  pluginError,
  statementsOf,
  validateStatements,
} from './iam-roles-per-function-statements.js';

const MAX_ROLE_NAME = 64;
const VPC_ACCESS_POLICY: Json = {
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'],
  ],
};

export function applyIamRolesPerFunction(compilation: Compilation): void {
  if (!usesPlugin(compilation.input.config, PLUGIN)) return;
  const custom = isObject(compilation.input.config.custom)
    ? compilation.input.config.custom[PLUGIN]
    : undefined;
  const settings = isObject(custom) ? custom : {};
  const roles = new Map<string, string>();
  for (const fn of compilation.functions) {
    if (fn.config.iamRoleStatements === undefined) continue;
    const role = addFunctionRole(compilation, fn, settings);
    roles.set(naming.functionLogicalId(fn.key), role);
  }
  // A mapping must wait for its function's own role (it polls with it), and no longer for the shared one.
  for (const resource of Object.values(compilation.resources)) {
    if (resource.Type !== 'AWS::Lambda::EventSourceMapping') continue;
    const getAtt = isObject(resource.Properties?.FunctionName)
      ? resource.Properties.FunctionName['Fn::GetAtt']
      : undefined;
    const role = Array.isArray(getAtt) ? roles.get(String(getAtt[0])) : undefined;
    if (role) resource.DependsOn = role;
  }
}

function addFunctionRole(compilation: Compilation, fn: FunctionEntry, settings: JsonObject): string {
  if (fn.config.role)
    throw pluginError(
      `Define function with both 'role' and 'iamRoleStatements' is not supported. Function name: ${fn.key}`,
    );
  validateStatements(fn.config.iamRoleStatements!);
  const shared = compilation.resources[ROLE_LOGICAL_ID];
  if (!shared)
    throw pluginError(
      `function ${fn.key} has iamRoleStatements, but the service has no default role to model its role on (provider.iam.role or provider.role names an existing role)`,
    );
  const role = structuredClone(shared);
  const properties = role.Properties!;
  const policy = (properties.Policies as JsonObject[])[0]!.PolicyDocument as JsonObject;
  policy.Statement = statementsOf(compilation, fn, settings);
  const vpc = !isEmpty(fn.config.vpc) || !isEmpty(compilation.provider.vpc);
  // The shared role's managed policies are not copied: only the VPC access one, when needed.
  properties.ManagedPolicyArns = vpc ? [VPC_ACCESS_POLICY] : [];
  const boundary = fn.config.iamPermissionsBoundary || settings.iamGlobalPermissionsBoundary;
  if (boundary) properties.PermissionsBoundary = boundary;
  if (settings.iamGlobalPermissionsBoundary)
    shared.Properties!.PermissionsBoundary = settings.iamGlobalPermissionsBoundary;
  properties.RoleName = fn.config.iamRoleStatementsName || roleNameOf(compilation, fn);
  const logicalId = naming.functionRoleLogicalId(fn.key);
  compilation.resources[logicalId] = role;
  useRole(compilation, fn, logicalId);
  return logicalId;
}

/** The function runs with its role, and waits for it rather than for the shared one. */
function useRole(compilation: Compilation, fn: FunctionEntry, role: string): void {
  const resource = compilation.resources[naming.functionLogicalId(fn.key)];
  const getAtt = isObject(resource?.Properties?.Role) ? resource.Properties.Role['Fn::GetAtt'] : undefined;
  if (!resource || !Array.isArray(getAtt) || !Array.isArray(resource.DependsOn))
    throw pluginError(`Function Resource is not in expected format. For function name: ${fn.key}`);
  resource.DependsOn = [role, ...resource.DependsOn.filter((id) => id !== ROLE_LOGICAL_ID)];
  getAtt[0] = role;
}

/** `<service>-<stage>-<function>-<region>-lambdaRole`, without `-lambdaRole` when that passes AWS's 64
 * characters. */
function roleNameOf(compilation: Compilation, fn: FunctionEntry): Json {
  const iam = isObject(compilation.provider.iam) ? compilation.provider.iam : {};
  const custom = isObject(iam.role) ? iam.role.name : undefined;
  if (custom)
    throw pluginError(`Global Role Name is not in expected format. Got name: ${JSON.stringify(custom)}`);
  const parts: Json[] = [
    compilation.service,
    compilation.stage,
    fn.key,
    { Ref: 'AWS::Region' },
    'lambdaRole',
  ];
  const length = () =>
    parts.reduce<number>(
      (sum, part) => sum + (isObject(part) ? compilation.region.length : String(part).length),
      0,
    ) +
    parts.length -
    1;
  if (length() > MAX_ROLE_NAME) parts.pop();
  if (length() > MAX_ROLE_NAME)
    throw pluginError(`auto generated role name for function: ${fn.key} is too long (over 64 chars).
        Try setting a custom role name using the property: iamRoleStatementsName.`);
  return { 'Fn::Join': ['-', parts] };
}
