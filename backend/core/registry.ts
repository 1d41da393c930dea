import type { z } from 'zod';
import type { ActionName, ActionRequest, ActionResponse, AdminRole } from '../../typings';
import type { ActionContext, AdminPrincipal, MemberPrincipal, Principal } from './context';

interface ActionBase<N extends ActionName> {
  name: N;
  /** Run-time check of the input: the client is not trusted. */
  input: z.ZodType<ActionRequest<N>>;
}

/** Anyone may call it, logged in or not. */
export interface PublicAction<N extends ActionName> extends ActionBase<N> {
  access: 'public';
  handler(input: ActionRequest<N>, ctx: ActionContext<Principal>): Promise<ActionResponse<N>>;
}

/** A logged-in member; refused while a password change is pending unless allowed here. */
export interface MemberAction<N extends ActionName> extends ActionBase<N> {
  access: 'member';
  allowPendingPasswordChange?: boolean;
  handler(input: ActionRequest<N>, ctx: ActionContext<MemberPrincipal>): Promise<ActionResponse<N>>;
}

/** A logged-in admin whose role is one of `roles`. */
export interface AdminAction<N extends ActionName> extends ActionBase<N> {
  access: 'admin';
  roles: readonly AdminRole[];
  allowPendingPasswordChange?: boolean;
  handler(input: ActionRequest<N>, ctx: ActionContext<AdminPrincipal>): Promise<ActionResponse<N>>;
}

export type ActionDef<N extends ActionName> = PublicAction<N> | MemberAction<N> | AdminAction<N>;

/** Any action definition, for the registry's table. */
export type AnyAction = { [N in ActionName]: ActionDef<N> }[ActionName];

/** Typed identity: lets a definition's handler be checked against the contract of its name. */
export function defineAction<N extends ActionName>(def: ActionDef<N>): ActionDef<N> {
  return def;
}

/** Every role; for actions any admin may call. */
export const ANY_ADMIN: readonly AdminRole[] = ['superAdmin', 'secretariat', 'finance'];

/** Builds the lookup table, refusing a name defined twice. */
export function buildRegistry(defs: readonly AnyAction[]): ReadonlyMap<string, AnyAction> {
  const table = new Map<string, AnyAction>();
  for (const def of defs) {
    if (table.has(def.name)) throw new Error(`action ${def.name} is defined twice`);
    table.set(def.name, def);
  }
  return table;
}
