// An API's schema as AppSync builds it: the SDL the user wrote, with AppSync's own scalars and directives
// implied (a schema may use AWSDateTime or @aws_api_key without declaring them), checked by graphql-js.
// https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html
// https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#using-additional-authorization-modes

import {
  buildASTSchema,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  parse,
  validateSchema,
} from 'graphql';
import { APPSYNC_SCALARS } from './scalars.js';

/** Declared before the user's SDL unless the user declared the same name (Amplify's output often does). */
const APPSYNC_DIRECTIVES: Readonly<Record<string, string>> = {
  aws_api_key: 'directive @aws_api_key on FIELD_DEFINITION | OBJECT',
  aws_iam: 'directive @aws_iam on FIELD_DEFINITION | OBJECT',
  aws_oidc: 'directive @aws_oidc on FIELD_DEFINITION | OBJECT',
  aws_lambda: 'directive @aws_lambda on FIELD_DEFINITION | OBJECT',
  aws_cognito_user_pools:
    'directive @aws_cognito_user_pools(cognito_groups: [String]) on FIELD_DEFINITION | OBJECT',
  aws_auth: 'directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION',
  aws_subscribe: 'directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION',
  aws_publish: 'directive @aws_publish(subscriptions: [String]) on FIELD_DEFINITION',
};

export interface BuiltSchema {
  readonly schema: GraphQLSchema;
  /** The user's document alone (for printing types back as they were written). */
  readonly document: DocumentNode;
}

/** The schema, or the message AppSync's GetSchemaCreationStatus gives as `details` for a FAILED one. */
export function buildSchema(sdl: string): BuiltSchema | { readonly error: string } {
  let document: DocumentNode;
  try {
    document = parse(sdl, { noLocation: false });
  } catch (error) {
    return {
      error: `Failed to parse schema document - ensure it's a valid SDL-formatted document. ${message(error)}`,
    };
  }
  const declared = new Set<string>();
  for (const definition of document.definitions) {
    if ('name' in definition && definition.name) declared.add(definition.name.value);
  }
  const implied = [
    ...Object.keys(APPSYNC_SCALARS)
      .filter((name) => !declared.has(name))
      .map((name) => `scalar ${name}`),
    ...Object.entries(APPSYNC_DIRECTIVES)
      .filter(([name]) => !declared.has(name))
      .map(([, sdl]) => sdl),
  ].join('\n');
  try {
    const full = parse(`${implied}\n${sdl}`);
    const schema = buildASTSchema(full, { assumeValidSDL: false });
    const problems = validateSchema(schema);
    if (problems.length > 0) return { error: problems.map((problem) => problem.message).join('; ') };
    bindScalars(schema);
    if (!schema.getQueryType()) return { error: 'There is no top level schema object defined.' };
    return { schema, document };
  } catch (error) {
    return { error: message(error) };
  }
}

/** Gives the implied AppSync scalars their parsing and serialisation (scalars.ts). */
function bindScalars(schema: GraphQLSchema): void {
  for (const [name, behaviour] of Object.entries(APPSYNC_SCALARS)) {
    const type = schema.getType(name);
    if (type && 'serialize' in type && type.astNode?.kind === Kind.SCALAR_TYPE_DEFINITION) {
      Object.assign(type, behaviour);
    }
  }
}

function message(error: unknown): string {
  return error instanceof GraphQLError || error instanceof Error ? error.message : String(error);
}
