import { z } from 'zod';
import type { MemberListItem } from '../../../typings';
import { maskPhone } from '../../core/mask';
import { calendarDate, calendarYear } from '../../core/dates';
import { AppError } from '../../core/errors';
import { defineAction } from '../../core/registry';
import { fields } from '../../core/validation';
import { COLLECTIONS } from '../../schema/collections';
import type { Filter } from '../../ports/store';
import { yearTotal } from '../points/ledger';
import type { MemberDoc } from './model';
import { memberStatus } from './status';

const dashboard = defineAction({
  name: 'member.dashboard',
  access: 'member',
  input: z.strictObject({}),
  handler: async (_input, { deps, principal, now }) => {
    const member = await deps.store.get<MemberDoc>(COLLECTIONS.members, principal.memberId);
    if (!member) throw new AppError('NOT_FOUND', '会员记录不存在，请联系秘书处');
    const pointsYear = calendarYear(now);
    return {
      name: member.name,
      memberNo: member.memberNo,
      memberType: member.memberType,
      expiresOn: member.expiresOn,
      status: memberStatus(member, calendarDate(now)),
      pointsThisYear: await yearTotal(deps, member._id, pointsYear),
      pointsYear,
    };
  },
});

const list = defineAction({
  name: 'admin.members.list',
  access: 'admin',
  roles: ['superAdmin', 'secretariat', 'finance'],
  input: z.strictObject({
    query: z.string().trim().max(50, '搜索词不能超过50个字').optional(),
    page: fields.page,
    pageSize: fields.pageSize,
  }),
  handler: async (input, { deps, now }) => {
    const page = input.page ?? 1;
    const pageSize = input.pageSize ?? 20;
    const filter = searchFilter(input.query ?? '');
    const [total, docs] = await Promise.all([
      deps.store.count(COLLECTIONS.members, filter),
      deps.store.find<MemberDoc>(COLLECTIONS.members, filter, {
        orderBy: [{ field: 'memberNo', direction: 'asc' }],
        skip: (page - 1) * pageSize,
        limit: pageSize,
      }),
    ]);
    const today = calendarDate(now);
    const items: MemberListItem[] = docs.map((m) => ({
      id: m._id,
      name: m.name,
      memberNo: m.memberNo,
      phoneMasked: maskPhone(m.phone),
      memberType: m.memberType,
      expiresOn: m.expiresOn,
      status: memberStatus(m, today),
    }));
    return { items, total, page, pageSize };
  },
});

/** Name or member number contains the query; a whole phone number matches exactly. */
function searchFilter(query: string): Filter {
  if (!query) return {};
  const digits = query.replace(/\D/g, '');
  const or: NonNullable<Filter['or']> = [
    { name: { contains: query } },
    { memberNo: { contains: query.toUpperCase() } },
  ];
  if (digits.length === 11) or.push({ phone: digits });
  return { or };
}

export const memberActions = [dashboard, list];
