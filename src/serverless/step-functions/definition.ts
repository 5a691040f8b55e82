// A state machine's `definition` as serverless-step-functions writes it into DefinitionString: the
// definition as indented JSON, each CloudFormation intrinsic inside it lifted into an `Fn::Sub` variable
// named by the MD5 of the intrinsic, `#{AWS::Region}`-style pseudo parameters turned into `${…}`, and a
// `Ref` to one of the service's functions inlined as that function's ARN (which is what a Task needs; a
// Ref would give its name). https://github.com/serverless-operations/serverless-step-functions#readme
/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings use ${} */

import { createHash } from 'node:crypto';
import { type Compilation, isObject, type Json, type JsonObject } from '../compilation.js';
import { naming } from '../naming.js';

export function definitionString(compilation: Compilation, definition: Json): Json {
  if (typeof definition === 'string') return JSON.stringify(definition).replace(/\\n|\\r|\\n\\r/g, '');
  const copy = structuredClone(definition);
  const lifted = liftIntrinsics(copy);
  const { text, replaced } = pseudoParameters(JSON.stringify(copy, undefined, 2));
  if (lifted.length === 0) return replaced ? { 'Fn::Sub': text } : text;
  let body = text;
  // A Wait state's Seconds must stay a number once substituted: its variable is written without quotes.
  for (const { name, unquoted } of lifted)
    if (unquoted) body = body.replaceAll(`"\${${name}}"`, `\${${name}}`);
  const variables: JsonObject = {};
  for (const { name, value } of lifted) {
    const translated = localFunctionReference(compilation, value);
    const fn = referencedFunction(compilation, translated);
    if (fn)
      body = body.replaceAll(
        `\${${name}}`,
        `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${fn.name}`,
      );
    else variables[name] = translated;
  }
  return Object.keys(variables).length === 0 ? { 'Fn::Sub': body } : { 'Fn::Sub': [body, variables] };
}

/** `Ref`/`Fn::GetAtt` naming a function by its key (`hello`) instead of its logical id, translated to the
 * logical id (`HelloLambdaFunction`), unless a resource has that very name. */
export function localFunctionReference(compilation: Compilation, value: Json): Json {
  if (!isObject(value)) return value;
  const translate = (id: Json): Json => {
    if (typeof id !== 'string' || id in compilation.resources) return id;
    return compilation.functions.some((fn) => fn.key === id) ? naming.functionLogicalId(id) : id;
  };
  if ('Ref' in value) return { Ref: translate(value.Ref!) };
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return { 'Fn::GetAtt': [translate(getAtt[0]!), getAtt[1]!] };
  return value;
}

/** The service's function a `Ref` names (by key or logical id), whose ARN can be written out statically. */
export function referencedFunction(compilation: Compilation, value: Json) {
  if (!isObject(value) || typeof value.Ref !== 'string') return undefined;
  const ref = value.Ref;
  return compilation.functions.find((fn) => fn.key === ref || naming.functionLogicalId(fn.key) === ref);
}

export function isIntrinsic(value: Json | undefined): value is JsonObject {
  return isObject(value) && Object.keys(value).some((key) => key.startsWith('Fn::') || key === 'Ref');
}

interface Lifted {
  readonly name: string;
  readonly value: Json;
  readonly unquoted: boolean;
}

/** Replaces every intrinsic in `node` with `${<md5 of it>}`, depth first, returning what it replaced. */
function liftIntrinsics(node: Json): Lifted[] {
  const lifted: Lifted[] = [];
  const visit = (value: Json) => {
    if (Array.isArray(value)) {
      value.forEach((element, index) => {
        if (isIntrinsic(element)) {
          const name = md5(element);
          value[index] = `\${${name}}`;
          lifted.push({ name, value: element, unquoted: false });
        } else visit(element);
      });
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (isIntrinsic(child)) {
          const name = md5(child);
          value[key] = `\${${name}}`;
          lifted.push({ name, value: child, unquoted: value.Type === 'Wait' && key === 'Seconds' });
        } else visit(child);
      }
    }
  };
  visit(node);
  return lifted;
}

function pseudoParameters(text: string): { text: string; replaced: boolean } {
  const pattern = /#{([^}]+)}/g;
  return pattern.test(text)
    ? { text: text.replace(pattern, '${$1}'), replaced: true }
    : { text, replaced: false };
}

function md5(value: Json): string {
  return createHash('md5').update(JSON.stringify(value)).digest('hex');
}
