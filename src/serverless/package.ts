// Packaging a service as the Framework does: one zip for the service (or one per function with
// `individually`), holding the service directory's files after the default excludes, the service's and
// function's `patterns`, and without the devDependencies' node_modules; or the `artifact` a function
// names. Zips are deterministic (sorted entries, a fixed time), so unchanged code keeps its CodeSha256 and
// its version. https://www.serverless.com/framework/docs/providers/aws/guide/packaging

import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { type Zippable, zipSync } from 'fflate';
import { bundleHandler } from './bundle.js';
import type { Artifact, FunctionEntry, JsonObject } from './compilation.js';
import { isObject, serviceNameOf } from './compilation.js';
import { ServerlessError } from './errors.js';
import { applyPatterns } from './patterns.js';

const DEFAULT_EXCLUDES = [
  '.git/**',
  '.gitignore',
  '.DS_Store',
  'npm-debug.log',
  'yarn-*.log',
  '.serverless/**',
  '.serverless_plugins/**',
];

/** The DOS epoch: zip times cannot be earlier, and a fixed one keeps the bytes the same. */
const ZIP_TIME = new Date('1980-01-01T00:00:00Z');

export interface PackagedArtifact extends Artifact {
  /** The zip on disk. */
  readonly path: string;
}

export interface PackageOptions {
  readonly serviceDir: string;
  readonly config: JsonObject;
  readonly functions: readonly Pick<FunctionEntry, 'key' | 'config'>[];
  /** The configuration file's name, which is never packaged. */
  readonly configFile: string;
  /** Where zips are written: `.serverless/` in the service directory. */
  readonly outputDir: string;
  /** Bundle each handler with esbuild instead of zipping the directory (serverless-esbuild, or
   * serverless-plugin-typescript, listed in `plugins`). */
  readonly bundle?: boolean;
}

/** Packages every function; resolves to each function's artifact by key. */
export function packageFunctions(options: PackageOptions): Map<string, PackagedArtifact> {
  const servicePackage = isObject(options.config.package) ? options.config.package : {};
  const service = String(serviceNameOf(options.config));
  mkdirSync(options.outputDir, { recursive: true });
  const files = listFiles(options.serviceDir);
  const artifacts = new Map<string, PackagedArtifact>();
  let serviceArtifact: PackagedArtifact | undefined;
  let bundledArtifact: PackagedArtifact | undefined;
  for (const fn of options.functions) {
    const own = isObject(fn.config.package) ? fn.config.package : {};
    if (typeof own.artifact === 'string') {
      artifacts.set(fn.key, existingArtifact(options.serviceDir, own.artifact, fn.key));
      continue;
    }
    const individually = Boolean(own.individually || servicePackage.individually);
    if (typeof servicePackage.artifact === 'string' && !own.individually) {
      artifacts.set(fn.key, existingArtifact(options.serviceDir, servicePackage.artifact));
      continue;
    }
    // The bundlers bundle Node.js functions only; a Python function beside them is zipped as usual.
    if (options.bundle && isNodeFunction(options.config, fn)) {
      if (individually) artifacts.set(fn.key, writeBundle(options, [fn], `${fn.key}.zip`));
      else {
        bundledArtifact ??= writeBundle(
          options,
          options.functions.filter((other) => isNodeFunction(options.config, other)),
          `${service}.zip`,
        );
        artifacts.set(fn.key, bundledArtifact);
      }
      continue;
    }
    if (individually) {
      const patterns = patternsOf(options, [servicePackage.patterns, own.patterns]);
      artifacts.set(fn.key, writeZip(options, applyPatterns(files, patterns), `${fn.key}.zip`));
      continue;
    }
    serviceArtifact ??= writeZip(
      options,
      applyPatterns(files, patternsOf(options, [servicePackage.patterns])),
      `${service}.zip`,
    );
    artifacts.set(fn.key, serviceArtifact);
  }
  return artifacts;
}

/** Packages every layer declared under `layers` (its `path`'s files, after the default excludes and its
 * own patterns), or takes the `artifact` it names; by layer key. */
export function packageLayers(options: PackageOptions): Map<string, PackagedArtifact> {
  const layers = isObject(options.config.layers) ? options.config.layers : {};
  const artifacts = new Map<string, PackagedArtifact>();
  for (const [key, value] of Object.entries(layers)) {
    const layer = isObject(value) ? value : {};
    const own = isObject(layer.package) ? layer.package : {};
    if (typeof own.artifact === 'string') {
      artifacts.set(key, existingArtifact(options.serviceDir, own.artifact));
      continue;
    }
    if (typeof layer.path !== 'string')
      throw new ServerlessError(`Layer "${key}" needs a "path" (or package.artifact)`, 'LAYER_PATH_MISSING');
    const root = resolve(options.serviceDir, layer.path);
    const excludes = [...DEFAULT_EXCLUDES, options.configFile].map((pattern) => `!${pattern}`);
    const includes = Array.isArray(own.patterns) ? own.patterns.map(String) : [];
    const files = applyPatterns(listFiles(root), [...excludes, ...includes]);
    artifacts.set(key, writeZip({ ...options, serviceDir: root }, files, `${key}.zip`));
  }
  return artifacts;
}

/** The SHA-256 of a file, base64: Lambda's CodeSha256. */
export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('base64');
}

function patternsOf(options: PackageOptions, lists: unknown[]): string[] {
  const layers = isObject(options.config.layers) ? Object.values(options.config.layers) : [];
  const layerPaths = layers.flatMap((layer) =>
    isObject(layer) && typeof layer.path === 'string'
      ? [`${layer.path.replace(/^\.\//, '').replace(/\/$/, '')}/**`]
      : [],
  );
  const excludes = [...DEFAULT_EXCLUDES, options.configFile, ...layerPaths];
  const includes = lists.flatMap((list) => (Array.isArray(list) ? list.map(String) : []));
  // The devDependencies go last, as the Framework applies them: `patterns: ['node_modules/**']` does not
  // bring them back.
  const devDependencies = devDependencyExcludes(options.serviceDir);
  return [
    ...excludes.map((pattern) => `!${pattern}`),
    ...new Set(includes),
    ...devDependencies.map((p) => `!${p}`),
  ];
}

function isNodeFunction(config: JsonObject, fn: Pick<FunctionEntry, 'config'>): boolean {
  const provider = isObject(config.provider) ? config.provider : {};
  return String(fn.config.runtime ?? provider.runtime ?? 'nodejs24.x').startsWith('nodejs');
}

/** `node_modules/<name>/**` for each devDependency that is not also a dependency: what the Framework's
 * `excludeDevDependencies` leaves out (it asks npm for the whole tree; the direct list covers the
 * usual case, and a devDependency's own dependencies stay — listed as a gap). */
function devDependencyExcludes(serviceDir: string): string[] {
  const manifest = join(serviceDir, 'package.json');
  if (!existsSync(manifest)) return [];
  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const production = new Set(Object.keys(parsed.dependencies ?? {}));
  return Object.keys(parsed.devDependencies ?? {})
    .filter((name) => !production.has(name))
    .map((name) => `node_modules/${name}/**`);
}

function writeZip(options: PackageOptions, files: readonly string[], fileName: string): PackagedArtifact {
  const entries: Zippable = {};
  for (const file of [...files].sort()) {
    const path = join(options.serviceDir, file);
    const executable = (statSync(path).mode & 0o100) !== 0;
    entries[file] = [
      readFileSync(path),
      { mtime: ZIP_TIME, os: 3, attrs: (executable ? 0o100755 : 0o100644) << 16 },
    ];
  }
  return writeEntries(options, entries, fileName);
}

/** A zip of the functions' bundled handlers. */
function writeBundle(
  options: PackageOptions,
  functions: readonly Pick<FunctionEntry, 'key' | 'config'>[],
  fileName: string,
): PackagedArtifact {
  const provider = isObject(options.config.provider) ? options.config.provider : {};
  const bundles = new Map<string, Uint8Array>();
  for (const fn of functions) {
    if (typeof fn.config.handler !== 'string') continue;
    const runtime = String(fn.config.runtime ?? provider.runtime ?? 'nodejs24.x');
    const { path, contents } = bundleHandler(options.serviceDir, fn.config.handler, runtime);
    bundles.set(path, contents);
  }
  const entries: Zippable = {};
  for (const [path, contents] of [...bundles].sort(([a], [b]) => a.localeCompare(b)))
    entries[path] = [contents, { mtime: ZIP_TIME, os: 3, attrs: 0o100644 << 16 }];
  return writeEntries(options, entries, fileName);
}

function writeEntries(options: PackageOptions, entries: Zippable, fileName: string): PackagedArtifact {
  const zip = zipSync(entries, { level: 6 });
  const path = join(options.outputDir, fileName);
  writeFileSync(path, zip);
  return { path, fileName, sha256: createHash('sha256').update(zip).digest('base64') };
}

function existingArtifact(serviceDir: string, artifact: string, functionKey?: string): PackagedArtifact {
  const path = resolve(serviceDir, artifact);
  if (!existsSync(path))
    throw new ServerlessError(
      `Cannot access package artifact at "${artifact}"${functionKey ? ` (for "${functionKey}")` : ''}: no such file`,
      'INVALID_PACKAGE_ARTIFACT_PATH',
    );
  return { path, fileName: basename(path), sha256: sha256Of(path) };
}

/** Every file under the service directory, service-relative with `/`, following no symlinked directory
 * twice. */
function listFiles(root: string): string[] {
  const found: string[] = [];
  // Symlinked directories are followed (npm `file:` dependencies, workspaces, pnpm); a link back to one of
  // its own ancestors is not, or the walk would never end.
  const walk = (dir: string, ancestors: ReadonlySet<string>) => {
    const real = realpathSync(dir);
    if (ancestors.has(real)) return;
    const chain = new Set(ancestors).add(real);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      let kind: 'dir' | 'file' | undefined = entry.isDirectory()
        ? 'dir'
        : entry.isFile()
          ? 'file'
          : undefined;
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          kind = target.isDirectory() ? 'dir' : target.isFile() ? 'file' : undefined;
        } catch {
          continue; // a dangling link (an editor's lock file) is not part of the package
        }
      }
      if (kind === 'dir') {
        if (entry.name === '.serverless' || entry.name === '.git' || entry.name === '.nimbus') continue;
        walk(path, chain);
      } else if (kind === 'file') found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root, new Set());
  return found;
}
