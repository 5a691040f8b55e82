// CreateResource, GetResource(s) (with `embed=methods` the methods whole, else each as `{}`),
// UpdateResource (pathPart, parentId) and DeleteResource (its descendants with it; never the root). Path
// parts are literals, one `{variable}` among siblings, or a greedy `{proxy+}` that has no children.
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateResource.html
// https://docs.aws.amazon.com/apigateway/latest/api/API_GetResources.html

import * as model from '../../../core/generated/apigateway.js';
import type { RequestContext } from '../../../core/service.js';
import type { ResourceDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../names.js';
import { applyPatch } from '../patch.js';
import { type Engine, operation, page } from './operation.js';

const PATH_PART = /^(?:[A-Za-z0-9\-._~:@!$&'()*+,;=]+|\{[A-Za-z0-9._-]+\+?\})$/;

export const createResource = operation({
  http: model.operations.CreateResource.http,
  input: model.CreateResourceRequest,
  output: model.Resource,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    const parent = requireResource(engine, input.restApiId, input.parentId, ctx);
    const siblings = engine.children(input.restApiId, 'resource').filter((r) => r.parentId === parent.id);
    checkPathPart(input.pathPart, parent, siblings);
    const resource: ResourceDoc = {
      id: newId(6),
      parentId: parent.id,
      pathPart: input.pathPart,
      path: `${parent.path === '/' ? '' : parent.path}/${input.pathPart}`,
    };
    engine.insertChild(input.restApiId, 'resource', resource.id, resource);
    return resource;
  },
});

export const getResource = operation({
  http: model.operations.GetResource.http,
  input: model.GetResourceRequest,
  output: model.Resource,
  run: (input, engine, ctx) =>
    describeResource(requireResource(engine, input.restApiId, input.resourceId, ctx), input.embed),
});

export const getResources = operation({
  http: model.operations.GetResources.http,
  input: model.GetResourcesRequest,
  output: model.Resources,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    const resources = engine.children(input.restApiId, 'resource');
    return page(
      resources.map((resource) => describeResource(resource, input.embed)),
      input,
    );
  },
});

export const updateResource = operation({
  http: model.operations.UpdateResource.http,
  input: model.UpdateResourceRequest,
  output: model.Resource,
  run: (input, engine, ctx) => {
    const current = requireResource(engine, input.restApiId, input.resourceId, ctx);
    if (current.path === '/') throw badRequest('Cannot update the root resource');
    const changed = applyPatch(current, input.patchOperations, { pathPart: 'string', parentId: 'string' });
    const all = engine.children(input.restApiId, 'resource');
    const parent = all.find((r) => r.id === changed.parentId);
    if (!parent) throw notFound('Resource');
    const siblings = all.filter((r) => r.parentId === parent.id && r.id !== current.id);
    checkPathPart(changed.pathPart ?? '', parent, siblings);
    engine.store.transaction(() => {
      // A move or rename changes the path of every descendant.
      const paths = new Map([[parent.id, parent.path]]);
      const renamed = { ...changed, path: `${parent.path === '/' ? '' : parent.path}/${changed.pathPart}` };
      engine.saveChild(input.restApiId, 'resource', current.id, renamed);
      paths.set(current.id, renamed.path);
      for (const resource of descendants(all, current.id)) {
        const path = `${paths.get(resource.parentId!)}/${resource.pathPart}`;
        paths.set(resource.id, path);
        engine.saveChild(input.restApiId, 'resource', resource.id, { ...resource, path });
      }
    });
    return describeResource(requireResource(engine, input.restApiId, current.id, ctx), undefined);
  },
});

export const deleteResource = operation({
  http: model.operations.DeleteResource.http,
  input: model.DeleteResourceRequest,
  run: (input, engine, ctx) => {
    const resource = requireResource(engine, input.restApiId, input.resourceId, ctx);
    if (resource.path === '/') throw badRequest('Cannot delete the root resource');
    const all = engine.children(input.restApiId, 'resource');
    engine.store.transaction(() => {
      for (const child of [resource, ...descendants(all, resource.id)]) {
        engine.deleteChild(input.restApiId, 'resource', child.id);
      }
    });
    return {};
  },
});

/** The API's resource, or NotFoundException (for an unknown API, the API's). */
export function requireResource(
  engine: Engine,
  restApiId: string,
  resourceId: string,
  ctx: Pick<RequestContext, 'account' | 'region'>,
): ResourceDoc {
  engine.requireApi(restApiId, ctx);
  const resource = engine.child(restApiId, 'resource', resourceId);
  if (!resource) throw notFound('Resource');
  return resource;
}

/** As GetResource describes it: methods whole with `embed=methods`, else each as `{}`. */
export function describeResource(resource: ResourceDoc, embed: readonly string[] | undefined): ResourceDoc {
  if (!resource.resourceMethods || Object.keys(resource.resourceMethods).length === 0) {
    const { resourceMethods, ...rest } = resource;
    return rest;
  }
  if (embed?.some((value) => value.split(',').includes('methods'))) return resource;
  const summary = Object.fromEntries(Object.keys(resource.resourceMethods).map((method) => [method, {}]));
  return { ...resource, resourceMethods: summary as ResourceDoc['resourceMethods'] };
}

function checkPathPart(pathPart: string, parent: ResourceDoc, siblings: readonly ResourceDoc[]): void {
  if (!PATH_PART.test(pathPart)) {
    throw badRequest(
      "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
    );
  }
  if (parent.pathPart?.endsWith('+}')) {
    throw badRequest(`Cannot create a child of a resource with a greedy path variable: ${parent.pathPart}`);
  }
  if (siblings.some((sibling) => sibling.pathPart === pathPart)) {
    throw conflict(`Another resource with the same parent already has this name: ${pathPart}`);
  }
  const variable = siblings.find((sibling) => sibling.pathPart?.startsWith('{'));
  if (pathPart.startsWith('{') && variable) {
    throw badRequest(
      `A sibling (${variable.pathPart}) of this resource already has a variable path part -- only one is allowed`,
    );
  }
}

/** Every resource under `id`, parents before their children. */
function descendants(all: readonly ResourceDoc[], id: string): ResourceDoc[] {
  const out: ResourceDoc[] = [];
  const queue = [id];
  while (queue.length > 0) {
    const parentId = queue.shift()!;
    for (const resource of all) {
      if (resource.parentId === parentId) {
        out.push(resource);
        queue.push(resource.id);
      }
    }
  }
  return out;
}
