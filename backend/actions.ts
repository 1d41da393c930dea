import { buildRegistry, type AnyAction } from './core/registry';
import { adminActions } from './domain/admins/actions';
import { authActions } from './domain/auth/actions';
import { memberActions } from './domain/members/actions';
import { rosterActions } from './domain/roster/actions';
import { societyActions } from './domain/society/actions';

/** Every action of the backend, by name. A name defined twice fails at start-up. */
export const registry = buildRegistry([
  ...societyActions,
  ...authActions,
  ...memberActions,
  ...adminActions,
  ...rosterActions,
] as AnyAction[]);
