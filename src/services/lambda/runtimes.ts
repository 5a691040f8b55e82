// Which program runs a function of each runtime: the machine's Node.js with Nimbus's bootstrap for
// `nodejs*`, the machine's python3 with Nimbus's bootstrap for `python3.*`, and the function's own
// `bootstrap` for `provided*` (OS-only runtimes). The bootstraps live in `runtimes/` at the package root.
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceError } from '../../core/errors.js';

/** Every value of the API's Runtime enum (including deprecated ones, which AWS still recognises). */
export const RUNTIMES = [
  'nodejs',
  'nodejs4.3',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'nodejs18.x',
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'java8',
  'java8.al2',
  'java11',
  'java17',
  'java21',
  'java25',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet6',
  'dotnet8',
  'dotnet10',
  'nodejs4.3-edge',
  'go1.x',
  'ruby2.5',
  'ruby2.7',
  'ruby3.2',
  'ruby3.3',
  'ruby3.4',
  'provided',
  'provided.al2',
  'provided.al2023',
] as const;

export type RuntimeFamily = 'node' | 'python' | 'provided';

const RUNNABLE: Readonly<Record<string, RuntimeFamily>> = {
  'nodejs18.x': 'node',
  'nodejs20.x': 'node',
  'nodejs22.x': 'node',
  'nodejs24.x': 'node',
  'python3.9': 'python',
  'python3.10': 'python',
  'python3.11': 'python',
  'python3.12': 'python',
  'python3.13': 'python',
  'python3.14': 'python',
  provided: 'provided',
  'provided.al2': 'provided',
  'provided.al2023': 'provided',
};

/** The runtime's family, or AWS's error for a runtime that can no longer be used (or that Nimbus cannot run). */
export function runtimeFamily(runtime: string): RuntimeFamily {
  const family = RUNNABLE[runtime];
  if (family) return family;
  throw new ServiceError(
    'InvalidParameterValueException',
    `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. Nimbus runs nodejs18.x–24.x, python3.9–3.14 and provided.al2/al2023.`,
  );
}

export interface RuntimeCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** The process that starts an execution environment of this runtime. */
export function runtimeCommand(family: RuntimeFamily, codeDir: string, memorySize: number): RuntimeCommand {
  const root = runtimesRoot();
  switch (family) {
    case 'node':
      return {
        command: process.execPath,
        // Lambda sizes the heap from the function's memory; most of it goes to the old space.
        args: [
          `--max-old-space-size=${Math.max(16, Math.floor(memorySize * 0.85))}`,
          join(root, 'node', 'bootstrap.mjs'),
        ],
        env: { NODE_PATH: nodePath(root), LAMBDA_RUNTIME_DIR: join(root, 'node') },
      };
    case 'python':
      return {
        command: process.env.NIMBUS_PYTHON ?? 'python3',
        args: ['-u', join(root, 'python', 'bootstrap.py')],
        env: { PYTHONUNBUFFERED: '1', LAMBDA_RUNTIME_DIR: join(root, 'python') },
      };
    case 'provided':
      return { command: join(codeDir, 'bootstrap'), args: [], env: { LAMBDA_RUNTIME_DIR: codeDir } };
  }
}

let cachedRoot: string | undefined;

/** `runtimes/` beside `dist/`: found by walking up from this module (built or bundled). */
export function runtimesRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'runtimes', 'node', 'bootstrap.mjs'))) {
      cachedRoot = join(dir, 'runtimes');
      return cachedRoot;
    }
    dir = dirname(dir);
  }
  throw new Error('Nimbus runtimes/ directory not found beside the package');
}

/** Nimbus's own node_modules directories, so `require('@aws-sdk/client-…')` in a handler resolves from
 * the SDK Nimbus ships with when the function did not bundle one (as Lambda's Node runtimes provide it). */
function nodePath(root: string): string {
  const dirs: string[] = [];
  let dir = dirname(root);
  for (let i = 0; i < 6; i++) {
    dirs.push(join(dir, 'node_modules'));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirs.join(':');
}
