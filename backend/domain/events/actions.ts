import { z } from 'zod';
import { defineAction, type AnyAction } from '../../core/registry';
import { pagingInput, requestIdInput } from '../../core/validation';
import { htmlInput, idInput, statusFilter } from '../content/input';
import { changeEventStatus, getAdminEvent, listAdminEvents, saveEvent } from './admin';
import { checkInByAdmin, checkInWithCode, currentCheckinCode } from './checkin';
import { exportEvent } from './export';
import { getEvent, listEvents } from './member';
import { listRegistrations } from './registrations';
import { cancelRegistration, registerForEvent } from './registration';
import { charCount, hasControl, hasLoneSurrogate, visibleCount } from '../../core/text';

// 会内活动: members register, cancel and check in at the venue with a code that changes every
// minute; the secretariat and the super-admin write, publish and withdraw events, show the
// code, check members in by hand and export who came.

const EDITORS = ['superAdmin', 'secretariat'] as const;
const eventId = idInput('活动不存在');
const memberId = idInput('请选择会员');

/** Events of a society's own era: a typo of a year (1970, 9999) is refused, not kept. */
const EARLIEST = '2000-01-01T00:00:00.000Z';
const LATEST = '2100-01-01T00:00:00.000Z';
/** Check-in may open before the start and close after the end, by at most a day. */
const DAY_MS = 24 * 60 * 60 * 1000;
const shifted = (at: string, ms: number) => new Date(new Date(at).getTime() + ms).toISOString();

/** An instant with its offset, stored as ISO UTC. */
const instant = (label: string) =>
  z.iso
    .datetime({ error: `${label}的格式不正确`, offset: true })
    .transform((at) => new Date(at).toISOString())
    .refine((at) => at >= EARLIEST && at < LATEST, `${label}应在2000年至2099年之间`);

/** One line of text, counted as members count characters; nothing one cannot see. */
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .refine((t) => visibleCount(t) >= min, `${label}应为${min}-${max}个字`)
    .refine((t) => charCount(t) <= max, `${label}应为${min}-${max}个字`)
    .refine(
      (t) => !hasControl(t) && !hasLoneSurrogate(t),
      `${label}只能是一行文字，不能包含无法显示的字符`,
    );

const saveInput = z
  .strictObject({
    eventId: eventId.optional(),
    title: text('标题', 2, 100),
    html: htmlInput('请填写活动介绍'),
    place: text('地点', 1, 100),
    capacity: z
      .number({ error: '请填写名额' })
      .int('名额应为1-10000的整数')
      .min(1, '名额应为1-10000的整数')
      .max(10_000, '名额应为1-10000的整数'),
    startsAt: instant('开始时间'),
    endsAt: instant('结束时间'),
    registrationDeadline: instant('报名截止时间'),
    checkinStartsAt: instant('签到开始时间'),
    checkinEndsAt: instant('签到结束时间'),
    requestId: requestIdInput,
  })
  // ISO UTC strings of one format compare as the instants do.
  .refine((e) => e.startsAt < e.endsAt, { message: '结束时间应晚于开始时间', path: ['endsAt'] })
  .refine((e) => e.registrationDeadline <= e.endsAt, {
    message: '报名截止时间不能晚于活动结束时间',
    path: ['registrationDeadline'],
  })
  .refine((e) => e.checkinStartsAt < e.checkinEndsAt, {
    message: '签到结束时间应晚于签到开始时间',
    path: ['checkinEndsAt'],
  })
  .refine((e) => e.checkinStartsAt >= shifted(e.startsAt, -DAY_MS), {
    message: '签到最早在活动开始前一天开始',
    path: ['checkinStartsAt'],
  })
  .refine((e) => e.checkinEndsAt <= shifted(e.endsAt, DAY_MS), {
    message: '签到最晚在活动结束后一天结束',
    path: ['checkinEndsAt'],
  });

export const eventActions: AnyAction[] = [
  defineAction({
    name: 'events.list',
    access: 'member',
    input: z.strictObject(pagingInput),
    handler: (input, ctx) => listEvents(ctx, input),
  }),
  defineAction({
    name: 'events.get',
    access: 'member',
    input: z.strictObject({ eventId }),
    handler: (input, ctx) => getEvent(ctx, input.eventId),
  }),
  defineAction({
    name: 'events.register',
    access: 'member',
    input: z.strictObject({ eventId }),
    handler: (input, ctx) => registerForEvent(ctx, input.eventId),
  }),
  defineAction({
    name: 'events.cancel',
    access: 'member',
    input: z.strictObject({ eventId }),
    handler: (input, ctx) => cancelRegistration(ctx, input.eventId),
  }),
  defineAction({
    name: 'events.checkin',
    access: 'member',
    input: z.strictObject({
      code: z.string({ error: '签到码无效' }).min(1, '签到码无效').max(200, '签到码无效'),
    }),
    handler: (input, ctx) => checkInWithCode(ctx, input.code),
  }),
  defineAction({
    name: 'admin.events.list',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ status: statusFilter, ...pagingInput }),
    handler: (input, ctx) => listAdminEvents(ctx.deps, input),
  }),
  defineAction({
    name: 'admin.events.get',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ eventId }),
    handler: (input, ctx) => getAdminEvent(ctx.deps, input.eventId),
  }),
  defineAction({
    name: 'admin.events.save',
    access: 'admin',
    roles: EDITORS,
    input: saveInput,
    handler: (input, ctx) => saveEvent(ctx, input),
  }),
  defineAction({
    name: 'admin.events.publish',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ eventId }),
    handler: (input, ctx) => changeEventStatus(ctx, input.eventId, 'published'),
  }),
  defineAction({
    name: 'admin.events.withdraw',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ eventId }),
    handler: (input, ctx) => changeEventStatus(ctx, input.eventId, 'withdrawn'),
  }),
  defineAction({
    name: 'admin.events.checkinCode',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ eventId }),
    handler: (input, ctx) => currentCheckinCode(ctx, input.eventId),
  }),
  defineAction({
    name: 'admin.events.registrations',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({
      eventId,
      filter: z.enum(['registered', 'cancelled', 'checkedIn']).optional(),
      ...pagingInput,
    }),
    handler: (input, ctx) => listRegistrations(ctx.deps, input),
  }),
  defineAction({
    name: 'admin.events.checkin',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ eventId, memberId }),
    handler: (input, ctx) => checkInByAdmin(ctx, input),
  }),
  defineAction({
    name: 'admin.events.export',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ eventId }),
    handler: (input, ctx) => exportEvent(ctx, input.eventId),
  }),
];
