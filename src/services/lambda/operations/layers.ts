// PublishLayerVersion, GetLayerVersion, GetLayerVersionByArn, ListLayerVersions, ListLayers,
// DeleteLayerVersion. https://docs.aws.amazon.com/lambda/latest/api/API_PublishLayerVersion.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/lambda.js';
import type { RequestContext } from '../../../core/service.js';
import { HOT_RELOAD_BUCKET } from '../code.js';
import { type LayerRef, type LayerVersion, parseLayerArn } from '../layers.js';
import { operation } from './operation.js';
import { page } from './paging.js';

export const publishLayerVersion = operation({
  http: model.operations.PublishLayerVersion.http,
  input: model.PublishLayerVersionRequest,
  run: async (input, lambda, ctx) => {
    const ref = layerRef(input.LayerName, ctx);
    if (input.Content.S3Bucket === HOT_RELOAD_BUCKET) {
      throw new ServiceError('InvalidParameterValueException', 'Layers cannot be hot-reload directories.');
    }
    const stored = await lambda.acceptCode(input.Content, ctx.account, ctx.region, lambda.layers.code);
    return lambda.layers.publish(ref, input, stored);
  },
});

export const getLayerVersion = operation({
  http: model.operations.GetLayerVersion.http,
  input: model.GetLayerVersionRequest,
  run: (input, lambda, ctx) =>
    JSON.parse(lambda.layers.require(layerRef(input.LayerName, ctx), input.VersionNumber).config),
});

export const getLayerVersionByArn = operation({
  http: model.operations.GetLayerVersionByArn.http,
  input: model.GetLayerVersionByArnRequest,
  run: (input, lambda) => {
    const parsed = parseLayerArn(input.Arn);
    if (!parsed || parsed.version === undefined) throw notFound();
    return JSON.parse(lambda.layers.require(parsed, parsed.version).config);
  },
});

export const listLayerVersions = operation({
  http: model.operations.ListLayerVersions.http,
  input: model.ListLayerVersionsRequest,
  run: (input, lambda, ctx) => {
    const matching = lambda.layers.versions(layerRef(input.LayerName, ctx)).filter(matches(input));
    const { items, next } = page(matching, input, (v) => v.LayerVersionArn);
    return { LayerVersions: items.map(listItem), NextMarker: next };
  },
});

export const listLayers = operation({
  http: model.operations.ListLayers.http,
  input: model.ListLayersRequest,
  run: (input, lambda, ctx) => {
    // Each name once, with its newest version matching the filters (versions come newest first).
    const latest = new Map<string, LayerVersion>();
    for (const version of lambda.layers.all(ctx.account, ctx.region).filter(matches(input))) {
      if (!latest.has(version.LayerArn)) latest.set(version.LayerArn, version);
    }
    const { items, next } = page([...latest.values()], input, (v) => v.LayerArn);
    return {
      Layers: items.map((v) => ({
        LayerName: v.LayerArn.split(':').pop(),
        LayerArn: v.LayerArn,
        LatestMatchingVersion: listItem(v),
      })),
      NextMarker: next,
    };
  },
});

export const deleteLayerVersion = operation({
  http: model.operations.DeleteLayerVersion.http,
  input: model.DeleteLayerVersionRequest,
  run: (input, lambda, ctx) => {
    lambda.layers.delete(layerRef(input.LayerName, ctx), input.VersionNumber);
    return undefined;
  },
});

/** A LayerName parameter (a name or a layer ARN) in the caller's account and region. */
export function layerRef(nameOrArn: string, ctx: RequestContext): LayerRef {
  if (!nameOrArn.startsWith('arn:')) return { account: ctx.account, region: ctx.region, name: nameOrArn };
  const parsed = parseLayerArn(nameOrArn);
  if (!parsed) throw notFound();
  return parsed;
}

function matches(filter: { CompatibleRuntime?: string; CompatibleArchitecture?: string }) {
  return (v: LayerVersion) =>
    (filter.CompatibleRuntime === undefined ||
      (v.CompatibleRuntimes ?? []).includes(filter.CompatibleRuntime)) &&
    (filter.CompatibleArchitecture === undefined ||
      (v.CompatibleArchitectures ?? []).includes(filter.CompatibleArchitecture));
}

/** A version as the list operations show it: everything but its content. */
function listItem({ Content, LayerArn, ...item }: LayerVersion): Omit<LayerVersion, 'Content' | 'LayerArn'> {
  return item;
}

function notFound(): ServiceError {
  return new ServiceError('ResourceNotFoundException', 'The resource you requested does not exist.', {
    status: 404,
  });
}
