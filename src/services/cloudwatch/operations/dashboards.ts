// PutDashboard, GetDashboard, ListDashboards and DeleteDashboards. A body must be a JSON object with a
// `widgets` array whose widgets have a type and properties; a body that is not is refused with the
// DashboardValidationMessages that say where (DashboardInvalidInputError, query code InvalidParameterInput).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html

import { formatArn } from '../../../core/arn.js';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cloudwatch.js';
import { dashboardNotFound } from '../errors.js';
import type { DashboardRow } from '../store.js';
import { validateBody } from './dashboard-body.js';
import { operation, page, seconds } from './operation.js';

const PAGE_SIZE = 1000;

export const putDashboard = operation({
  input: model.PutDashboardInput,
  output: model.PutDashboardOutput,
  run: (input, cloudwatch, ctx) => {
    const messages = validateBody(input.DashboardBody);
    if (messages.length > 0) {
      throw new ServiceError('DashboardInvalidInputError', 'The input for the dashboard body is invalid.', {
        fields: { dashboardValidationMessages: messages },
      });
    }
    cloudwatch.store.transaction(() => {
      cloudwatch.sql.putDashboard.run(
        ctx.account,
        ctx.region,
        input.DashboardName,
        input.DashboardBody,
        cloudwatch.now(),
      );
      if (input.Tags) cloudwatch.tag(dashboardArn(ctx.account, input.DashboardName), input.Tags);
    });
    return { DashboardValidationMessages: [] };
  },
});

export const getDashboard = operation({
  input: model.GetDashboardInput,
  output: model.GetDashboardOutput,
  run: (input, cloudwatch, ctx) => {
    const row = cloudwatch.sql.dashboard.get(ctx.account, ctx.region, input.DashboardName) as
      | DashboardRow
      | undefined;
    if (!row) throw dashboardNotFound(input.DashboardName);
    return {
      DashboardArn: dashboardArn(ctx.account, row.name),
      DashboardBody: row.body,
      DashboardName: row.name,
    };
  },
});

export const listDashboards = operation({
  input: model.ListDashboardsInput,
  output: model.ListDashboardsOutput,
  run: (input, cloudwatch, ctx) => {
    const rows = (cloudwatch.sql.dashboardsOf.all(ctx.account, ctx.region) as DashboardRow[]).filter(
      (row) => input.DashboardNamePrefix === undefined || row.name.startsWith(input.DashboardNamePrefix),
    );
    const { slice, next } = page('ListDashboards', rows, input.NextToken, PAGE_SIZE);
    return {
      DashboardEntries: slice.map((row) => ({
        DashboardName: row.name,
        DashboardArn: dashboardArn(ctx.account, row.name),
        LastModified: seconds(row.updated_at),
        Size: Buffer.byteLength(row.body),
      })),
      ...(next ? { NextToken: next } : {}),
    };
  },
});

/** All or nothing: one unknown name deletes none. */
export const deleteDashboards = operation({
  input: model.DeleteDashboardsInput,
  output: model.DeleteDashboardsOutput,
  run: (input, cloudwatch, ctx) => {
    for (const name of input.DashboardNames) {
      if (!cloudwatch.sql.dashboard.get(ctx.account, ctx.region, name)) throw dashboardNotFound(name);
    }
    cloudwatch.store.transaction(() => {
      for (const name of input.DashboardNames) {
        cloudwatch.sql.deleteDashboard.run(ctx.account, ctx.region, name);
        cloudwatch.sql.deleteTags.run(dashboardArn(ctx.account, name));
      }
    });
    return {};
  },
});

/** Dashboards are global: their ARNs have no region. */
export function dashboardArn(account: string, name: string): string {
  return formatArn({ service: 'cloudwatch', region: '', account, resource: `dashboard/${name}` });
}
