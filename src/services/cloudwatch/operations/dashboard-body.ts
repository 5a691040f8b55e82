// What PutDashboard checks of a dashboard body: a JSON object with a `widgets` array whose widgets have a
// known type and properties; each problem is a DashboardValidationMessage (DataPath, Message) in the words
// of the JSON Schema validator CloudWatch uses.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html

const WIDGET_TYPES = ['metric', 'text', 'log', 'alarm', 'explorer', 'custom'];

export function validateBody(body: string): { DataPath: string; Message: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return [{ DataPath: '', Message: `Invalid JSON: ${(error as Error).message}` }];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return [{ DataPath: '', Message: 'Should be object' }];
  }
  const widgets = (parsed as { widgets?: unknown }).widgets;
  if (widgets === undefined) return [{ DataPath: '', Message: "Should have required property 'widgets'" }];
  if (!Array.isArray(widgets)) return [{ DataPath: '/widgets', Message: 'Should be array' }];
  return widgets.flatMap((widget: unknown, index) => {
    const path = `/widgets/${index}`;
    if (typeof widget !== 'object' || widget === null)
      return [{ DataPath: path, Message: 'Should be object' }];
    const { type, properties } = widget as { type?: unknown; properties?: unknown };
    if (type === undefined) return [{ DataPath: path, Message: "Should have required property 'type'" }];
    if (typeof type !== 'string' || !WIDGET_TYPES.includes(type)) {
      return [
        {
          DataPath: `${path}/type`,
          Message: `Should be equal to one of the allowed values: ${WIDGET_TYPES.join(', ')}`,
        },
      ];
    }
    if (typeof properties !== 'object' || properties === null) {
      return [{ DataPath: path, Message: "Should have required property 'properties'" }];
    }
    return [];
  });
}
