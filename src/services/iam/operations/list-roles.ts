// ListRoles: by path prefix, in name order, paginated with Marker/MaxItems (100 by default).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html

import * as model from '../../../core/generated/iam.js';
import { paginate } from '../names.js';
import { operation, roleOutput } from './operation.js';

export const listRoles = operation({
  input: model.ListRolesRequest,
  output: model.ListRolesResponse,
  run: (input, iam, ctx) => {
    const roles = iam.roles.list(ctx.account, input.PathPrefix);
    const { page, ...more } = paginate(roles, (r) => r.name, input);
    return { Roles: page.map((r) => roleOutput(r, 'list')), ...more };
  },
});
