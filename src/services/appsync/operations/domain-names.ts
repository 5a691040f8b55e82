// CreateDomainName, GetDomainName, UpdateDomainName, DeleteDomainName, ListDomainNames, and the API a
// domain serves (AssociateApi, GetApiAssociation, DisassociateApi). Nimbus stores the configuration so
// templates and clients read back what they set; requests to the custom domain itself are not routed
// (clients keep using the API's own GraphQL URL). The CloudFront name and hosted zone are AWS's forms.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateDomainName.html
// https://docs.aws.amazon.com/appsync/latest/devguide/custom-domain-name.html

import { createHash } from 'node:crypto';
import * as model from '../../../core/generated/appsync.js';
import { badRequest, notFound } from '../errors.js';
import { type Engine, operation, page } from './operation.js';

/** CloudFront's hosted zone, which every AppSync custom domain's alias target is in. */
const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';

interface DomainDoc {
  domainName: string;
  description?: string;
  certificateArn: string;
  appsyncDomainName: string;
  hostedZoneId: string;
  tags?: Record<string, string>;
  domainNameArn: string;
  apiAssociation?: {
    domainName: string;
    apiId: string;
    associationStatus: string;
    deploymentDetail?: string;
  };
}

type Where = { account: string; region: string };

export const createDomainName = operation({
  http: model.operations.CreateDomainName.http,
  input: model.CreateDomainNameRequest,
  output: model.CreateDomainNameResponse,
  run: (input, engine, ctx) => {
    // Wording not confirmed from AWS's documentation.
    if (findDomain(engine, input.domainName, ctx))
      throw badRequest(`Domain name ${input.domainName} already exists.`);
    const hash = createHash('sha256').update(`${ctx.account}/${input.domainName}`).digest('hex');
    const doc: DomainDoc = {
      domainName: input.domainName,
      ...(input.description !== undefined ? { description: input.description } : {}),
      certificateArn: input.certificateArn,
      appsyncDomainName: `d${hash.slice(0, 13)}.cloudfront.net`,
      hostedZoneId: CLOUDFRONT_ZONE,
      tags: input.tags ?? {},
      domainNameArn: `arn:aws:appsync:${ctx.region}:${ctx.account}:domainnames/${input.domainName}`,
    };
    engine.docs.insertChild(domainsParent(engine, ctx), 'domainName', input.domainName, doc);
    return { domainNameConfig: shown(doc) };
  },
});

export const getDomainName = operation({
  http: model.operations.GetDomainName.http,
  input: model.GetDomainNameRequest,
  output: model.GetDomainNameResponse,
  run: (input, engine, ctx) => ({ domainNameConfig: shown(requireDomain(engine, input.domainName, ctx)) }),
});

export const updateDomainName = operation({
  http: model.operations.UpdateDomainName.http,
  input: model.UpdateDomainNameRequest,
  output: model.UpdateDomainNameResponse,
  run: (input, engine, ctx) => {
    const doc = requireDomain(engine, input.domainName, ctx);
    const updated = {
      ...doc,
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    engine.docs.saveChild(parentOf(ctx), 'domainName', input.domainName, updated);
    return { domainNameConfig: shown(updated) };
  },
});

export const deleteDomainName = operation({
  http: model.operations.DeleteDomainName.http,
  input: model.DeleteDomainNameRequest,
  output: model.DeleteDomainNameResponse,
  run: (input, engine, ctx) => {
    const doc = requireDomain(engine, input.domainName, ctx);
    // AWS refuses while an API is associated (wording not confirmed from its documentation).
    if (doc.apiAssociation)
      throw badRequest(`Domain name ${input.domainName} is associated with an API; disassociate it first.`);
    engine.docs.deleteChild(parentOf(ctx), 'domainName', input.domainName);
    return {};
  },
});

export const listDomainNames = operation({
  http: model.operations.ListDomainNames.http,
  input: model.ListDomainNamesRequest,
  output: model.ListDomainNamesResponse,
  run: (input, engine, ctx) => {
    const domains = engine.docs.children(parentOf(ctx), 'domainName') as DomainDoc[];
    const { items, nextToken } = page(domains, input);
    return { domainNameConfigs: items.map(shown), nextToken };
  },
});

export const associateApi = operation({
  http: model.operations.AssociateApi.http,
  input: model.AssociateApiRequest,
  output: model.AssociateApiResponse,
  run: (input, engine, ctx) => {
    const doc = requireDomain(engine, input.domainName, ctx);
    engine.requireApi(input.apiId, ctx);
    const apiAssociation = { domainName: input.domainName, apiId: input.apiId, associationStatus: 'SUCCESS' };
    engine.docs.saveChild(parentOf(ctx), 'domainName', input.domainName, { ...doc, apiAssociation });
    return { apiAssociation };
  },
});

export const getApiAssociation = operation({
  http: model.operations.GetApiAssociation.http,
  input: model.GetApiAssociationRequest,
  output: model.GetApiAssociationResponse,
  run: (input, engine, ctx) => {
    const doc = requireDomain(engine, input.domainName, ctx);
    if (!doc.apiAssociation) throw notFound(`No API is associated with domain name ${input.domainName}.`);
    return { apiAssociation: doc.apiAssociation };
  },
});

export const disassociateApi = operation({
  http: model.operations.DisassociateApi.http,
  input: model.DisassociateApiRequest,
  output: model.DisassociateApiResponse,
  run: (input, engine, ctx) => {
    const { apiAssociation, ...doc } = requireDomain(engine, input.domainName, ctx);
    if (!apiAssociation) throw notFound(`No API is associated with domain name ${input.domainName}.`);
    engine.docs.saveChild(parentOf(ctx), 'domainName', input.domainName, doc);
    return {};
  },
});

/** Domain names belong to an account and region, not to an API: kept as children of a parent row whose
 * id no API can have (API ids are 26 lowercase letters and digits) and whose account is no account's, so
 * ListGraphqlApis and GetGraphqlApi never see it. */
function parentOf(ctx: Where): string {
  return `domains:${ctx.account}:${ctx.region}`;
}

function domainsParent(engine: Engine, ctx: Where): string {
  const id = parentOf(ctx);
  if (!engine.docs.parent(id))
    engine.docs.insertParent(
      id,
      `domains:${ctx.account}`,
      ctx.region,
      {} as Parameters<Engine['docs']['insertParent']>[3],
    );
  return id;
}

function findDomain(engine: Engine, domainName: string, ctx: Where): DomainDoc | undefined {
  return engine.docs.child(parentOf(ctx), 'domainName', domainName) as DomainDoc | undefined;
}

function requireDomain(engine: Engine, domainName: string, ctx: Where): DomainDoc {
  const doc = findDomain(engine, domainName, ctx);
  if (!doc) throw notFound(`Domain name ${domainName} not found.`);
  return doc;
}

function shown(doc: DomainDoc): Omit<DomainDoc, 'apiAssociation'> {
  const { apiAssociation, ...config } = doc;
  return config;
}
