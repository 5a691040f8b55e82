// TypeScript (and modern JavaScript) handlers bundled with esbuild for the package, as the
// serverless-esbuild and serverless-plugin-typescript plugins do on the way to AWS: each handler file
// becomes one CommonJS `.js` file at the same path, its imports inlined except the AWS SDK v3, which the
// Lambda Node.js runtimes provide. (Nimbus itself runs `.ts` handlers as they are; the bundle is what AWS
// will run.) https://github.com/floydspace/serverless-esbuild#readme

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { ServerlessError } from './errors.js';

const EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs'];

/** The bundle of one handler (`src/orders.handler`): its zip path (`src/orders.js`) and bytes. */
export function bundleHandler(
  serviceDir: string,
  handler: string,
  runtime: string,
): { path: string; contents: Uint8Array } {
  const modulePath = handler.slice(0, handler.lastIndexOf('.'));
  const source = EXTENSIONS.map((extension) => `${modulePath}${extension}`).find((candidate) =>
    existsSync(join(serviceDir, candidate)),
  );
  if (!source)
    throw new ServerlessError(
      `Cannot bundle the handler "${handler}": no ${modulePath}.ts or .js in the service directory`,
      'NIMBUS_HANDLER_NOT_FOUND',
    );
  const major = /^nodejs(\d+)/.exec(runtime)?.[1] ?? '20';
  const result = buildSync({
    entryPoints: [join(serviceDir, source)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${major}`,
    external: ['@aws-sdk/*', '@smithy/*'],
    write: false,
    logLevel: 'silent',
  });
  return { path: `${modulePath}.js`, contents: result.outputFiles[0]!.contents };
}
