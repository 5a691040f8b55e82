// A state machine's definition as a graph: states as boxes, transitions (Next, Default, Choices, Catch)
// as arrows, from Start to End, laid out top-down with ELK; the states an execution entered are
// highlighted and the one it failed in marked. Parallel and Map states are drawn as one box each.

import { html } from 'htm/preact';
import type { Placed } from '../../../console/layout.js';
import { Show, useLoad } from '../../../console/ui.js';

interface State {
  Type?: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next?: string }[];
  Catch?: { Next?: string }[];
}

export interface Transition {
  readonly from: string;
  readonly to: string;
}

/** The definition's states (with Start and End) and transitions. */
export function transitions(definition: string): {
  states: string[];
  types: Map<string, string>;
  edges: Transition[];
} {
  const parsed = JSON.parse(definition) as { StartAt: string; States: Record<string, State> };
  const types = new Map<string, string>([
    ['Start', 'Start'],
    ['End', 'End'],
  ]);
  const edges: Transition[] = [{ from: 'Start', to: parsed.StartAt }];
  for (const [name, state] of Object.entries(parsed.States)) {
    types.set(name, state.Type ?? 'Task');
    const next = [
      state.Next,
      state.Default,
      ...(state.Choices ?? []).map((c) => c.Next),
      ...(state.Catch ?? []).map((c) => c.Next),
    ];
    for (const to of next) if (to) edges.push({ from: name, to });
    if (state.End || state.Type === 'Succeed' || state.Type === 'Fail') edges.push({ from: name, to: 'End' });
  }
  const seen = new Set<string>();
  const unique = edges.filter((e) => {
    const key = `${e.from}>${e.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { states: [...types.keys()], types, edges: unique };
}

export function DefinitionGraph(props: {
  definition: string;
  visited?: ReadonlySet<string>;
  failed?: string;
  path?: readonly Transition[];
}) {
  const loaded = useLoad(async () => {
    const { layout } = await import('../../../console/layout.js');
    const graph = transitions(props.definition);
    const placed = await layout(
      graph.states.map((id) => ({ id, width: Math.max(96, id.length * 7.5 + 24), height: 40 })),
      graph.edges.map((e, i) => ({ id: `t${i}`, source: e.from, target: e.to })),
      'DOWN',
    );
    return { graph, placed };
  }, [props.definition]);
  const taken = new Set((props.path ?? []).map((t) => `${t.from}>${t.to}`));
  return html`<${Show} loaded=${loaded} render=${({
    graph,
    placed,
  }: {
    graph: ReturnType<typeof transitions>;
    placed: Placed;
  }) => html`
    <div class="map-wrap"><svg class="graph" role="img" aria-label="State machine graph" width=${placed.width} height=${placed.height} viewBox="0 0 ${placed.width} ${placed.height}">
      <defs><marker id="sfn-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow" /></marker></defs>
      ${placed.edges.map((edge) => {
        const t = graph.edges[Number(edge.id.slice(1))]!;
        return html`<polyline class=${`edge ${taken.has(`${t.from}>${t.to}`) ? 'visited' : ''}`} marker-end="url(#sfn-arrow)" points=${edge.points.map((p) => `${p.x},${p.y}`).join(' ')} />`;
      })}
      ${placed.nodes.map((n) => {
        const state = props.failed === n.id ? 'failed' : props.visited?.has(n.id) ? 'visited' : '';
        return html`<g class=${`state ${state}`} data-state=${n.id} data-visited=${state || undefined}>
          <rect x=${n.x} y=${n.y} width=${n.width} height=${n.height} rx=${n.id === 'Start' || n.id === 'End' ? 20 : 6} />
          <text x=${n.x + 10} y=${n.y + 24}>${n.id}</text><title>${graph.types.get(n.id)}: ${n.id}</title></g>`;
      })}
    </svg></div>`} />`;
}
