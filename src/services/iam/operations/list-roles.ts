// ListRoles: by path prefix, in name order, paginated with Marker/MaxItems (100 by default).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html

import { s } from '../../../core/shapes.js';
import { paginate } from '../names.js';
import { marker, maxItems, pathPrefix, role, truncation } from '../shapes.js';
import { operation, roleOutput } from './operation.js';

export const listRoles = operation({
  input: s.structure({ PathPrefix: pathPrefix, Marker: marker, MaxItems: maxItems }),
  output: s.structure({ Roles: s.required(s.list(role)), ...truncation }),
  run: (input, iam, ctx) => {
    const roles = iam.roles.list(ctx.account, input.PathPrefix);
    const { page, ...more } = paginate(roles, (r) => r.name, input);
    return { Roles: page.map((r) => roleOutput(r, 'list')), ...more };
  },
});
