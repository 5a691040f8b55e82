// The errors of variable resolution, worded as the Serverless Framework v3 words them.

/** What `resolveConfiguration` and `loadServiceFile` throw; `errors` holds each problem on its own. */
export class ServerlessVariableError extends Error {
  override readonly name = 'ServerlessVariableError';
  readonly errors: readonly string[];
  constructor(message: string, errors: readonly string[] = [message]) {
    super(message);
    this.errors = errors;
  }
}

/** One variable's failure, already prefixed `Cannot resolve variable at "path": ...` (or a syntax error). */
export class ResolutionError extends Error {}

/** A variable waits on a source nobody can answer (an unrecognized type): it stays unresolved, not an error. */
export class Blocked extends Error {
  constructor() {
    super('Cannot resolve variable');
  }
}

/** A source's own complaint (`Missing address argument in variable "env" source`), prefixed by the resolver. */
export class SourceError extends Error {}

/** `provider.environment.X` for the path keys the resolver uses internally. */
export function humanize(path: string): string {
  return path.split('\0').join('.');
}

/** `Cannot resolve variable at "path": detail` */
export function atPath(path: string, detail: string): ResolutionError {
  return new ResolutionError(`Cannot resolve variable at "${humanize(path)}": ${detail}`);
}

/** The Framework's summary: `Cannot resolve serverless.yml: Variables resolution errored with:\n  - a,\n  - b`. */
export function resolutionFailed(fileName: string, errors: readonly string[]): ServerlessVariableError {
  // The Framework interpolates an array of lines, so the lines end up joined by commas.
  const lines = errors.map((message) => `\n  - ${message}`).join(',');
  return new ServerlessVariableError(
    `Cannot resolve ${fileName}: Variables resolution errored with:${lines}`,
    errors,
  );
}
