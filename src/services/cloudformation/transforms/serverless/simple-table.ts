// AWS::Serverless::SimpleTable → AWS::DynamoDB::Table with one hash key (`id`, a string, unless PrimaryKey says
// otherwise), on-demand billing unless ProvisionedThroughput is given.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-simpletable.html

import type { ResourceDeclaration } from '../../template/parse.js';
import { InvalidResource } from './errors.js';
import { resourceAttributes } from './function.js';
import { defined, isRecord, type Properties, tagList } from './values.js';

const PROPERTIES = [
  'PointInTimeRecoverySpecification',
  'PrimaryKey',
  'ProvisionedThroughput',
  'TableName',
  'Tags',
  'SSESpecification',
];
const ATTRIBUTE_TYPES: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' };

export function translateSimpleTable(
  logicalId: string,
  declaration: ResourceDeclaration,
  properties: Properties,
): ResourceDeclaration {
  for (const name of Object.keys(properties)) {
    if (!PROPERTIES.includes(name)) {
      throw new InvalidResource(
        logicalId,
        `property ${name} not defined for resource of type AWS::Serverless::SimpleTable`,
      );
    }
  }
  let key = { AttributeName: 'id' as unknown, AttributeType: 'S' };
  const primary = properties.PrimaryKey;
  if (primary !== undefined) {
    if (!isRecord(primary)) throw new InvalidResource(logicalId, "Property 'PrimaryKey' should be a map.");
    if (primary.Name === undefined || primary.Name === null)
      throw new InvalidResource(logicalId, "Property 'PrimaryKey.Name' is required.");
    if (primary.Type === undefined || primary.Type === null)
      throw new InvalidResource(logicalId, "Property 'PrimaryKey.Type' is required.");
    const type = ATTRIBUTE_TYPES[String(primary.Type)];
    if (!type) throw new InvalidResource(logicalId, `Invalid 'Type' "${String(primary.Type)}".`);
    key = { AttributeName: primary.Name, AttributeType: type };
  }
  const tags =
    isRecord(properties.Tags) && Object.keys(properties.Tags).length > 0
      ? tagList(properties.Tags)
      : undefined;
  return {
    Type: 'AWS::DynamoDB::Table',
    ...resourceAttributes(declaration),
    Properties: defined({
      AttributeDefinitions: [key],
      KeySchema: [{ AttributeName: key.AttributeName, KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: properties.PointInTimeRecoverySpecification || undefined,
      ProvisionedThroughput: properties.ProvisionedThroughput || undefined,
      BillingMode: properties.ProvisionedThroughput ? undefined : 'PAY_PER_REQUEST',
      SSESpecification: properties.SSESpecification || undefined,
      TableName: properties.TableName || undefined,
      Tags: tags,
    }),
  };
}
