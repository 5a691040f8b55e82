// AWS::Serverless::LayerVersion → AWS::Lambda::LayerVersion, whose logical id gains a hash of the SAM declaration
// (a changed layer is a new version) and whose DeletionPolicy is Retain unless RetentionPolicy says Delete; references
// to the SAM id are renamed to the new one. Nimbus translates layers even where it does not serve them yet.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-layerversion.html

import type { ResourceDeclaration } from '../../template/parse.js';
import { s3Location } from './code.js';
import { InvalidResource } from './errors.js';
import { passthrough } from './function.js';
import { stableLogicalId } from './logical-ids.js';
import { defined, isIntrinsic, type Properties, resolveParameterRefs } from './values.js';

const PROPERTIES = [
  'LayerName',
  'Description',
  'PublishLambdaVersion',
  'ContentUri',
  'CompatibleArchitectures',
  'CompatibleRuntimes',
  'LicenseInfo',
  'RetentionPolicy',
];

export function translateLayerVersion(
  logicalId: string,
  declaration: ResourceDeclaration,
  properties: Properties,
  context: { parameters: Record<string, unknown>; templateDirectory: string | undefined },
): { logicalId: string; resource: ResourceDeclaration } {
  for (const name of Object.keys(properties)) {
    if (!PROPERTIES.includes(name)) {
      throw new InvalidResource(
        logicalId,
        `property ${name} not defined for resource of type AWS::Serverless::LayerVersion`,
      );
    }
  }
  if (properties.ContentUri === undefined)
    throw new InvalidResource(logicalId, "Missing required property 'ContentUri'.");
  const resolved: Properties = { ...properties };
  for (const name of ['LayerName', 'LicenseInfo', 'Description', 'RetentionPolicy']) {
    if (resolved[name] !== undefined)
      resolved[name] = resolveParameterRefs(resolved[name], context.parameters);
  }
  const retention = resolved.RetentionPolicy;
  if (isIntrinsic(retention)) {
    throw new InvalidResource(
      logicalId,
      "'RetentionPolicy' does not accept intrinsic functions, please use one of the following options: ['Retain', 'Delete']",
    );
  }
  let deletionPolicy = declaration.DeletionPolicy ?? 'Retain';
  if (retention !== undefined) {
    const option = ['Retain', 'Delete'].find(
      (value) => value.toLowerCase() === String(retention).toLowerCase(),
    );
    if (!option)
      throw new InvalidResource(
        logicalId,
        "'RetentionPolicy' must be one of the following options: ['Retain', 'Delete'].",
      );
    deletionPolicy = option;
  }
  // SAM hashes its own resource as it stands once the strings are resolved, without the deletion-related attributes.
  const hashed: Properties = { Type: 'AWS::Serverless::LayerVersion', Properties: resolved };
  for (const name of ['Condition', 'UpdatePolicy'] as const)
    if (declaration[name] !== undefined) hashed[name] = declaration[name];
  if (declaration.DependsOn !== undefined) hashed.DependsOn = declaration.DependsOn;
  const newId = stableLogicalId(logicalId, { [logicalId]: hashed });
  return {
    logicalId: newId,
    resource: {
      Type: 'AWS::Lambda::LayerVersion',
      ...defined({ DependsOn: declaration.DependsOn }),
      ...passthrough(declaration),
      DeletionPolicy: deletionPolicy,
      ...defined({ UpdatePolicy: declaration.UpdatePolicy, Metadata: declaration.Metadata }),
      Properties: defined({
        LayerName: resolved.LayerName ?? logicalId,
        Description: resolved.Description,
        Content: s3Location(properties.ContentUri, newId, 'ContentUri', context.templateDirectory),
        CompatibleArchitectures: resolved.CompatibleArchitectures,
        CompatibleRuntimes: resolved.CompatibleRuntimes,
        LicenseInfo: resolved.LicenseInfo,
      }),
    },
  };
}
