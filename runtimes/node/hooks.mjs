// Module customization hooks for Nimbus's Node.js runtime (https://nodejs.org/api/module.html#customization-hooks):
// - a bare import the function's own code cannot resolve (`@aws-sdk/client-dynamodb` in a handler that
//   bundles no SDK) resolves from beside Nimbus, as Lambda's Node.js runtimes provide the SDK v3;
// - TypeScript handlers run as written: `.ts`/`.mts`/`.cts` files are transpiled with esbuild as they
//   load (types stripped, nothing checked), and `./util` finds `./util.ts`.

import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const fallbackParent = new URL('../../package.json', import.meta.url).href;
// The function's layers' module directories (/opt/nodejs/node<major>/node_modules, /opt/nodejs/node_modules),
// which Lambda's Node.js runtimes search for ES module imports too, before the runtime's own SDK.
const layerParents = (process.env._NIMBUS_LAYER_NODE_PATH ?? '')
  .split(':')
  .filter(Boolean)
  .map((dir) => pathToFileURL(join(dirname(dir), 'layer.mjs')).href);
const TYPESCRIPT = /\.(c|m)?ts$/;
let esbuild;

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (relative && context.parentURL && TYPESCRIPT.test(context.parentURL)) {
      for (const extension of ['.ts', '.mts', '/index.ts']) {
        try {
          return await nextResolve(specifier + extension, context);
        } catch {
          // try the next extension
        }
      }
    }
    const bare = !relative && !specifier.startsWith('/') && !specifier.includes(':');
    if (!bare) throw error;
    for (const parentURL of layerParents) {
      try {
        return await nextResolve(specifier, { ...context, parentURL });
      } catch {
        // not in this layer directory
      }
    }
    return nextResolve(specifier, { ...context, parentURL: fallbackParent });
  }
}

export async function load(url, context, nextLoad) {
  if (!TYPESCRIPT.test(url)) return nextLoad(url, context);
  esbuild ??= await import('esbuild');
  const { source } = await nextLoad(url, { ...context, format: 'module' });
  const format = url.endsWith('.cts') ? 'cjs' : 'esm';
  const { code } = await esbuild.transform(String(source), {
    loader: 'ts',
    format,
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: new URL(url).pathname,
  });
  return { format: format === 'cjs' ? 'commonjs' : 'module', source: code, shortCircuit: true };
}
