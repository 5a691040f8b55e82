// Local code paths in a SAM template made absolute before `nimbus deploy` sends it: the server reads a
// TemplateBody with no directory of its own, so `CodeUri: ./src` must name the directory beside the
// template, as `sam deploy` resolves it (and as `sam package` rewrites it, to S3 there).

import { isAbsolute, resolve } from 'node:path';
import { parseTemplate, SERVERLESS } from '../services/cloudformation/template/parse.js';

const CODE_PROPERTIES = ['CodeUri', 'ContentUri'];

/** The template with its relative local CodeUri/ContentUri paths resolved against `directory`, as JSON;
 * the body unchanged when it has none (or is not a SAM template). */
export function withAbsoluteCodePaths(body: string, directory: string): string {
  const template = parseTemplate(body) as ReturnType<typeof parseTemplate> & {
    Globals?: Record<string, Record<string, unknown>>;
  };
  const transforms = [template.Transform ?? []].flat();
  if (!transforms.includes(SERVERLESS)) return body;
  let changed = false;
  const fix = (properties: Record<string, unknown> | undefined) => {
    if (!properties) return;
    for (const name of CODE_PROPERTIES) {
      const value = properties[name];
      if (typeof value !== 'string' || value.startsWith('s3://') || isAbsolute(value)) continue;
      properties[name] = resolve(directory, value);
      changed = true;
    }
  };
  for (const resource of Object.values(template.Resources)) fix(resource.Properties);
  for (const section of Object.values(template.Globals ?? {})) fix(section);
  return changed ? JSON.stringify(template) : body;
}
