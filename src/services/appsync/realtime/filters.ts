// Enhanced subscription filters (`extensions.setSubscriptionFilter`, `setSubscriptionInvalidationFilter`):
// checked against AppSync's limits when a subscription starts, then evaluated against each mutation result
// (or invalidation payload). A `filterGroup` matches when any of its filters does (OR); a filter when all
// of its conditions do (AND).
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html
// https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html (filterJsonObject)

export interface Condition {
  readonly fieldName: string;
  readonly operator: string;
  readonly value: unknown;
}

export interface SubscriptionFilter {
  readonly filterGroup: readonly { readonly filters: readonly Condition[] }[];
}

const OPERATORS = new Set([
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
  'attributeExists',
]);

/** Values an operator takes at most. AWS answers `subscription exceeds maximum value limit 5 for operator
 * \`in\`.` (seen in aws-amplify/amplify-category-api#740); containsAny takes 20. */
const MAX_VALUES: Readonly<Record<string, number>> = { in: 5, notIn: 5, containsAny: 20 };
/** Conditions (attributes) one filter may hold: `Filters exceed maximum attributes limit 5 for
 * subscription` (aws-amplify/amplify-flutter#6142). */
const MAX_CONDITIONS = 5;
/** Filters one filterGroup may hold. */
const MAX_FILTERS = 10;
/** Levels of a nested field name (`a.b.c.d.e`), and its length. */
const MAX_DEPTH = 5;
const MAX_FIELD_NAME = 256;

/** The filter as AppSync checks it at start: the filter itself, or the message of the error the client
 * gets in place of start_ack. */
export function checkFilter(filter: unknown): { filter: SubscriptionFilter } | { error: string } {
  const groups = (filter as { filterGroup?: unknown } | null)?.filterGroup;
  if (!Array.isArray(groups)) return { error: 'Subscription filter must have a filterGroup list.' };
  if (groups.length > MAX_FILTERS) {
    return { error: `Filter groups exceed maximum filters limit ${MAX_FILTERS} for subscription.` };
  }
  for (const group of groups) {
    const conditions = (group as { filters?: unknown } | null)?.filters;
    if (!Array.isArray(conditions)) return { error: 'Each filterGroup entry must have a filters list.' };
    const attributes = new Set(conditions.map((condition) => (condition as Condition)?.fieldName));
    if (attributes.size > MAX_CONDITIONS) {
      return { error: `Filters exceed maximum attributes limit ${MAX_CONDITIONS} for subscription` };
    }
    for (const condition of conditions as Condition[]) {
      const problem = checkCondition(condition);
      if (problem) return { error: problem };
    }
  }
  return { filter: filter as SubscriptionFilter };
}

/** Whether a mutation result (or an invalidation payload) passes the filter. */
export function passes(filter: SubscriptionFilter, payload: unknown): boolean {
  if (filter.filterGroup.length === 0) return true;
  return filter.filterGroup.some((group) =>
    group.filters.every((condition) => holds(condition, valueAt(payload, condition.fieldName))),
  );
}

function checkCondition(condition: Condition | null): string | undefined {
  if (!condition || typeof condition.fieldName !== 'string' || condition.fieldName === '') {
    return 'Each filter needs a fieldName.';
  }
  if (!OPERATORS.has(condition.operator)) {
    return `Operator \`${condition.operator}\` is not supported for subscription filters.`;
  }
  if (condition.fieldName.length > MAX_FIELD_NAME || condition.fieldName.split('.').length > MAX_DEPTH) {
    return `Field name ${condition.fieldName} exceeds the maximum depth of ${MAX_DEPTH} levels.`;
  }
  const limit = MAX_VALUES[condition.operator];
  const list = Array.isArray(condition.value) ? condition.value : undefined;
  if (limit !== undefined && (!list || list.length > limit)) {
    return `subscription exceeds maximum value limit ${limit} for operator \`${condition.operator}\`.`;
  }
  if (condition.operator === 'between' && list?.length !== 2) {
    return 'Operator `between` takes a list of two values.';
  }
  return undefined;
}

/** `a.b.c`: the value under nested objects, undefined where a level is missing. */
function valueAt(payload: unknown, fieldName: string): unknown {
  let value = payload;
  for (const key of fieldName.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function holds({ operator, value: wanted }: Condition, actual: unknown): boolean {
  switch (operator) {
    case 'eq':
      return same(actual, wanted);
    case 'ne':
      return !same(actual, wanted);
    case 'le':
      return ordered(actual, wanted, (order) => order <= 0);
    case 'lt':
      return ordered(actual, wanted, (order) => order < 0);
    case 'ge':
      return ordered(actual, wanted, (order) => order >= 0);
    case 'gt':
      return ordered(actual, wanted, (order) => order > 0);
    case 'contains':
      return contains(actual, wanted);
    case 'notContains':
      return actual !== undefined && actual !== null && !contains(actual, wanted);
    case 'beginsWith':
      return typeof actual === 'string' && typeof wanted === 'string' && actual.startsWith(wanted);
    case 'in':
      return (wanted as unknown[]).some((one) => same(actual, one));
    case 'notIn':
      return !(wanted as unknown[]).some((one) => same(actual, one));
    case 'between': {
      const [low, high] = wanted as unknown[];
      return ordered(actual, low, (order) => order >= 0) && ordered(actual, high, (order) => order <= 0);
    }
    case 'containsAny':
      return (wanted as unknown[]).some((one) => contains(actual, one));
    case 'attributeExists':
      return (actual !== undefined && actual !== null) === Boolean(wanted);
    default:
      return false;
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Numbers compare with numbers and strings with strings; anything else does not satisfy a range. */
function ordered(actual: unknown, wanted: unknown, test: (order: number) => boolean): boolean {
  if (typeof actual === 'number' && typeof wanted === 'number') return test(actual - wanted);
  if (typeof actual === 'string' && typeof wanted === 'string') {
    return test(actual < wanted ? -1 : actual > wanted ? 1 : 0);
  }
  return false;
}

/** A list field contains an element; a string field a substring. */
function contains(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((item) => same(item, wanted));
  if (typeof actual === 'string' && typeof wanted === 'string') return actual.includes(wanted);
  return false;
}
