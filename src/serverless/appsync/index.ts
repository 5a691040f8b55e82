// The `appSync:` block of serverless-appsync-plugin v2, understood natively when the service lists the
// plugin: the GraphQL API, its schema, authentication, API keys, data sources (with their generated
// service roles), pipeline functions, resolvers (JavaScript bundled with esbuild, or VTL), caching and
// logging, under the plugin's logical ids so that `resources` written against them work. As the plugin
// does, it adds these to the service's resources before they are merged over the generated template.
// https://github.com/sid88in/serverless-appsync-plugin#readme

import type { Compilation } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { usesPlugin } from '../plugins.js';
import { compileApi, compileApiKeys } from './api.js';
import { appSyncConfig } from './config.js';
import { compileDataSources } from './data-sources.js';
import { compileDomain } from './domain.js';
import { compilePipelineFunctions, compileResolvers } from './resolvers.js';
import { compileSchema } from './schema.js';

export const APPSYNC_PLUGIN = 'serverless-appsync-plugin';

export function compileAppSync(compilation: Compilation): void {
  const { config } = compilation.input;
  // Without the plugin the Framework ignores the block (it is no property of its own).
  if (config.appSync === undefined || !usesPlugin(config, APPSYNC_PLUGIN)) return;
  const appSync = appSyncConfig(config.appSync);
  const block = appSync.block;
  if (block.waf !== undefined && (block.waf as { enabled?: unknown }).enabled !== false)
    throw new ServerlessError(
      'appSync: "waf" of serverless-appsync-plugin is not compiled by Nimbus yet',
      'NIMBUS_APPSYNC_OPTION_NOT_SUPPORTED',
    );
  if (block.apiId !== undefined)
    throw new ServerlessError(
      'appSync: "apiId" (an existing API) of serverless-appsync-plugin is not compiled by Nimbus yet',
      'NIMBUS_APPSYNC_OPTION_NOT_SUPPORTED',
    );
  const serviceDir = compilation.input.serviceDir ?? process.cwd();
  const { GraphQlApi, ...apiResources } = compileApi(compilation, appSync);
  Object.assign(
    compilation.resources,
    { GraphQlApi },
    compileSchema(appSync, serviceDir),
    compileDomain(appSync),
    apiResources,
    compileApiKeys(appSync),
    compileDataSources(appSync),
    compilePipelineFunctions(appSync, serviceDir),
    compileResolvers(appSync, serviceDir),
  );
}
