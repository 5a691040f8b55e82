// TagResource, UntagResource, ListTags on functions and event source mappings (by ARN).
// https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/lambda.js';
import type { RequestContext } from '../../../core/service.js';
import type { Lambda } from '../lambda.js';
import { parseFunctionName } from '../names.js';
import { operation } from './operation.js';

const MAX_TAGS = 50;

export const tagResource = operation({
  http: model.operations.TagResource.http,
  input: model.TagResourceRequest,
  run: (input, lambda, ctx) => {
    const { tags, save } = tagsOf(lambda, ctx, input.Resource);
    const next = { ...tags, ...input.Tags };
    if (Object.keys(next).length > MAX_TAGS) {
      throw new ServiceError(
        'InvalidParameterValueException',
        `Number of tags exceeds resource tag limit of ${MAX_TAGS}.`,
      );
    }
    save(next);
    return undefined;
  },
});

export const untagResource = operation({
  http: model.operations.UntagResource.http,
  input: model.UntagResourceRequest,
  run: (input, lambda, ctx) => {
    const { tags, save } = tagsOf(lambda, ctx, input.Resource);
    for (const key of input.TagKeys) delete tags[key];
    save(tags);
    return undefined;
  },
});

export const listTags = operation({
  http: model.operations.ListTags.http,
  input: model.ListTagsRequest,
  run: (input, lambda, ctx) => ({ Tags: tagsOf(lambda, ctx, input.Resource).tags }),
});

function tagsOf(
  lambda: Lambda,
  ctx: RequestContext,
  arn: string,
): { tags: Record<string, string>; save: (tags: Record<string, string>) => void } {
  if (!arn.startsWith('arn:')) {
    throw new ServiceError(
      'ValidationException',
      `1 validation error detected: Value '${arn}' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:[a-zA-Z0-9-_]+|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`,
    );
  }
  const mapping = /:event-source-mapping:([0-9a-f-]{36})$/.exec(arn);
  if (mapping) {
    const uuid = mapping[1]!;
    // Throws the mapping's not-found error for an unknown one.
    lambda.mappings.get(uuid);
    const row = lambda.sql.getMapping.get(uuid) as { tags: string };
    return {
      tags: JSON.parse(row.tags),
      save: (tags) => lambda.sql.setMappingTags.run(JSON.stringify(tags), uuid),
    };
  }
  const ref = parseFunctionName(arn, ctx);
  const fn = lambda.functions.require(ref);
  return {
    tags: JSON.parse(fn.tags) as Record<string, string>,
    save: (tags) => lambda.sql.setTags.run(JSON.stringify(tags), ref.account, ref.region, ref.name),
  };
}
