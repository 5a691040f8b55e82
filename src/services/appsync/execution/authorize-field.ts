// Whether a caller may read a field: the auth directives on the field, else on its type, name the modes
// allowed (and `cognito_groups` the groups); with none, only the API's default mode is (and for a user
// pool whose default action is DENY, not even that). A Lambda authorizer's `deniedFields` deny the rest.
// https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#using-additional-authorization-modes

import { type ConstDirectiveNode, type GraphQLField, type GraphQLObjectType, Kind } from 'graphql';
import type { GraphqlApiDoc } from '../documents.js';
import type { AuthMode, Caller } from '../endpoint/authenticate.js';

const DIRECTIVE_OF: Readonly<Record<AuthMode, readonly string[]>> = {
  API_KEY: ['aws_api_key'],
  AWS_IAM: ['aws_iam'],
  OPENID_CONNECT: ['aws_oidc'],
  AMAZON_COGNITO_USER_POOLS: ['aws_cognito_user_pools', 'aws_auth'],
  AWS_LAMBDA: ['aws_lambda'],
};
const AUTH_DIRECTIVES = new Set(Object.values(DIRECTIVE_OF).flat());

export function fieldAllowed(
  api: GraphqlApiDoc,
  caller: Caller,
  field: GraphQLField<unknown, unknown>,
  parent: GraphQLObjectType,
): boolean {
  if (caller.mode === 'AWS_LAMBDA' && denied(api, caller, field.name, parent.name)) return false;
  const onField = authDirectives(field.astNode?.directives);
  const directives = onField.length > 0 ? onField : typeDirectives(parent);
  const mine = directives.filter((directive) => DIRECTIVE_OF[caller.mode].includes(directive.name.value));
  if (directives.length === 0) {
    if (caller.mode !== api.authenticationType) return false;
    return !(caller.mode === 'AMAZON_COGNITO_USER_POOLS' && api.userPoolConfig?.defaultAction === 'DENY');
  }
  if (mine.length === 0) return false;
  if (caller.mode !== 'AMAZON_COGNITO_USER_POOLS') return true;
  return mine.some((directive) => {
    const groups = groupsOf(directive);
    return groups === undefined || groups.some((group) => caller.groups.includes(group));
  });
}

function typeDirectives(type: GraphQLObjectType): ConstDirectiveNode[] {
  return [type.astNode, ...type.extensionASTNodes].flatMap((node) => authDirectives(node?.directives));
}

function authDirectives(directives: readonly ConstDirectiveNode[] | undefined): ConstDirectiveNode[] {
  return (directives ?? []).filter((directive) => AUTH_DIRECTIVES.has(directive.name.value));
}

/** `cognito_groups: ["Admins"]`, or undefined when the directive names none (any user of the pool). */
function groupsOf(directive: ConstDirectiveNode): string[] | undefined {
  const argument = directive.arguments?.find((arg) => arg.name.value === 'cognito_groups');
  if (!argument) return undefined;
  const value = argument.value;
  if (value.kind === Kind.LIST) {
    return value.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : []));
  }
  return value.kind === Kind.STRING ? [value.value] : undefined;
}

/** `deniedFields` name fields as `Type.field` or by ARN (`…:apis/<id>/types/<Type>/fields/<field>`). */
function denied(api: GraphqlApiDoc, caller: Caller, field: string, type: string): boolean {
  const short = `${type}.${field}`;
  const arn = `${api.arn}/types/${type}/fields/${field}`;
  return caller.deniedFields.some((entry) => entry === short || entry === arn);
}
