// ListExports and ListImports: the values stacks export, and the stacks that import one.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListExports.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListImports.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cloudformation.js';
import type { StackRow } from '../store.js';
import { operation, page } from './operation.js';

export const listExports = operation({
  input: model.ListExportsInput,
  output: model.ListExportsOutput,
  run: (input, cfn, ctx) => {
    const rows = cfn.sql.exports.all(ctx.account, ctx.region) as {
      name: string;
      value: string;
      stack_id: string;
    }[];
    const { items, nextToken } = page(rows, input.NextToken);
    return {
      Exports: items.map((row) => ({ ExportingStackId: row.stack_id, Name: row.name, Value: row.value })),
      NextToken: nextToken,
    };
  },
});

export const listImports = operation({
  input: model.ListImportsInput,
  output: model.ListImportsOutput,
  run: (input, cfn, ctx) => {
    if (!cfn.sql.exportByName.get(ctx.account, ctx.region, input.ExportName)) {
      throw new ServiceError('ValidationError', `Export '${input.ExportName}' is not imported by any stack.`);
    }
    const like = `%${JSON.stringify(input.ExportName)}%`;
    const importers = cfn.sql.importers.all(ctx.account, ctx.region, like) as StackRow[];
    if (importers.length === 0) {
      throw new ServiceError('ValidationError', `Export '${input.ExportName}' is not imported by any stack.`);
    }
    const { items, nextToken } = page(importers.map((stack) => stack.name).sort(), input.NextToken);
    return { Imports: items, NextToken: nextToken };
  },
});
