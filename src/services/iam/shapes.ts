// The IAM model's structures that the engine builds and returns, as types.

import type * as model from '../../core/generated/iam.js';
import type { Infer } from '../../core/shapes.js';

export type Tag = Infer<typeof model.Tag_>;
export type RoleOutput = Infer<typeof model.Role>;
export type PolicyOutput = Infer<typeof model.Policy>;
export type PolicyVersionOutput = Infer<typeof model.PolicyVersion>;
