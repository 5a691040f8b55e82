// AWS::DynamoDB::Table: a table made with CreateTable (then its time to live and point-in-time recovery),
// changed in place with UpdateTable one step at a time, and deleted with DeleteTable.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html

import { isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';
import { createTableInput, refuseUnserved } from './table-properties.js';
import { applyPointInTimeRecovery, applyTimeToLive, tableState } from './table-settings.js';
import { updateTable } from './table-update.js';

export const table: ResourceType = {
  type: 'AWS::DynamoDB::Table',
  // "Update requires: Replacement" in CloudFormation's documentation, though not create-only in the schema.
  replacementProperties: ['KeySchema', 'LocalSecondaryIndexes'],

  async create(properties, ctx) {
    refuseUnserved('AWS::DynamoDB::Table', ctx.logicalId, properties);
    const name = stringProperty(properties.TableName) ?? ctx.physicalName({ maxLength: 255 });
    await ctx.call('dynamodb', 'CreateTable', createTableInput(name, properties));
    // CreateTable answers CREATING; time to live and backups are set once the table is ACTIVE, as
    // CloudFormation does.
    await tableState(ctx, name);
    await applyTimeToLive(ctx, name, properties.TimeToLiveSpecification);
    await applyPointInTimeRecovery(ctx, name, properties.PointInTimeRecoverySpecification, undefined);
    return tableState(ctx, name);
  },

  update: (state, properties, previous, ctx) =>
    updateTable('AWS::DynamoDB::Table', state, properties, previous, ctx),

  async delete(state, _properties, ctx) {
    try {
      await ctx.call('dynamodb', 'DeleteTable', { TableName: state.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};
