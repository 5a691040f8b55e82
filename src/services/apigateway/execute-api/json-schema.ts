// The JSON Schema draft 4 keywords request models use, checked against a request body: type, enum,
// required, properties, additionalProperties (false or a schema), items, minItems/maxItems,
// minLength/maxLength, pattern, minimum/maximum (with draft 4's boolean exclusiveMinimum/Maximum),
// allOf/anyOf/oneOf/not and local `$ref`s (`#/definitions/x`). Keywords outside this set are ignored.
// https://json-schema.org/draft-04/draft-zyp-json-schema-04
// https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html

type Schema = Record<string, unknown>;

/** The problems found (`$.name: is required`), none when the body conforms. */
export function schemaErrors(schema: unknown, value: unknown): string[] {
  const errors: string[] = [];
  check(schema, value, '$', schema, errors);
  return errors;
}

function check(schema: unknown, value: unknown, at: string, root: unknown, errors: string[]): void {
  if (typeof schema !== 'object' || schema === null) return;
  let s = schema as Schema;
  if (typeof s.$ref === 'string' && s.$ref.startsWith('#/')) {
    let target: unknown = root;
    for (const part of s.$ref.slice(2).split('/')) target = (target as Schema | undefined)?.[part];
    s = (target as Schema | undefined) ?? {};
  }
  const fail = (message: string) => errors.push(`${at}: ${message}`);
  if (s.type !== undefined && ![s.type].flat().some((type) => isType(value, String(type)))) {
    fail(`expected type ${[s.type].flat().join(' or ')}`);
    return;
  }
  if (Array.isArray(s.enum) && !s.enum.some((item) => JSON.stringify(item) === JSON.stringify(value))) {
    fail('not one of the enum values');
  }
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && value.length < s.minLength) fail('too short');
    if (typeof s.maxLength === 'number' && value.length > s.maxLength) fail('too long');
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value))
      fail('does not match pattern');
  }
  if (typeof value === 'number') {
    if (
      typeof s.minimum === 'number' &&
      (s.exclusiveMinimum === true ? value <= s.minimum : value < s.minimum)
    ) {
      fail('below minimum');
    }
    if (
      typeof s.maximum === 'number' &&
      (s.exclusiveMaximum === true ? value >= s.maximum : value > s.maximum)
    ) {
      fail('above maximum');
    }
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) fail('too few items');
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) fail('too many items');
    if (s.items !== undefined && !Array.isArray(s.items)) {
      for (const [i, item] of value.entries()) check(s.items, item, `${at}[${i}]`, root, errors);
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const name of Array.isArray(s.required) ? s.required : []) {
      if (!Object.hasOwn(object, String(name))) fail(`${String(name)} is required`);
    }
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    for (const [name, item] of Object.entries(object)) {
      if (Object.hasOwn(properties, name)) check(properties[name], item, `${at}.${name}`, root, errors);
      else if (s.additionalProperties === false) fail(`${name} is not allowed`);
      else if (typeof s.additionalProperties === 'object')
        check(s.additionalProperties, item, `${at}.${name}`, root, errors);
    }
  }
  const count = (list: unknown) =>
    (Array.isArray(list) ? list : []).filter(
      (sub) =>
        schemaErrors({ ...(sub as Schema), definitions: (root as Schema).definitions }, value).length === 0,
    ).length;
  if (Array.isArray(s.allOf) && count(s.allOf) !== s.allOf.length) fail('does not match allOf');
  if (Array.isArray(s.anyOf) && count(s.anyOf) === 0) fail('does not match anyOf');
  if (Array.isArray(s.oneOf) && count(s.oneOf) !== 1) fail('does not match exactly one of oneOf');
  if (s.not !== undefined && count([s.not]) === 1) fail('matches not');
}

function isType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true;
  }
}
