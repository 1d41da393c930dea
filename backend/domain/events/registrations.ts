import type { EventRegistrationRow, Page } from '../../../typings';
import type { BackendDeps } from '../../core/context';
import { findPage } from '../../core/paging';
import type { Condition, Filter, FindOptions } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { peopleByIds } from '../content/people';
import { loadEvent } from './admin';
import type { EventRegistrationDoc } from './model';

export type RegistrationFilter = 'registered' | 'cancelled' | 'checkedIn';

/** The query of each filter, newest first (checked-in ones by the time they checked in). */
export function registrationQuery(
  eventId: string,
  filter: RegistrationFilter | undefined,
  direction: 'asc' | 'desc' = 'desc',
): { where: NonNullable<Filter['where']>; orderBy: NonNullable<FindOptions['orderBy']> } {
  const by = (field: string) => [
    { field, direction },
    { field: '_id', direction: 'asc' as const },
  ];
  if (filter === 'checkedIn') {
    return { where: { eventId, checkedInAt: { ne: null } }, orderBy: by('checkedInAt') };
  }
  const where: Record<string, Condition> = filter ? { eventId, status: filter } : { eventId };
  return { where, orderBy: by('registeredAt') };
}

/** Registrations with their members' names and masked phones. */
export async function registrationRows(
  deps: BackendDeps,
  regs: EventRegistrationDoc[],
): Promise<EventRegistrationRow[]> {
  const person = await peopleByIds(
    deps,
    regs.map((r) => r.memberId),
  );
  return regs.map((r) => ({
    ...person(r.memberId),
    status: r.status,
    registeredAt: r.registeredAt,
    cancelledAt: r.cancelledAt,
    checkedInAt: r.checkedInAt,
    checkinBy: r.checkinBy,
  }));
}

/** 报名名单 in the console: all, standing, cancelled or checked-in registrations. */
export async function listRegistrations(
  deps: BackendDeps,
  input: { eventId: string; filter?: RegistrationFilter; page?: number; pageSize?: number },
): Promise<Page<EventRegistrationRow>> {
  await loadEvent(deps, input.eventId);
  const { where, orderBy } = registrationQuery(input.eventId, input.filter);
  const { docs, ...paging } = await findPage<EventRegistrationDoc>(
    deps.store,
    COLLECTIONS.eventRegistrations,
    { where },
    orderBy,
    input,
  );
  return { items: await registrationRows(deps, docs), ...paging };
}
