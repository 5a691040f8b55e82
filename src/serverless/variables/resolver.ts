// The engine that resolves every variable of a configuration in place, in the order and with the dependency
// tracking of the Serverless Framework v3 (so its circular-reference and missing-value reports come out the same).
//
// Each string holding variables is a pending property, keyed by its path (keys joined by NUL). All properties
// start together; a `${self:...}` lookup resolves the properties it passes through first, recording who waits on
// whom so that a cycle is reported instead of awaited. A resolved value holding variables again (a file's content,
// an env value `${...}`) is parsed and resolved in turn, at most 10 levels deep. See README.md.

import { atPath, Blocked, ResolutionError } from './errors.js';
import { isWholeValue, type Part, parseVariables, type Source, type Variable } from './parse.js';
import {
  coerceString,
  collect,
  Dependencies,
  isContainer,
  type Property,
  parsePieces,
  setAt,
} from './properties.js';

/** What a source is given: its resolved address and parameters, and ways back into the configuration. */
export interface SourceCall {
  readonly address: unknown;
  readonly params: readonly unknown[] | undefined;
  /** `self`: the fully resolved value at these keys of the configuration (undefined when absent). */
  resolveProperty(keys: readonly string[]): Promise<unknown>;
  /** `resolveVariable('env:X, null')` of a JavaScript file, resolved as part of the current property. */
  resolveVariable(text: string): Promise<unknown>;
  /** Resolves the variables inside a string (the file source does so for strings it walks through). */
  resolveVariablesInString(text: string): Promise<unknown>;
}
/** A variable source: its value, or null/undefined when it has none (the next fallback is then tried). */
export type SourceResolver = (call: SourceCall) => unknown;
export type SourceTable = Readonly<Record<string, SourceResolver>>;

type Outcome = 'resolved' | 'blocked' | 'failed';

export class Resolver {
  private readonly pending = new Map<string, Property>();
  private readonly running = new WeakMap<Property, Promise<void>>();
  private readonly dependencies = new Dependencies();
  private readonly depth = new Map<string, number>();
  /** Source types met with no resolver: the Framework's "Unrecognized configuration variable sources". */
  readonly unrecognized = new Set<string>();

  constructor(
    private readonly config: Record<string, unknown>,
    private readonly sources: SourceTable,
    private readonly isDeferred: (path: string) => boolean,
  ) {
    collect(Object.entries(config), [], this.pending);
  }

  /** Syntax errors found in the configuration as written (the Framework reports these before resolving). */
  syntaxErrors(): string[] {
    return [...this.pending.values()].flatMap((property) => (property.error ? [property.error.message] : []));
  }

  async run(): Promise<void> {
    await Promise.all(
      [...this.pending.keys()].map((path) =>
        this.isDeferred(path) ? undefined : this.resolveProperty(path),
      ),
    );
  }

  /** Each distinct error once, in configuration order; and whether variables remain unresolved. */
  outcome(): { errors: string[]; unresolved: boolean } {
    const errors = new Set<Error>();
    let unresolved = false;
    for (const [path, property] of this.pending) {
      if (property.error) errors.add(property.error);
      else if (!this.isDeferred(path)) unresolved = true; // deferred params of other stages stay as written
    }
    return { errors: [...errors].map((error) => error.message), unresolved };
  }

  private resolveProperty(path: string): Promise<void> {
    const property = this.pending.get(path);
    if (!property?.parts) return Promise.resolve();
    let run = this.running.get(property);
    if (!run) {
      run = this.settle(path, property);
      this.running.set(property, run);
    }
    return run;
  }

  private async settle(path: string, property: Property): Promise<void> {
    if ((await this.resolveParts(path, property)) !== 'resolved') return;
    const { value } = property;
    const keys = path.split('\0');
    let nested: Map<string, Property> | undefined;
    if (typeof value === 'string') {
      const parts = this.reparse(path, property);
      if (parts === undefined) return;
      if (parts) nested = new Map([[path, { value, parts, joined: property.pieces !== undefined }]]);
    } else if (isContainer(value)) {
      nested = collect(Object.entries(value), keys, new Map());
    }
    if (nested?.size) {
      const depth = (this.depth.get(path) ?? 0) + 1;
      if (depth > 10) {
        property.error = atPath(path, 'Excessive property variables nest depth');
        return;
      }
      for (const [inner, innerProperty] of nested) {
        this.depth.set(inner, depth);
        this.pending.set(inner, innerProperty);
      }
    }
    if (!nested?.has(path)) this.pending.delete(path);
    setAt(this.config, keys, value);
    if (!nested?.size) return;
    if (nested.has(path)) return this.resolveProperty(path);
    await Promise.all(
      [...nested.keys()].map((inner) => (this.isDeferred(inner) ? undefined : this.resolveProperty(inner))),
    );
  }

  /** The variables in a resolved string (undefined, with the error recorded, when they don't parse). */
  private reparse(path: string, meta: Property): Part[] | null | undefined {
    try {
      return meta.pieces ? parsePieces(meta.pieces) : parseVariables(meta.value as string);
    } catch (error) {
      const code = (error as { code?: string }).code;
      meta.error = atPath(path, `Approached variable syntax error in resolved value (${code})`);
      meta.value = undefined;
      return undefined;
    }
  }

  /** Resolves the variables of one string; joins the result (a whole-value variable keeps its type). */
  private async resolveParts(path: string, meta: Property): Promise<Outcome> {
    const parts = meta.parts ?? [];
    await Promise.all(
      parts.map(async (part) => {
        if (part.kind === 'escape' || part.resolved) return;
        await this.resolveVariable(path, part);
        if (part.error && !meta.error) meta.error = part.error;
      }),
    );
    if (meta.error) {
      meta.parts = undefined;
      return 'failed';
    }
    if (parts.some((part) => part.kind === 'variable' && !part.resolved)) return 'blocked';
    const text = meta.value as string;
    meta.parts = undefined;
    const [first] = parts;
    if (!meta.joined && first.kind === 'variable' && isWholeValue(text, parts)) {
      meta.value = first.value;
      return 'resolved';
    }
    const pieces: string[] = [];
    let last = 0;
    for (const part of parts) {
      const piece = part.kind === 'escape' ? part.text : coerceString(part.value);
      if (piece === null) {
        meta.error = atPath(path, 'String value consist of variable which resolve with non-string value');
        return 'failed';
      }
      pieces.push(text.slice(last, part.start), piece);
      last = part.end;
    }
    pieces.push(text.slice(last));
    meta.value = pieces.join('');
    meta.pieces = pieces;
    return 'resolved';
  }

  /** The first source with a value wins; a literal ends the chain; a source's error ends it too (no fallback). */
  private async resolveVariable(path: string, variable: Variable): Promise<void> {
    const { sources } = variable;
    for (const [index, source] of sources.entries()) {
      if (source.kind === 'literal') {
        variable.value = source.value;
        variable.resolved = true;
        return;
      }
      if (!this.sources[source.type]) {
        this.unrecognized.add(source.type);
        return;
      }
      let value: unknown;
      try {
        value = await this.resolveSource(path, source);
      } catch (error) {
        if (!(error instanceof Blocked)) variable.error = error as Error;
        return;
      }
      if (value != null) {
        variable.value = value;
        variable.resolved = true;
        return;
      }
      if (index === sources.length - 1) {
        variable.error = atPath(path, `Value not found at "${source.type}" source`);
      }
    }
  }

  private async resolveSource(path: string, source: Source & { kind: 'source' }): Promise<unknown> {
    const { params, address } = source;
    if (params)
      await Promise.all(params.map((param) => (param.parts ? this.resolveMeta(path, param) : null)));
    if (address?.parts) await this.resolveMeta(path, address);
    const call: SourceCall = {
      address: address?.value,
      params: params?.map((param) => param.value),
      resolveProperty: (keys) => this.resolveDependency(path, keys.map(String)),
      resolveVariable: (text) => this.resolveText(path, `\${${text}}`, true),
      resolveVariablesInString: (text) => this.resolveText(path, text, false),
    };
    let result: unknown;
    try {
      result = await this.sources[source.type](call);
    } catch (error) {
      if (error instanceof Blocked || error instanceof ResolutionError) throw error;
      throw atPath(path, error instanceof Error ? error.message : `Non-error exception: ${String(error)}`);
    }
    if (result === undefined) return null;
    const json = JSON.stringify(result);
    if (json === undefined) throw atPath(path, `Source "${source.type}" returned not supported result`);
    return JSON.parse(json);
  }

  /** A nested parameter or address, or a JavaScript file's `resolveVariable`: resolved through and through. */
  private async resolveMeta(path: string, meta: Property, nest = 10): Promise<void> {
    if (meta.parts) await this.resolveParts(path, meta);
    if (meta.error) throw meta.error;
    if (meta.parts) throw new Blocked();
    if (!nest) throw atPath(path, 'Excessive variables nest depth');
    const { value } = meta;
    if (typeof value === 'string') {
      const parts = this.reparse(path, meta);
      if (parts === undefined) throw meta.error;
      if (!parts) return;
      meta.parts = parts;
      meta.joined = meta.pieces !== undefined;
      meta.pieces = undefined;
      return this.resolveMeta(path, meta, nest - 1);
    }
    if (!isContainer(value)) return;
    for (const [key, inner] of collect(Object.entries(value), [], new Map())) {
      await this.resolveMeta(path, inner, nest - 1);
      setAt(value, key.split('\0'), inner.value);
    }
  }

  private async resolveText(path: string, text: string, isVariable: boolean): Promise<unknown> {
    if (typeof text !== 'string')
      throw new TypeError(`Expected a string for variableString, received ${text}`);
    const parts = parseVariables(text);
    if (!parts) {
      if (isVariable) throw new Error(`Invalid variable value: "${text}"`);
      return text;
    }
    const meta: Property = { value: text, parts };
    await this.resolveMeta(path, meta);
    return meta.value;
  }

  /** `${self:a.b}` from `path`: resolves what lies on the way and under the target first, refusing cycles. */
  private async resolveDependency(path: string, keys: readonly string[]): Promise<unknown> {
    let value: unknown = this.config;
    for (const [index, key] of keys.entries()) {
      if (value == null) return undefined;
      const on = keys.slice(0, index + 1).join('\0');
      if (this.pending.has(on)) {
        this.dependencies.add(path, on);
        await this.resolveProperty(on);
      }
      const waiting = this.pending.get(on);
      if (waiting) throw waiting.error ?? new Blocked();
      if (!Object.hasOwn(Object(value), key)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    if (value === null || typeof value !== 'object') return value;
    const prefix = keys.length ? `${keys.join('\0')}\0` : '';
    await Promise.all(
      [...this.pending.keys()].map(async (inner) => {
        if (!inner.startsWith(prefix)) return;
        this.dependencies.add(path, inner);
        await this.resolveProperty(inner);
        const waiting = this.pending.get(inner);
        if (waiting) throw waiting.error ?? new Blocked();
      }),
    );
    return value;
  }
}
