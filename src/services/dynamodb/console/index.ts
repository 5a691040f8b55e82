// DynamoDB's console pages: tables, and a table's schema, indexes and items (scan or query a page at a
// time, view and edit an item as DynamoDB JSON). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/Welcome.html

import { defineConsole } from '../../../console/contract.js';
import { TablePage } from './table.js';
import { TablesPage } from './tables.js';

export const dynamodbConsole = defineConsole({
  service: 'dynamodb',
  title: 'DynamoDB tables',
  routes: [
    { path: '', view: TablesPage },
    { path: 'table/:name', view: TablePage },
  ],
  links: { 'AWS::DynamoDB::Table': (id) => ['table', id.split(':table/').pop()!.split('/')[0]!] },
});
