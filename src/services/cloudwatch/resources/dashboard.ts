// AWS::CloudWatch::Dashboard: PutDashboard (the body given as a string, or as an object CloudFormation
// writes out as JSON), again on an update; a new DashboardName replaces it. Ref is the dashboard's name.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-dashboard.html

import { isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';

export const dashboard: ResourceType = {
  type: 'AWS::CloudWatch::Dashboard',

  async create(properties, ctx) {
    const DashboardName = stringProperty(properties.DashboardName) ?? ctx.physicalName({ maxLength: 255 });
    await ctx.call('cloudwatch', 'PutDashboard', {
      DashboardName,
      DashboardBody: stringProperty(properties.DashboardBody),
    });
    return { physicalId: DashboardName, attributes: {} };
  },

  async update(current, properties, _previous, ctx) {
    const DashboardName = current.physicalId;
    await ctx.call('cloudwatch', 'PutDashboard', {
      DashboardName,
      DashboardBody: stringProperty(properties.DashboardBody),
    });
    return { physicalId: DashboardName, attributes: {} };
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('cloudwatch', 'DeleteDashboards', { DashboardNames: [current.physicalId] });
    } catch (error) {
      if (!isNotFound(error, ['DashboardNotFoundError', 'ResourceNotFound'])) throw error;
    }
  },
};
