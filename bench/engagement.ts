/**
 * The bench's part for 通知, 服务, 会内活动 and the year's rewards: store calls per action, and
 * latency of the year's lists and of 报名 at 20,000 members. Every backend stands at
 * BENCH_NOW, and events are placed around it: registration and check-in are open.
 */
import { randomUUID } from 'node:crypto';
import { calendarYear } from '../backend/core/dates';
import type { Write } from '../backend/ports/store';
import { COLLECTIONS } from '../backend/schema/collections';
import { DEFAULT_POINTS_THRESHOLD } from '../backend/domain/society/settings';
import { timeCalls } from './measure';
import { call, memberIds, memberToken, type World } from './world';

/** Runs one action and records its store calls under `label`. */
export type Measure = (label: string, fn: () => Promise<unknown>) => Promise<void>;
export type Timing = Awaited<ReturnType<typeof timeCalls>>;

const HOUR_MS = 3_600_000;
const REGISTRANTS = 100;

const at = (now: Date, hours: number) => new Date(now.getTime() + hours * HOUR_MS).toISOString();

/** An event starting in two hours: registration open for one more, check-in open now. */
function eventInput(now: Date, capacity: number) {
  return {
    title: '年度学术会议',
    html: '<p>会议议程见附件。</p>',
    place: '成都市人民南路',
    capacity,
    startsAt: at(now, 2),
    endsAt: at(now, 6),
    registrationDeadline: at(now, 1),
    checkinStartsAt: at(now, -1),
    checkinEndsAt: at(now, 7),
    requestId: randomUUID(),
  };
}

/** Saves and publishes an event; answers its id. */
async function publishedEvent(w: World, adminToken: string, capacity: number) {
  const saved = await call(
    w,
    'admin.events.save',
    eventInput(w.deps.clock.now(), capacity),
    adminToken,
  );
  await call(w, 'admin.events.publish', { eventId: saved.id }, adminToken);
  return String(saved.id);
}

/**
 * This year's totals of `reached + below` members from the `skip`th on (members with no
 * total yet), as awards would leave them: `reached` at or above the threshold, the others
 * under it. Written straight to the store in one batch.
 */
async function seedTotals(w: World, reached: number, below: number, skip: number) {
  const year = calendarYear(w.deps.clock.now());
  const ids = await memberIds(w, reached + below, skip);
  const writes: Write[] = ids.map((memberId, i) => ({
    op: 'insert',
    collection: COLLECTIONS.pointsTotals,
    doc: {
      _id: `${memberId}:${year}`,
      memberId,
      year,
      total:
        i < reached
          ? DEFAULT_POINTS_THRESHOLD + (i % 40)
          : 1 + (i % (DEFAULT_POINTS_THRESHOLD - 1)),
    },
  }));
  await w.store.batch(writes);
}

async function noticeCalls(w: World, measure: Measure, adminToken: string, token: string) {
  let noticeId = '';
  await measure('admin.notices.save (new draft)', async () => {
    const notice = await call(
      w,
      'admin.notices.save',
      {
        title: '关于召开年度学术会议的通知',
        html: '<p>请各位会员于截止日前反馈是否参加。</p>',
        attachmentFileIds: [],
        reply: { kind: 'choice', options: ['参加', '不参加'], deadline: null },
        requestId: randomUUID(),
      },
      adminToken,
    );
    noticeId = String(notice.id);
  });
  await measure('admin.notices.publish', () =>
    call(w, 'admin.notices.publish', { noticeId }, adminToken),
  );
  await measure('notices.view (first)', () => call(w, 'notices.view', { noticeId }, token));
  await measure('notices.view (repeat)', () => call(w, 'notices.view', { noticeId }, token));
}

async function serviceCalls(w: World, measure: Measure, adminToken: string, token: string) {
  let serviceId = '';
  let applicationId = '';
  await measure('admin.services.save (new)', async () => {
    const service = await call(
      w,
      'admin.services.save',
      {
        name: '职称评审推荐',
        description: '为会员出具职称评审推荐意见。',
        requirements: '请写明申报的职称和单位。',
        active: true,
        requestId: randomUUID(),
      },
      adminToken,
    );
    serviceId = String(service.id);
  });
  await measure('services.apply (no attachment)', async () => {
    const application = await call(
      w,
      'services.apply',
      {
        serviceId,
        text: '申报副主任医师，请出具推荐意见。',
        attachmentFileIds: [],
        requestId: randomUUID(),
      },
      token,
    );
    applicationId = String(application.id);
  });
  await measure('admin.services.process (accept)', () =>
    call(w, 'admin.services.process', { applicationId, status: 'accepted' }, adminToken),
  );
}

async function eventCalls(
  w: World,
  measure: Measure,
  adminToken: string,
  tokens: { member: string; other: string },
) {
  let eventId = '';
  let code = '';
  await measure('admin.events.save (new draft)', async () => {
    const saved = await call(
      w,
      'admin.events.save',
      eventInput(w.deps.clock.now(), 100),
      adminToken,
    );
    eventId = String(saved.id);
  });
  await measure('admin.events.publish', () =>
    call(w, 'admin.events.publish', { eventId }, adminToken),
  );
  await measure('events.register', () => call(w, 'events.register', { eventId }, tokens.member));
  await measure('admin.events.checkinCode', async () => {
    code = String((await call(w, 'admin.events.checkinCode', { eventId }, adminToken)).code);
  });
  await measure('events.checkin', () => call(w, 'events.checkin', { code }, tokens.member));
  // A checked-in member may not cancel: another member registers, then cancels.
  await call(w, 'events.register', { eventId }, tokens.other);
  await measure('events.cancel', () => call(w, 'events.cancel', { eventId }, tokens.other));
}

/**
 * Rows of the store-calls table for 通知, 服务, 会内活动 and 年度名单, on a world of imported
 * members with the admin logged in. Two members get sessions of their own.
 */
export async function engagementStoreCalls(w: World, measure: Measure, adminToken: string) {
  const [first, second] = await memberIds(w, 2, 10);
  const member = await memberToken(w, first!);
  const other = await memberToken(w, second!);
  await noticeCalls(w, measure, adminToken, member);
  await serviceCalls(w, measure, adminToken, member);
  await eventCalls(w, measure, adminToken, { member, other });
  const reached = 50;
  // The members who earned points above are among the first 12; the seeded ones follow.
  await seedTotals(w, reached, 100, 20);
  const year = calendarYear(w.deps.clock.now());
  await measure(`admin.points.yearly (${reached} reached)`, () =>
    call(w, 'admin.points.yearly', { year }, adminToken),
  );
}

/** 报名 by `REGISTRANTS` different members, one call each, for an event with room for all. */
async function registerTimes(w: World, adminToken: string): Promise<Timing> {
  const eventId = await publishedEvent(w, adminToken, REGISTRANTS * 10);
  const ids = await memberIds(w, REGISTRANTS, 1000);
  const tokens = await Promise.all(ids.map((id) => memberToken(w, id)));
  return timeCalls(REGISTRANTS, (i) => call(w, 'events.register', { eventId }, tokens[i]!));
}

/** Latency rows for a large world: the year's lists with 500 reached, and 报名. */
export async function engagementLatency(w: World, adminToken: string): Promise<[string, Timing][]> {
  const reached = 500;
  await seedTotals(w, reached, 1500, 0);
  const year = calendarYear(w.deps.clock.now());
  return [
    [
      `admin.points.yearly (${reached} reached)`,
      await timeCalls(20, () => call(w, 'admin.points.yearly', { year }, adminToken)),
    ],
    [
      `admin.points.yearlyExport (${reached})`,
      await timeCalls(10, () => call(w, 'admin.points.yearlyExport', { year }, adminToken)),
    ],
    [`events.register (${REGISTRANTS} members)`, await registerTimes(w, adminToken)],
  ];
}
