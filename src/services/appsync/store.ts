// AppSync's tables: a GraphQL API is a parent document; its schema, API keys, data sources, resolvers,
// functions, cache settings and environment variables are children by kind (core/document-store.ts).
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_Types.html

import { documentTables } from '../../core/document-store.js';

export const APPSYNC_MIGRATIONS: readonly string[] = [documentTables('appsync')];
