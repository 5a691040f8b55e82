// The console's architecture map, assembled from what each service's wiring source reports (its
// resources and the connections it owns): nodes by ARN, edges between them, and stacks as groups.
// A source that fails is named in `errors` and the rest of the map still shows.

import type { Wiring, WiringEdge, WiringGroup, WiringNode, WiringSource } from '../core/ports/wiring.js';

export interface ConsoleGraph extends Wiring {
  readonly groups: readonly WiringGroup[];
  readonly errors: { service: string; message: string }[];
}

export async function assembleGraph(
  sources: ReadonlyMap<string, WiringSource>,
  account: string,
  region: string,
): Promise<ConsoleGraph> {
  const errors: { service: string; message: string }[] = [];
  const parts = await Promise.all(
    [...sources].map(async ([service, source]) => {
      try {
        return await source.wiring(account, region);
      } catch (error) {
        errors.push({ service, message: (error as Error).message ?? String(error) });
        return { nodes: [], edges: [] } satisfies Wiring;
      }
    }),
  );
  const nodes = new Map<string, WiringNode>();
  for (const part of parts) for (const node of part.nodes) nodes.set(node.arn, node);
  const edges: WiringEdge[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    for (const edge of part.edges) {
      const key = `${edge.from}|${edge.to}|${edge.kind}|${edge.label ?? ''}`;
      if (seen.has(key) || edge.from === edge.to) continue;
      seen.add(key);
      edges.push(edge);
      // An edge to a resource no service lists (deleted, another account's, an unserved service) still shows.
      for (const arn of [edge.from, edge.to]) {
        if (!nodes.has(arn)) nodes.set(arn, { arn, type: 'Unknown', name: arn.split(/[:/]/).pop() || arn });
      }
    }
  }
  const byAlias = new Map<string, string>();
  for (const node of nodes.values()) {
    byAlias.set(node.arn, node.arn);
    for (const alias of node.aliases ?? []) byAlias.set(alias, node.arn);
  }
  const groups = parts.flatMap((part) =>
    (part.groups ?? []).map((group) => ({
      ...group,
      members: [
        ...new Set(group.members.map((member) => byAlias.get(member)).filter((arn) => arn !== undefined)),
      ],
    })),
  );
  return { nodes: [...nodes.values()], edges, groups, errors };
}
