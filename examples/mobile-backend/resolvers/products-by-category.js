// Query.productsByCategory: the category's products, by name, from GSI1 (GSI1PK = CATEGORY#<category>).
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return {
    operation: 'Query',
    index: 'GSI1',
    query: {
      expression: 'GSI1PK = :category',
      expressionValues: util.dynamodb.toMapValues({ ':category': `CATEGORY#${ctx.args.category}` }),
    },
  };
}

export function response(ctx) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result.items;
}
