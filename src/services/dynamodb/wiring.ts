// DynamoDB on the console's map: its tables (the functions their streams feed are Lambda's edges).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html

import type { WiringSource } from '../../core/ports/wiring.js';
import { allPages } from '../../core/ports/wiring-pages.js';
import type { ServiceDeps } from '../../core/service.js';

export function dynamodbWiring(deps: ServiceDeps): WiringSource {
  return {
    async wiring(account, region) {
      const at = { call: deps.call, service: 'dynamodb', account, region };
      const names = await allPages<{ TableNames?: string[]; LastEvaluatedTableName?: string }, string>(
        at,
        'ListTables',
        { Limit: 100 },
        (page) => page.TableNames,
        (page) => page.LastEvaluatedTableName,
        'ExclusiveStartTableName',
      );
      const nodes = names.map((name) => ({
        arn: `arn:aws:dynamodb:${region}:${account}:table/${name}`,
        type: 'AWS::DynamoDB::Table',
        name,
        aliases: [name],
      }));
      return { nodes, edges: [] };
    },
  };
}
