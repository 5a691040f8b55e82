// The dependency graph of a template's resources (Ref, Fn::GetAtt, Fn::Sub variables, DependsOn) and the order of
// creation it implies, in waves that can each run in parallel.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html

import { formatError, isRecord, unresolvedDependencies, validationError } from './errors.js';
import type { Template } from './parse.js';
import { parseSubString, subArguments } from './sub.js';

/** The resources a value refers to (Ref, Fn::GetAtt, and ${X} / ${X.Attr} inside Fn::Sub), excluding parameters and
 *  pseudo parameters; names that are not resources are included, so callers can report them. With `conditions`, an
 *  Fn::If contributes only the branch it takes (`!If [HasQueue, !Ref Queue, !Ref AWS::NoValue]` needs no Queue
 *  when HasQueue is false). */
export function referencedResources(
  value: unknown,
  template: Template,
  conditions?: Record<string, boolean>,
): Set<string> {
  const found = new Set<string>();
  const parameters = template.Parameters ?? {};
  const add = (name: string) => {
    if (!name.startsWith('AWS::') && !Object.hasOwn(parameters, name)) found.add(name);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isRecord(node)) return;
    const keys = Object.keys(node);
    const only = keys.length === 1 ? keys[0] : undefined;
    const argument = only === undefined ? undefined : node[only];
    if (only === 'Ref' && typeof argument === 'string') {
      add(argument);
      return;
    }
    if (only === 'Fn::GetAtt') {
      if (typeof argument === 'string') {
        add(argument.split('.')[0]!);
        return;
      }
      if (Array.isArray(argument) && typeof argument[0] === 'string') {
        add(argument[0]);
        argument.slice(1).forEach(visit);
        return;
      }
    }
    if (only === 'Fn::Sub') {
      let parts: ReturnType<typeof subArguments> | undefined;
      try {
        parts = subArguments(argument);
      } catch {
        visit(argument);
        return;
      }
      if (typeof parts.source === 'string') {
        for (const part of parseSubString(parts.source)) {
          if ('variable' in part && !Object.hasOwn(parts.variables, part.variable)) {
            add(part.variable.split('.')[0]!);
          }
        }
      } else visit(parts.source);
      Object.values(parts.variables).forEach(visit);
      return;
    }
    if (only === 'Fn::If' && conditions && Array.isArray(argument) && argument.length === 3) {
      const holds = typeof argument[0] === 'string' ? conditions[argument[0]] : undefined;
      if (holds !== undefined) {
        visit(holds ? argument[1] : argument[2]);
        return;
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(value);
  return found;
}

/** For the resources whose Condition holds: logical id → the resources it must wait for (references + DependsOn).
 *  A reference to an undeclared resource, or to one whose Condition is false, is CloudFormation's "Unresolved
 *  resource dependencies" error (observed for both, e.g. aws/serverless-application-model#832). */
export function dependencyGraph(
  template: Template,
  conditions: Record<string, boolean>,
): Map<string, Set<string>> {
  const resources = template.Resources;
  const active = new Set(Object.keys(resources).filter((id) => isActive(id, template, conditions)));
  const graph = new Map<string, Set<string>>();
  const missing = new Set<string>();
  for (const id of active) {
    const { Type: _type, Condition: _condition, DependsOn: dependsOn, ...rest } = resources[id]!;
    const needs = referencedResources(rest, template, conditions);
    for (const name of dependsOnList(dependsOn)) needs.add(name);
    for (const name of needs) if (!active.has(name)) missing.add(name);
    graph.set(id, needs);
  }
  if (missing.size) throw unresolvedDependencies(missing, 'Resources');
  const cyclic = cyclicResources(graph);
  if (cyclic.length) throw circularDependency(cyclic);
  return graph;
}

/** Logical ids in creation order, in waves: every resource of a wave depends only on earlier waves. */
export function creationWaves(graph: Map<string, Set<string>>): string[][] {
  const waves: string[][] = [];
  const placed = new Set<string>();
  let remaining = [...graph.keys()];
  while (remaining.length) {
    const wave = remaining.filter((id) =>
      [...graph.get(id)!].every((dep) => placed.has(dep) || !graph.has(dep)),
    );
    if (!wave.length) throw circularDependency(cyclicResources(graph));
    for (const id of wave) placed.add(id);
    waves.push(wave);
    remaining = remaining.filter((id) => !placed.has(id));
  }
  return waves;
}

/** Whether a resource is created: it has no Condition or its Condition holds. */
export function isActive(
  logicalId: string,
  template: Template,
  conditions: Record<string, boolean>,
): boolean {
  const condition = template.Resources[logicalId]?.Condition;
  if (condition === undefined) return true;
  if (!Object.hasOwn(conditions, condition)) {
    throw formatError(
      `Unresolved condition dependencies [${condition}] in the Resources block of the template`,
    );
  }
  return conditions[condition]!;
}

/** DependsOn as a list (a single string is allowed). */
export function dependsOnList(dependsOn: unknown): string[] {
  if (dependsOn === undefined) return [];
  const list = Array.isArray(dependsOn) ? dependsOn : [dependsOn];
  if (list.some((name) => typeof name !== 'string')) {
    throw formatError('DependsOn must be a string or a list of strings');
  }
  return list as string[];
}

function circularDependency(ids: string[]) {
  return validationError(`Circular dependency between resources: [${ids.join(', ')}]`);
}

/** The resources on a cycle (strongly connected components of two or more, or a resource needing itself), in the
 *  graph's order. Tarjan's algorithm, iterative so a long chain cannot overflow the stack. */
function cyclicResources(graph: Map<string, Set<string>>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cyclic = new Set<string>();
  let counter = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: Iterator<string> }> = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: (graph.get(id) ?? new Set()).values() });
    };
    open(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const step = frame.next.next();
      if (!step.done) {
        const dep = step.value;
        if (!graph.has(dep)) continue;
        if (!index.has(dep)) open(dep);
        else if (onStack.has(dep)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(dep)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      if (component.length > 1 || graph.get(frame.id)!.has(frame.id))
        for (const id of component) cyclic.add(id);
    }
  }
  return [...graph.keys()].filter((id) => cyclic.has(id));
}
