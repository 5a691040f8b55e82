// The architecture map: every resource of the account and region as a node, grouped by stack, with the
// wiring as edges, from GET /_nimbus/console/graph, laid out with ELK (layout.ts, loaded on demand).
// Each node links to its service's page for it.

import { html } from 'htm/preact';
import type { ConsoleContext } from './contract.js';
import type { layout as Layout, LayoutNode, Placed } from './layout.js';
import { PageTitle, Show, Table, useLoad } from './ui.js';

interface GraphNode {
  arn: string;
  type: string;
  name: string;
}
interface GraphEdge {
  from: string;
  to: string;
  kind: string;
  label?: string;
}
interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  groups: { id: string; label: string; members: string[] }[];
  errors: { service: string; message: string }[];
}

const NODE_W = 196;
const NODE_H = 46;

export function ArchitectureMap(props: { ctx: ConsoleContext }) {
  const { ctx } = props;
  const loaded = useLoad(async () => {
    const asked = performance.now();
    // The layout library loads and warms up while the services gather the graph.
    const library = import('./layout.js').then(async (module) => {
      await module.warmUp();
      return module;
    });
    const query = new URLSearchParams({ account: ctx.account, region: ctx.region });
    const response = await fetch(`/_nimbus/console/graph?${query}`);
    if (!response.ok) throw { code: String(response.status), message: (await response.json()).error };
    const graph = (await response.json()) as Graph;
    const { layout } = await library;
    const started = performance.now();
    const placed = await place(graph, layout);
    const done = performance.now();
    return { graph, placed, layoutMs: Math.round(done - started), totalMs: Math.round(done - asked) };
  }, [ctx.account, ctx.region]);
  const linkFor = (node: GraphNode) => ctx.link(node.type, node.arn);
  return html`<${PageTitle} kind="Account ${ctx.account} · ${ctx.region}" title="Architecture map" />
    <${Show} loaded=${loaded} render=${({
      graph,
      placed,
      layoutMs,
      totalMs,
    }: {
      graph: Graph;
      placed: Placed;
      layoutMs: number;
      totalMs: number;
    }) =>
      html`<p class="muted" data-testid="map-summary" data-layout-ms=${layoutMs} data-total-ms=${totalMs}>
          ${graph.nodes.length} resources, ${graph.edges.length} connections, ${graph.groups.length} stacks · laid out in ${layoutMs} ms (${totalMs} ms with fetching)</p>
        ${graph.errors.map((e) => html`<p class="error" role="alert">${e.service}: ${e.message}</p>`)}
        ${graph.nodes.length === 0 ? html`<p>Nothing here yet: create a resource or deploy a stack.</p>` : html`<${Drawing} graph=${graph} placed=${placed} linkFor=${linkFor} />`}
        <details><summary>Connections as a table</summary>
          <${Table} label="Connections" rows=${graph.edges} empty="No connections."
            columns=${[
              { title: 'From', cell: (e: GraphEdge) => nameOf(graph, e.from) },
              { title: 'Kind', cell: (e: GraphEdge) => e.kind },
              { title: 'To', cell: (e: GraphEdge) => nameOf(graph, e.to) },
              { title: 'Detail', cell: (e: GraphEdge) => e.label ?? '' },
            ]} />
        </details>`} />`;
}

function Drawing(props: { graph: Graph; placed: Placed; linkFor: (node: GraphNode) => string | undefined }) {
  const { graph, placed } = props;
  const byId = new Map(graph.nodes.map((node) => [node.arn, node]));
  const groups = new Map(graph.groups.map((group) => [group.id, group]));
  return html`<div class="map-wrap"><svg class="map" role="group" aria-label="Architecture map" width=${placed.width} height=${placed.height}
    viewBox="0 0 ${placed.width} ${placed.height}">
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0,0 L10,5 L0,10 z" class="arrow" /></marker></defs>
    ${placed.nodes
      .filter((n) => n.group)
      .map(
        (n) => html`<g class="group">
      <rect x=${n.x} y=${n.y} width=${n.width} height=${n.height} rx="8" />
      <text x=${n.x + 12} y=${n.y + 20}>stack ${groups.get(n.id)?.label ?? ''}</text></g>`,
      )}
    ${placed.edges.map((edge, i) => {
      const source = graph.edges[Number(edge.id.slice(1))];
      return html`<polyline class="edge ${source?.kind ?? ''}" marker-end="url(#arrow)" key=${i}
        points=${edge.points.map((p) => `${p.x},${p.y}`).join(' ')}><title>${source?.kind} ${source?.label ?? ''}</title></polyline>`;
    })}
    ${placed.nodes
      .filter((n) => !n.group)
      .map((n) => {
        const node = byId.get(n.id);
        if (!node) return null;
        const link = props.linkFor(node);
        const box = html`<rect x=${n.x} y=${n.y} width=${n.width} height=${n.height} rx="6" />
        <text x=${n.x + 10} y=${n.y + 18} class="type">${node.type.replace(/^AWS::/, '')}</text>
        <text x=${n.x + 10} y=${n.y + 36} class="name">${clip(node.name)}</text><title>${node.arn}</title>`;
        return link
          ? html`<a class="node" href=${link} data-arn=${node.arn}>${box}</a>`
          : html`<g class="node" data-arn=${node.arn}>${box}</g>`;
      })}
  </svg></div>`;
}

async function place(graph: Graph, layout: typeof Layout): Promise<Placed> {
  if (graph.nodes.length === 0) return { width: 0, height: 0, nodes: [], edges: [] };
  const grouped = new Map<string, string>();
  for (const group of graph.groups) for (const member of group.members) grouped.set(member, group.id);
  const leaf = (node: GraphNode): LayoutNode => ({ id: node.arn, width: NODE_W, height: NODE_H });
  const top: LayoutNode[] = graph.groups
    .filter((group) => group.members.length > 0)
    .map((group) => ({
      id: group.id,
      width: 0,
      height: 0,
      children: graph.nodes.filter((node) => grouped.get(node.arn) === group.id).map(leaf),
    }));
  top.push(...graph.nodes.filter((node) => !grouped.has(node.arn)).map(leaf));
  const edges = graph.edges.map((edge, i) => ({ id: `e${i}`, source: edge.from, target: edge.to }));
  return layout(top, edges);
}

/** A resource as the connections table names it: its kind and name (a queue and a table may share one). */
function nameOf(graph: Graph, arn: string): string {
  const node = graph.nodes.find((candidate) => candidate.arn === arn);
  return node ? `${node.type.replace(/^AWS::/, '')} ${node.name}` : arn;
}

function clip(text: string): string {
  return text.length > 26 ? `${text.slice(0, 25)}…` : text;
}
