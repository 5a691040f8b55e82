// An awsQuery client for the CLI's own commands (CloudFormation's `deploy`, `destroy`, `stacks`): a form
// POST with a credential scope naming the service, and the XML answer read into plain values.

import { parseXml, type XmlElement } from '../protocols/xml-read.js';
import { authorization, type Target } from './client.js';

export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Calls `action` with flattened parameters (`Parameters.member.1.ParameterKey`); returns the result element. */
export async function callQuery(
  target: Target,
  service: string,
  version: string,
  action: string,
  params: Record<string, string>,
): Promise<XmlElement> {
  const body = new URLSearchParams({ Action: action, Version: version, ...params });
  const response = await fetch(`${target.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: authorization(target, service),
    },
    body: body.toString(),
  });
  const root = parseXml(await response.text());
  if (!response.ok) {
    const error = find(root, 'Error');
    throw new QueryError(text(error, 'Code') ?? String(response.status), text(error, 'Message') ?? '');
  }
  return find(root, `${action}Result`) ?? root;
}

/** The first descendant named `name`. */
export function find(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const child of element.children) {
    if (child.name === name) return child;
    const deeper = find(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** The text of the direct child named `name`. */
export function text(element: XmlElement | undefined, name: string): string | undefined {
  return element?.children.find((child) => child.name === name)?.text;
}

/** The `<member>` elements of the direct child list named `name`. */
export function members(element: XmlElement | undefined, name: string): XmlElement[] {
  return (
    element?.children.find((child) => child.name === name)?.children.filter((c) => c.name === 'member') ?? []
  );
}
