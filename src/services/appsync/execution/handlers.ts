// Which runtime a resolver or function's handlers run in, and the checks AppSync makes when one is
// created: APPSYNC_JS needs code (and no templates), VTL takes templates (a Lambda data source may go
// without them: a direct Lambda resolver).
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-overview-js.html
// https://docs.aws.amazon.com/appsync/latest/devguide/direct-lambda-reference.html

import { ServiceError } from '../../../core/errors.js';
import type { FunctionDoc, ResolverDoc } from '../documents.js';
import { badRequest } from '../errors.js';
import { jsRuntime } from '../resolvers/js/index.js';
import { vtlRuntime } from '../resolvers/vtl/index.js';

export function isJavaScript(doc: Pick<ResolverDoc, 'runtime'>): boolean {
  return doc.runtime?.name === 'APPSYNC_JS';
}

export function checkHandlers(doc: ResolverDoc | FunctionDoc): void {
  if (doc.runtime) {
    if (doc.runtime.name !== 'APPSYNC_JS') throw badRequest(`Unsupported runtime name: ${doc.runtime.name}.`);
    if (doc.runtime.runtimeVersion !== '1.0.0') {
      throw badRequest(`Unsupported runtime version: ${doc.runtime.runtimeVersion}.`);
    }
    if (!doc.code) throw badRequest('Code is required when a runtime is specified.');
    if (doc.requestMappingTemplate || doc.responseMappingTemplate) {
      throw badRequest('Mapping templates are not supported with the APPSYNC_JS runtime.');
    }
    const checked = jsRuntime.check(doc.code);
    if (!checked.ok) throw new ServiceError('BadRequestException', checked.message, codeErrorFields(checked));
  } else if (doc.code) {
    throw badRequest('A runtime is required when code is specified.');
  } else {
    for (const template of [doc.requestMappingTemplate, doc.responseMappingTemplate]) {
      const checked = template ? vtlRuntime.check(template) : { ok: true as const };
      if (!checked.ok) throw badRequest(checked.message);
    }
  }
}

/** AppSync names each problem of refused code in `detail.codeErrors`. */
function codeErrorFields(checked: { codeErrors?: readonly unknown[] }) {
  return checked.codeErrors
    ? { fields: { reason: 'CODE_ERROR', detail: { codeErrors: checked.codeErrors } } }
    : {};
}
