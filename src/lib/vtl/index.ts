// Velocity Template Language, as the services that take mapping templates render them (API Gateway's
// integration request and response templates; AppSync's resolvers): the `velocityjs` engine with parsed
// templates kept, and nothing of any service — each caller puts its own variables (`$input`, `$util`,
// `$context`, …) in the context it renders with.
// https://velocity.apache.org/engine/1.7/user-guide.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html

import { Compile, parse } from 'velocityjs';

type Ast = ReturnType<typeof parse>;
type CompileConfig = NonNullable<ConstructorParameters<typeof Compile>[1]>;

/** What a dialect adds to plain Velocity (AppSync: `#return` as a macro, Java methods on values). */
export interface RenderOptions {
  /** Directives called as `#name(args)`: velocityjs runs an unknown macro call as the function of that name. */
  readonly macros?: Record<string, (...args: never[]) => unknown>;
  /** Methods tried before velocityjs's own on every `$value.method(...)`. */
  readonly methods?: CompileConfig['customMethodHandlers'];
}

/** Parsed templates by their text: a stage serves the same few templates on every request. */
const parsed = new Map<string, Ast>();
const MAX_CACHED = 500;

/** A template that does not parse, or whose rendering threw: each caller answers it its own way. */
export class TemplateError extends Error {
  /** Where parsing failed (1-based line, 0-based column as velocityjs counts), when known. */
  line?: number;
  column?: number;
}

/** The template rendered with `context`'s names as its variables (`{ input }` is `$input`). Values are
 * written as they are (no HTML escaping); a reference to nothing is written as written (`$missing`) and
 * `$!missing` as nothing, as Velocity does. */
export function renderTemplate(
  template: string,
  context: Record<string, unknown>,
  options: RenderOptions = {},
): string {
  let ast = parsed.get(template);
  if (!ast) {
    try {
      ast = parse(template);
    } catch (error) {
      const problem = new TemplateError(`Invalid mapping template: ${(error as Error).message}`);
      // jison's parse errors carry the failing token's location in `hash.loc`.
      const loc = (error as { hash?: { loc?: { first_line?: number; first_column?: number } } }).hash?.loc;
      if (loc) {
        problem.line = loc.first_line;
        problem.column = loc.first_column;
      }
      throw problem;
    }
    if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value as string);
    parsed.set(template, ast);
  }
  try {
    const config = options.methods
      ? { escape: false, customMethodHandlers: options.methods }
      : { escape: false };
    return new Compile(ast, config).render(context, options.macros ? { ...options.macros } : undefined);
  } catch (error) {
    // A dialect's own signals (AppSync's $util.error, #return) are not Errors: they pass through as thrown.
    if (!(error instanceof Error)) throw error;
    throw new TemplateError(`Mapping template failed: ${(error as Error).message}`);
  }
}

/** `$util` members that every AWS template dialect has alike (API Gateway's and AppSync's). */
export const commonUtil = {
  escapeJavaScript: (text: unknown): string =>
    JSON.stringify(String(text ?? ''))
      .slice(1, -1)
      // API Gateway escapes single quotes too ("Escapes the characters in a string using JavaScript string rules").
      .replace(/'/g, "\\'"),
  urlEncode: (text: unknown): string => encodeURIComponent(String(text ?? '')),
  urlDecode: (text: unknown): string => {
    try {
      return decodeURIComponent(String(text ?? '').replace(/\+/g, ' '));
    } catch {
      return String(text ?? '');
    }
  },
  base64Encode: (text: unknown): string => Buffer.from(String(text ?? ''), 'utf8').toString('base64'),
  base64Decode: (text: unknown): string => Buffer.from(String(text ?? ''), 'base64').toString('utf8'),
  parseJson: (text: unknown): unknown => JSON.parse(String(text)),
};
