// AutoPublishAlias: a retained AWS::Lambda::Version whose logical id carries a hash of what should publish a new
// version (the code, its parameters resolved, the environment, the memory size; or every property, or the given
// AutoPublishCodeSha256), and an AWS::Lambda::Alias `<Function>Alias<name>` pointing at it.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-autopublishalias

import type { ResourceDeclaration } from '../../template/parse.js';
import { InvalidResource } from './errors.js';
import type { Generated } from './event-target.js';
import type { FunctionContext } from './function.js';
import { stableLogicalId } from './logical-ids.js';
import { defined, getAtt, isRecord, type Properties, ref, resolveParameterRefs } from './values.js';

/** The retained Version whose logical id changes with the code (and environment and memory), and the Alias on it. */
export function publish(
  logicalId: string,
  properties: Properties,
  lambda: Properties,
  attributes: Partial<ResourceDeclaration>,
  context: FunctionContext,
): { version: Generated; alias: Generated } {
  const aliasName = resolveParameterRefs(properties.AutoPublishAlias, context.parameters);
  if (typeof aliasName !== 'string') {
    throw new InvalidResource(
      logicalId,
      "'AutoPublishAlias' must be a string or a Ref to a template parameter",
    );
  }
  if (!/^(?!^[0-9]+$)([a-zA-Z0-9\-_]+)$/.test(aliasName)) {
    throw new InvalidResource(
      logicalId,
      `AutoPublishAlias name ('${aliasName}') must contain only alphanumeric characters, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.`,
    );
  }
  const prefix = `${logicalId}Version`;
  let versionId: string;
  const sha = properties.AutoPublishCodeSha256;
  if (sha !== undefined) {
    const resolved = resolveParameterRefs(sha, context.parameters);
    if (typeof resolved !== 'string')
      throw new InvalidResource(logicalId, 'AutoPublishCodeSha256 must be a string');
    const description = resolveParameterRefs(properties.Description, context.parameters);
    lambda.Description = !description
      ? resolved
      : typeof description === 'string'
        ? `${description} ${resolved}`
        : { 'Fn::Join': [' ', [description, resolved]] };
    versionId = prefix + resolved.slice(0, 10);
  } else if (properties.AutoPublishAliasAllProperties === true) {
    versionId = stableLogicalId(prefix, defined({ ...lambda, Role: properties.Role }));
  } else {
    // SAM resolves the parameters of Code in place, so the function's own Code comes out resolved too.
    lambda.Code = resolveParameterRefs(lambda.Code, context.parameters);
    const hashed: Properties = { ...(lambda.Code as Properties) };
    if (isRecord(lambda.Environment)) Object.assign(hashed, lambda.Environment);
    if (lambda.MemorySize) hashed.MemorySize = lambda.MemorySize;
    const snapStart = lambda.SnapStart;
    if (isRecord(snapStart) && (snapStart.ApplyOn ?? 'None') !== 'None') hashed.SnapStart = snapStart;
    versionId = stableLogicalId(prefix, hashed);
  }
  const versionAttributes = { ...attributes };
  if (versionAttributes.DeletionPolicy === undefined) {
    versionAttributes.DeletionPolicy = (properties.VersionDeletionPolicy as string | undefined) ?? 'Retain';
  }
  const aliasId = `${logicalId}Alias${aliasName.replaceAll('-', 'D').replaceAll('_', 'U')}`;
  return {
    version: {
      [versionId]: {
        Type: 'AWS::Lambda::Version',
        ...versionAttributes,
        Properties: defined({ FunctionName: ref(logicalId), Description: properties.VersionDescription }),
      },
    },
    alias: {
      [aliasId]: {
        Type: 'AWS::Lambda::Alias',
        ...attributes,
        Properties: {
          Name: aliasName,
          FunctionName: ref(logicalId),
          FunctionVersion: getAtt(versionId, 'Version'),
        },
      },
    },
  };
}
