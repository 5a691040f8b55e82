// The Framework plugins a service lists: the common ones are understood natively (their behaviour is
// built into the compiler or does not apply locally), and any other is reported and ignored, never run.

import { isObject, type JsonObject } from './compilation.js';

/** What each natively understood plugin means here. */
export const KNOWN_PLUGINS: Readonly<Record<string, string>> = {
  'serverless-iam-roles-per-function': 'per-function roles compiled by Nimbus',
  'serverless-esbuild': 'TypeScript handlers run as they are; nimbus package bundles them with esbuild',
  'serverless-plugin-typescript':
    'TypeScript handlers run as they are; nimbus package bundles them with esbuild',
  'serverless-offline': 'not needed: Nimbus serves the functions itself',
  'serverless-prune-plugin': 'not needed locally',
  'serverless-step-functions': 'the stepFunctions block compiled by Nimbus',
  'serverless-appsync-plugin': 'the appSync block compiled by Nimbus',
};

/** The plugins listed (`plugins: [a]` or `plugins: { modules: [a] }`). */
export function pluginsOf(config: JsonObject): string[] {
  const plugins = config.plugins;
  const list = isObject(plugins) ? plugins.modules : plugins;
  return Array.isArray(list) ? list.map(String) : [];
}

/** One line per plugin that is not understood natively. */
export function pluginNotes(config: JsonObject): string[] {
  return pluginsOf(config)
    .filter((plugin) => !(plugin in KNOWN_PLUGINS))
    .map(
      (plugin) =>
        `Plugin "${plugin}" is not run by Nimbus: ignored (what it adds to the template is missing)`,
    );
}

export function usesPlugin(config: JsonObject, plugin: string): boolean {
  return pluginsOf(config).includes(plugin);
}
