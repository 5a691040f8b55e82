// What several event compilers share: the Framework's configuration errors, the invoke permission an
// event source needs, and the way its older compilers build rules (by pasting values into JSON text).

import {
  type FunctionEntry,
  isObject,
  type Json,
  type JsonObject,
  type TemplateResource,
} from '../compilation.js';
import { ServerlessError } from '../errors.js';

/** `functions.hello.events.0.sqs`: where the Framework's schema errors point. */
export function eventPath(fn: FunctionEntry, position: number, type: string): string {
  return `functions.${fn.key}.events.${position - 1}.${type}`;
}

/** The Framework validates its configuration schema (mode `error` by default) and refuses a property an
 * event does not declare; Nimbus has no schema validator, so each compiler checks its own keys. */
export function rejectUnknownProperties(options: JsonObject, known: readonly string[], path: string): void {
  for (const key of Object.keys(options))
    if (!known.includes(key)) throw schemaError(path, `unrecognized property '${key}'`);
}

export function schemaError(path: string, detail: string): ServerlessError {
  return new ServerlessError(
    `Configuration error at '${path}': ${detail}`,
    'INVALID_NON_SCHEMA_COMPLIANT_CONFIGURATION',
  );
}

/** The value the Framework ends up with for a string it writes between quotes into a JSON text and
 * parses back (schedule and cloudwatchEvent rules are built that way): escapes in it are decoded, and a
 * string that breaks the JSON breaks the build, as it does there. */
export function pasted(text: string, path: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    throw schemaError(path, `the Framework cannot write ${JSON.stringify(text)} into its template`);
  }
}

/** `input` as those rules carry it: an object as its JSON, and its quotes escaped before pasting (so
 * they survive as quotes). */
export function pastedInput(input: Json, path: string, dropEscapedNewlines = false): string {
  let text = typeof input === 'string' ? input : JSON.stringify(input);
  text = text.replace(/"/g, '\\"');
  if (dropEscapedNewlines) text = text.replace(/\\[nr]/g, '');
  return pasted(text, path);
}

/** `inputTransformer: { inputTemplate, inputPathsMap }` as a rule target's InputTransformer. */
export function inputTransformerOf(transformer: Json | undefined): JsonObject | undefined {
  if (!isObject(transformer)) return undefined;
  const result: JsonObject = { InputTemplate: transformer.inputTemplate! };
  if (transformer.inputPathsMap) result.InputPathsMap = transformer.inputPathsMap;
  return result;
}

/** The right of an AWS service to invoke the function (or its alias), for one source. */
export function invokePermission(
  target: Json,
  principal: Json,
  sourceArn: Json,
  dependsOn: string | undefined,
): TemplateResource {
  return {
    Type: 'AWS::Lambda::Permission',
    ...(dependsOn ? { DependsOn: dependsOn } : {}),
    Properties: {
      FunctionName: target,
      Action: 'lambda:InvokeFunction',
      Principal: principal,
      SourceArn: sourceArn,
    },
  };
}

/** How many of `values` are set, for the "only one of input, inputPath, inputTransformer" rules. */
export function countSet(...values: (Json | undefined)[]): number {
  return values.filter(Boolean).length;
}
