// Automatic graph layout with ELK (elkjs, layered algorithm) for the architecture map and state machine
// graphs. Loaded on demand (its own chunk), so the console's first load stays small.
// https://eclipse.dev/elk/reference/algorithms/org-eclipse-elk-layered.html

import ELK from 'elkjs/lib/elk.bundled.js';

export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Members, for a group (a stack); a group is sized by ELK around them. */
  readonly children?: readonly LayoutNode[];
}

export interface LayoutEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

export interface PlacedNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly group: boolean;
}

export interface Placed {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly { readonly id: string; readonly points: readonly { x: number; y: number }[] }[];
}

interface ElkShape {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkShape[];
  layoutOptions?: Record<string, string>;
}
interface ElkEdgeOut {
  id: string;
  sections?: {
    startPoint: { x: number; y: number };
    endPoint: { x: number; y: number };
    bendPoints?: { x: number; y: number }[];
  }[];
}

const elk = new ELK();

/** Runs ELK once on a small graph of the map's shape, so its code is compiled before the real layout;
 * started while the graph is still being fetched, it costs the user nothing. */
export async function warmUp(): Promise<void> {
  const nodes = Array.from({ length: 12 }, (_, i) => ({ id: `w${i}`, width: 196, height: 46 }));
  const group = { id: 'wg', width: 0, height: 0, children: nodes.slice(6) };
  const edges = nodes.slice(1).map((node, i) => ({ id: `we${i}`, source: nodes[i]!.id, target: node.id }));
  await layout([...nodes.slice(0, 6), group], edges);
}

/** Places `nodes` (groups included) and routes `edges`, in absolute coordinates. */
export async function layout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  direction: 'RIGHT' | 'DOWN' = 'RIGHT',
): Promise<Placed> {
  const toElk = (node: LayoutNode): ElkShape =>
    node.children
      ? {
          id: node.id,
          children: node.children.map(toElk),
          layoutOptions: { 'elk.padding': '[top=32,left=16,bottom=16,right=16]' },
        }
      : { id: node.id, width: node.width, height: node.height };
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '24',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
    },
    children: nodes.map(toElk),
    edges: edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const laid = (await elk.layout(graph as never)) as unknown as ElkShape & { edges?: ElkEdgeOut[] };
  const placed: PlacedNode[] = [];
  const walk = (shape: ElkShape) => {
    for (const child of shape.children ?? []) {
      placed.push({
        id: child.id,
        x: child.x ?? 0,
        y: child.y ?? 0,
        width: child.width ?? 0,
        height: child.height ?? 0,
        group: child.children !== undefined && child.children.length > 0,
      });
      walk(child);
    }
  };
  walk(laid);
  return {
    width: laid.width ?? 0,
    height: laid.height ?? 0,
    nodes: placed,
    edges: (laid.edges ?? []).map((edge) => ({
      id: edge.id,
      points: (edge.sections ?? []).flatMap((section) => [
        section.startPoint,
        ...(section.bendPoints ?? []),
        section.endPoint,
      ]),
    })),
  };
}
