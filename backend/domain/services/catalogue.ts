import { randomUUID } from 'node:crypto';
import type { AdminServiceItem, ServiceItem } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import {
  nextStamp,
  SERVICE_NOT_FOUND,
  toAdminServiceItem,
  toServiceItem,
  type ServiceDoc,
} from './model';

/** A catalogue is a handful of services; one query's cap (the cloud's) is far above it. */
const CATALOGUE_LIMIT = 1000;
const CREATION_ORDER = [
  { field: 'createdAt', direction: 'asc' as const },
  { field: '_id', direction: 'asc' as const },
];
const CHANGED = '该服务刚被其他管理员修改，请刷新后重试';
const EDITABLE = ['name', 'description', 'requirements', 'active'] as const;
type AdminItems = AdminServiceItem[];

export interface ServiceInput {
  serviceId?: string;
  name: string;
  description: string;
  requirements: string;
  active: boolean;
  requestId: string;
}

async function load(deps: BackendDeps, serviceId: string): Promise<ServiceDoc> {
  const doc = await deps.store.get<ServiceDoc>(COLLECTIONS.services, serviceId);
  if (!doc) throw new AppError('NOT_FOUND', SERVICE_NOT_FOUND, { field: 'serviceId' });
  return doc;
}

async function findByRequest(deps: BackendDeps, requestKey: string) {
  const [found] = await deps.store.find<ServiceDoc>(COLLECTIONS.services, {
    where: { requestKey },
  });
  return found ?? null;
}

async function adminItem(deps: BackendDeps, doc: ServiceDoc): Promise<AdminServiceItem> {
  const applications = await deps.store.count(COLLECTIONS.serviceApplications, {
    where: { serviceId: doc._id },
  });
  return toAdminServiceItem(doc, applications);
}

/** 服务: what members may apply for now, in the order the secretariat created them. */
export async function listActiveServices(deps: BackendDeps): Promise<{ items: ServiceItem[] }> {
  const docs = await deps.store.find<ServiceDoc>(
    COLLECTIONS.services,
    { where: { active: true } },
    { orderBy: CREATION_ORDER, limit: CATALOGUE_LIMIT },
  );
  return { items: docs.map(toServiceItem) };
}

/** Every service with its count of applications: active first, then in creation order. */
export async function listAdminServices(deps: BackendDeps): Promise<{ items: AdminItems }> {
  const docs = await deps.store.find<ServiceDoc>(
    COLLECTIONS.services,
    {},
    { orderBy: CREATION_ORDER, limit: CATALOGUE_LIMIT },
  );
  // Sorted here, stably, rather than on a boolean field whose order the two stores may differ on.
  const ordered = [...docs.filter((d) => d.active), ...docs.filter((d) => !d.active)];
  return { items: await Promise.all(ordered.map((d) => adminItem(deps, d))) };
}

/**
 * Creates a service (once per `requestId`, even when repeats arrive together: the unique
 * `requestKey` lets one insert win) or edits one, guarded on the `updatedAt` it read, so of
 * two editors saving at once the second is told to look again. Audited with the fields that
 * changed.
 */
export async function saveService(
  ctx: ActionContext<AdminPrincipal>,
  input: ServiceInput,
): Promise<AdminServiceItem> {
  const { deps, principal, now } = ctx;
  const requestKey = `${principal.adminId}:${input.requestId}`;
  const current = input.serviceId ? await load(deps, input.serviceId) : null;
  if (!current) {
    const repeat = await findByRequest(deps, requestKey);
    if (repeat) return adminItem(deps, repeat);
  }

  const id = current?._id ?? randomUUID();
  const at = now.toISOString();
  const values = {
    name: input.name,
    description: input.description,
    requirements: input.requirements,
    active: input.active,
  };
  const changed = current ? EDITABLE.filter((key) => current[key] !== values[key]) : EDITABLE;
  const updatedAt = current ? nextStamp(current.updatedAt, now) : at;
  const write: Write = current
    ? {
        op: 'update',
        collection: COLLECTIONS.services,
        id,
        patch: { set: { ...values, updatedAt } },
        expect: { updatedAt: current.updatedAt },
      }
    : {
        op: 'insert',
        collection: COLLECTIONS.services,
        doc: {
          _id: id,
          requestKey,
          ...values,
          createdAt: at,
          createdBy: principal.adminId,
          updatedAt,
        } satisfies ServiceDoc,
      };
  try {
    await deps.store.batch([
      write,
      auditWrite(principal, now, current ? 'admin.services.edit' : 'admin.services.create', id, {
        fields: [...changed],
        summary: { name: input.name, active: input.active },
      }),
    ]);
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    const winner = current ? null : await findByRequest(deps, requestKey);
    if (winner) return adminItem(deps, winner);
    throw new AppError('CONFLICT', CHANGED);
  }
  return adminItem(deps, await load(deps, id));
}
