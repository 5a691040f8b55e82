// Request validation by a method's request validator: required request parameters (`method.request.
// header.x`, `querystring.x`, `path.x` marked true) present and non-empty, else 400 "Missing required
// request parameters: [x, y]"; and with validateRequestBody, the body checked against the method's model
// for its Content-Type (a JSON Schema draft 4 subset, json-schema.ts), else 400 "Invalid request body".
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html

import type { GatewayError } from './gateway-response.js';
import { header, type Invocation } from './invocation.js';
import { schemaErrors } from './json-schema.js';

export function validateRequest(invocation: Invocation): GatewayError | undefined {
  const { method, snapshot } = invocation;
  const validator = method.requestValidatorId
    ? snapshot.validators.find((v) => v.id === method.requestValidatorId)
    : undefined;
  if (!validator) return undefined;
  if (validator.validateRequestParameters) {
    const missing: string[] = [];
    for (const [name, required] of Object.entries(method.requestParameters ?? {})) {
      const match = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(name);
      if (!required || !match) continue;
      const [, kind, key] = match as unknown as [string, string, string];
      const value =
        kind === 'header'
          ? header(invocation, key)
          : kind === 'querystring'
            ? invocation.query[key]?.at(-1)
            : invocation.pathParameters[key];
      if (value === undefined || value === '') missing.push(key);
    }
    if (missing.length > 0) {
      return {
        type: 'BAD_REQUEST_PARAMETERS',
        message: `Missing required request parameters: [${missing.join(', ')}]`,
      };
    }
  }
  if (validator.validateRequestBody) {
    const contentType = (header(invocation, 'content-type') ?? 'application/json').split(';')[0]!.trim();
    const models = method.requestModels ?? {};
    const modelName = models[contentType] ?? models.$default;
    const model = modelName ? snapshot.models.find((m) => m.name === modelName) : undefined;
    if (model?.schema && modelName !== 'Empty') {
      let body: unknown;
      try {
        body = JSON.parse(invocation.request.body.toString('utf8'));
      } catch {
        return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body' };
      }
      let schema: unknown;
      try {
        schema = JSON.parse(model.schema);
      } catch {
        schema = {};
      }
      if (schemaErrors(schema, body).length > 0)
        return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body' };
    }
  }
  return undefined;
}
