// A pool's attribute schema: the standard attributes every pool has (OpenID Connect's claims, as
// DescribeUserPool lists them) and the custom ones a pool adds, named `custom:<name>` on users.
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html

export interface SchemaAttribute {
  Name: string;
  AttributeDataType: 'String' | 'Number' | 'DateTime' | 'Boolean';
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

const text = (name: string, min = '0', max = '2048'): SchemaAttribute => ({
  Name: name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: min, MaxLength: max },
});
const flag = (name: string): SchemaAttribute => ({
  Name: name,
  AttributeDataType: 'Boolean',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** In DescribeUserPool's order. */
export function standardAttributes(): SchemaAttribute[] {
  return [
    { ...text('sub', '1', '2048'), Mutable: false, Required: true },
    text('name'),
    text('given_name'),
    text('family_name'),
    text('middle_name'),
    text('nickname'),
    text('preferred_username'),
    text('profile'),
    text('picture'),
    text('website'),
    text('email'),
    flag('email_verified'),
    text('gender'),
    text('birthdate', '10', '10'),
    text('zoneinfo'),
    text('locale'),
    text('phone_number'),
    flag('phone_number_verified'),
    text('address'),
    {
      Name: 'updated_at',
      AttributeDataType: 'Number',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MinValue: '0' },
    },
  ];
}

export const STANDARD_NAMES: ReadonlySet<string> = new Set(standardAttributes().map((a) => a.Name));

/** The attributes a new pool's schema holds: the standard ones with the request's changes to them
 * (Required, Mutable, constraints), then its custom ones prefixed `custom:` (`dev:custom:` when
 * developer-only). */
export function poolSchema(requested: readonly Partial<SchemaAttribute>[] | undefined): SchemaAttribute[] {
  const schema = standardAttributes();
  for (const attribute of requested ?? []) {
    const name = attribute.Name ?? '';
    const standard = schema.find((candidate) => candidate.Name === name);
    if (standard) {
      Object.assign(standard, definedOf(attribute));
      continue;
    }
    schema.push(customAttribute(attribute));
  }
  return schema;
}

export function customAttribute(attribute: Partial<SchemaAttribute>): SchemaAttribute {
  const type = attribute.AttributeDataType ?? 'String';
  const developerOnly = attribute.DeveloperOnlyAttribute ?? false;
  return {
    Name: `${developerOnly ? 'dev:' : ''}custom:${attribute.Name}`,
    AttributeDataType: type,
    DeveloperOnlyAttribute: developerOnly,
    Mutable: attribute.Mutable ?? true,
    Required: attribute.Required ?? false,
    ...(type === 'String'
      ? { StringAttributeConstraints: attribute.StringAttributeConstraints ?? {} }
      : type === 'Number'
        ? { NumberAttributeConstraints: attribute.NumberAttributeConstraints ?? {} }
        : {}),
  };
}

function definedOf(attribute: Partial<SchemaAttribute>): Partial<SchemaAttribute> {
  return Object.fromEntries(
    Object.entries(attribute).filter(([key, value]) => key !== 'Name' && value !== undefined),
  );
}
