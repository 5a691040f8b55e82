// The configuration as the resolver sees it: pending string properties keyed by path, and how values are joined
// and written back.

import type { Meta, Part } from './ast.js';
import { humanize, ResolutionError, SourceError } from './errors.js';
import { parseVariables } from './parse.js';

export interface Property extends Meta {
  error?: Error;
  /** The pieces a concatenated value was joined from: re-parsed one by one, so joining never forms a variable. */
  pieces?: string[];
  joined?: boolean;
}

/** Registers every string holding variables (or a syntax error) under `keys`, depth first. */
export function collect(
  entries: [string, unknown][],
  keys: string[],
  into: Map<string, Property>,
): Map<string, Property> {
  for (const [key, value] of entries) {
    const path = [...keys, key];
    if (isContainer(value)) collect(Object.entries(value), path, into);
    else if (typeof value === 'string') {
      try {
        const parts = parseVariables(value);
        if (parts) into.set(path.join('\0'), { value, parts });
      } catch (error) {
        const message = `Variable syntax error at "${path.join('.')}": ${(error as Error).message}`;
        into.set(path.join('\0'), { value, error: new ResolutionError(message) });
      }
    }
  }
  return into;
}

/** Parses each piece of a joined value on its own, positions shifted to the joined string. */
export function parsePieces(pieces: readonly string[]): Part[] | null {
  const all: Part[] = [];
  let offset = 0;
  for (const piece of pieces) {
    for (const part of parseVariables(piece) ?? []) {
      all.push({ ...part, start: part.start + offset, end: part.end + offset });
    }
    offset += piece.length;
  }
  return all.length ? all : null;
}

export function isContainer(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The Framework joins strings, numbers, booleans and arrays (`1,2`) into a string, never objects or null. */
export function coerceString(value: unknown): string | null {
  if (value == null || (typeof value === 'object' && !Array.isArray(value))) return null;
  return String(value);
}

export function setAt(root: unknown, keys: readonly string[], value: unknown): void {
  let target = root;
  for (const key of keys.slice(0, -1)) {
    if (!isContainer(target) || !Object.hasOwn(target, key)) return;
    target = target[key];
  }
  if (isContainer(target))
    Object.defineProperty(target, keys[keys.length - 1], {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

/** Who waits on whom during `${self:...}` look-ups: a new edge closing a cycle is refused with the Framework's words. */
export class Dependencies {
  private readonly edges = new Map<string, Set<string>>();

  add(dependent: string, dependency: string): void {
    this.checkCycle(dependent, dependency);
    const set = this.edges.get(dependent) ?? new Set<string>();
    set.add(dependency);
    this.edges.set(dependent, set);
  }

  private checkCycle(dependent: string, dependency: string): void {
    if (dependent === dependency) {
      throw new SourceError(`Circular reference. "${humanize(dependent)}" refers to itself`);
    }
    const further = this.edges.get(dependency);
    if (!further) return;
    if (further.has(dependent)) {
      throw new SourceError(
        `Circular reference among "${humanize(dependent)}" and "${humanize(dependency)}" properties`,
      );
    }
    for (const next of further) this.checkCycle(dependent, next);
  }
}
