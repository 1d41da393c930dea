import type { Page, ServiceApplication } from '../../../typings';
import type { ActionContext, BackendDeps, MemberPrincipal } from '../../core/context';
import { findPage, NEWEST_FIRST } from '../../core/paging';
import { COLLECTIONS } from '../../schema/collections';
import { toApplication, type ServiceApplicationDoc, type ServiceDoc } from './model';
import { findByIds } from '../../core/find-by-ids';

/**
 * The current names of the applications' services, so a renamed service reads the same
 * everywhere; a service since removed keeps the name it had (the application's own copy).
 */
export async function serviceNames(
  deps: BackendDeps,
  docs: ServiceApplicationDoc[],
): Promise<Map<string, string>> {
  const services = await findByIds<ServiceDoc>(
    deps.store,
    COLLECTIONS.services,
    docs.map((d) => d.serviceId),
  );
  return new Map([...services.values()].map((s) => [s._id, s.name]));
}

/** 我的申请: the member's own applications, newest first; the member id is the session's. */
export async function listOwnApplications(
  ctx: ActionContext<MemberPrincipal>,
  input: { page?: number; pageSize?: number },
): Promise<Page<ServiceApplication>> {
  const { docs, ...paging } = await findPage<ServiceApplicationDoc>(
    ctx.deps.store,
    COLLECTIONS.serviceApplications,
    { where: { memberId: ctx.principal.memberId } },
    NEWEST_FIRST,
    input,
  );
  const names = await serviceNames(ctx.deps, docs);
  return { items: docs.map((d) => toApplication(d, names.get(d.serviceId))), ...paging };
}
