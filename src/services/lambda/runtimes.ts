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

/** AWS's deprecation schedule for the runtimes Nimbus runs: the date support ends, the date creating
 * functions on the runtime is refused, and the date updating them is. Dates are UTC days, from the
 * tables on https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (supported and deprecated
 * runtimes, as read in December 2026; nodejs18.x as that page gave it in 2025, python3.9 from AWS's
 * re:Post answer quoting the table after AWS moved its blocks). provided.al2 has no announced date. */
const LIFECYCLE: Readonly<Record<string, { deprecated: string; blockCreate: string; blockUpdate: string }>> =
  {
    'nodejs18.x': { deprecated: '2025-09-01', blockCreate: '2025-10-01', blockUpdate: '2025-11-01' },
    'nodejs20.x': { deprecated: '2026-04-30', blockCreate: '2026-06-01', blockUpdate: '2026-07-01' },
    'nodejs22.x': { deprecated: '2027-04-30', blockCreate: '2027-06-01', blockUpdate: '2027-07-01' },
    'nodejs24.x': { deprecated: '2028-04-30', blockCreate: '2028-06-01', blockUpdate: '2028-07-01' },
    'python3.9': { deprecated: '2025-12-15', blockCreate: '2027-02-01', blockUpdate: '2027-03-03' },
    'python3.10': { deprecated: '2026-10-31', blockCreate: '2026-11-30', blockUpdate: '2027-01-15' },
    'python3.11': { deprecated: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31' },
    'python3.12': { deprecated: '2028-10-31', blockCreate: '2028-11-30', blockUpdate: '2029-01-10' },
    'python3.13': { deprecated: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
    'python3.14': { deprecated: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
    provided: { deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2024-03-12' },
  };

/** The newest runtime of each family, which AWS's refusal recommends. */
const NEWEST: Readonly<Record<RuntimeFamily, string>> = {
  node: 'nodejs24.x',
  python: 'python3.14',
  provided: 'provided.al2023',
};

/** The runtime's family, or AWS's error for a runtime that can no longer be used (or that Nimbus cannot run). */
export function runtimeFamily(runtime: string): RuntimeFamily {
  const family = RUNNABLE[runtime];
  if (family) return family;
  throw noLongerSupported(runtime, 'nodejs24.x');
}

/** What AWS answers a create or update on a runtime past its block date (observed wording). */
function noLongerSupported(runtime: string, recommended: string): ServiceError {
  return new ServiceError(
    'InvalidParameterValueException',
    `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (${recommended}) while creating or updating functions.`,
  );
}

export type RuntimeUse = 'create' | 'update';

/** Checks a runtime against AWS's deprecation schedule on the cloud clock (`now`): throws AWS's error
 * past the block date for this use, unless deprecated runtimes are allowed locally; returns a warning
 * for the log when the runtime is deprecated (or allowed only by that switch). */
export function checkRuntimeLifecycle(
  runtime: string,
  use: RuntimeUse,
  now: number,
  allowDeprecated: boolean,
): string | undefined {
  const family = runtimeFamily(runtime);
  const dates = LIFECYCLE[runtime];
  if (!dates) return undefined;
  const day = new Date(now).toISOString().slice(0, 10);
  const block = use === 'create' ? dates.blockCreate : dates.blockUpdate;
  if (day >= block) {
    if (!allowDeprecated) throw noLongerSupported(runtime, NEWEST[family]);
    return `${runtime} is deprecated (AWS blocks ${use === 'create' ? 'creating' : 'updating'} functions on it since ${block}); allowed by --allow-deprecated-runtimes. Use ${NEWEST[family]} to deploy to AWS.`;
  }
  if (day >= dates.deprecated) {
    return `${runtime} is deprecated since ${dates.deprecated}; AWS blocks creating functions on it from ${dates.blockCreate} and updating them from ${dates.blockUpdate}. Use ${NEWEST[family]}.`;
  }
  return undefined;
}

export interface RuntimeCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** The process that starts an execution environment of this runtime. `optDir` is the directory standing
 * for /opt (the function's layers unpacked), whose module directories each runtime searches as AWS's do:
 * https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths */
export function runtimeCommand(
  runtime: string,
  codeDir: string,
  memorySize: number,
  optDir?: string,
): RuntimeCommand {
  const root = runtimesRoot();
  const family = runtimeFamily(runtime);
  switch (family) {
    case 'node': {
      // As AWS's NODE_PATH: /opt/nodejs/node<major>/node_modules, /opt/nodejs/node_modules, then the
      // runtime's own modules (the SDK). ESM imports, which ignore NODE_PATH, search them in hooks.mjs.
      const major = /^nodejs(\d+)/.exec(runtime)?.[1] ?? '';
      const layerPaths = optDir
        ? [join(optDir, 'nodejs', `node${major}`, 'node_modules'), join(optDir, 'nodejs', 'node_modules')]
        : [];
      return {
        command: process.execPath,
        // Lambda sizes the heap from the function's memory; most of it goes to the old space.
        args: [
          `--max-old-space-size=${Math.max(16, Math.floor(memorySize * 0.85))}`,
          join(root, 'node', 'bootstrap.mjs'),
        ],
        env: {
          NODE_PATH: [...layerPaths, nodePath(root)].join(':'),
          LAMBDA_RUNTIME_DIR: join(root, 'node'),
          ...(optDir ? { _NIMBUS_LAYER_NODE_PATH: layerPaths.join(':') } : {}),
          // The function's runtime names a Node.js the SDK supports; its warning would be about the host's
          // Node.js, which is Nimbus's to state (README), not the function's log's.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      };
    }
    case 'python':
      // The bootstrap puts /opt/python/lib/python3.x/site-packages and /opt/python on sys.path.
      return {
        command: pythonFor(runtime),
        args: ['-u', join(root, 'python', 'bootstrap.py')],
        env: { PYTHONUNBUFFERED: '1', LAMBDA_RUNTIME_DIR: join(root, 'python') },
      };
    case 'provided': {
      // A custom runtime may come in a layer: Lambda runs /opt/bootstrap when the package has none.
      const own = join(codeDir, 'bootstrap');
      const layered = optDir ? join(optDir, 'bootstrap') : undefined;
      const command = !existsSync(own) && layered && existsSync(layered) ? layered : own;
      return { command, args: [], env: { LAMBDA_RUNTIME_DIR: dirname(command) } };
    }
  }
}

/** The interpreter for a Python runtime: `NIMBUS_PYTHON_3_12` for python3.12 (and so on), else
 * `NIMBUS_PYTHON`, else the machine's `python3`, whatever version the runtime names. */
export function pythonFor(runtime: string): string {
  const specific = `NIMBUS_PYTHON_${runtime.replace(/^python/, '').replaceAll('.', '_')}`;
  return process.env[specific] ?? process.env.NIMBUS_PYTHON ?? 'python3';
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
