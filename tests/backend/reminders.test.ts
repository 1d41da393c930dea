/** @jest-environment node */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminRole, ReminderOutboxItem } from '../../typings';
import { createCloudSubscriptionMessages } from '../../backend/adapters/cloudbase/subscribe-message';
import { cloudConfig } from '../../backend/cloud/config';
import { fixedClock } from '../../backend/core/clock';
import type { Caller } from '../../backend/core/context';
import { calendarDate } from '../../backend/core/dates';
import { createMemoryLogger } from '../../backend/core/logger';
import { openSession } from '../../backend/domain/auth/sessions';
import type { OutboxDoc, ReminderSubscriptionDoc } from '../../backend/domain/reminders/model';
import { thingValue } from '../../backend/domain/reminders/message';
import { createLocalDeps } from '../../backend/local/deps';
import {
  SubscriptionMessageError,
  type SubscriptionMessage,
  type SubscriptionMessages,
} from '../../backend/ports/wechat';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesMember, withDemoSettings } from '../helpers/dues';
import { runChild } from '../helpers/cli';

const TEMPLATE = 'tmpl-dues-expiry';
// 2026-06-15 00:05 and 23:55 in Shanghai: the first minutes and the last of one calendar day,
// which UTC sees on two different dates.
const JUST_AFTER_MIDNIGHT = '2026-06-14T16:05:00Z';
const JUST_BEFORE_MIDNIGHT = '2026-06-15T15:55:00Z';

/** A fake WeChat: records every send; `refuse` makes the next sends fail with a code. */
function fakeMessages() {
  const sent: SubscriptionMessage[] = [];
  const refusals: string[] = [];
  const port: SubscriptionMessages = {
    async send(message) {
      const code = refusals.shift();
      if (code) throw new SubscriptionMessageError(code, 'refused');
      sent.push(message);
    },
  };
  return { port, sent, refuse: (...codes: string[]) => refusals.push(...codes) };
}

describe('会费到期提醒', () => {
  let t: TestBackend;
  beforeEach(() => {
    t = createTestBackend({ now: JUST_AFTER_MIDNIGHT });
    t.deps.config.reminderTemplateId = TEMPLATE;
  });
  afterEach(() => t.close());

  /**
   * A member's session and caller: from the mini-program, bound to `openid`; with null, from
   * the portal, which carries no OPENID.
   */
  async function memberCaller(memberId: string, openid: string | null): Promise<Partial<Caller>> {
    const caller: Caller = {
      transport: openid ? 'callFunction' : 'http',
      openid,
      token: null,
      clientIp: openid ? null : '127.0.0.1',
      requestId: randomUUID(),
    };
    const { token } = await openSession(t.deps, caller, t.clock.now(), {
      subjectKind: 'member',
      subjectId: memberId,
      mustChangePassword: false,
    });
    return { ...caller, token };
  }

  async function adminCaller(role: AdminRole): Promise<Partial<Caller>> {
    const caller: Caller = {
      transport: 'http',
      openid: null,
      token: null,
      clientIp: '127.0.0.1',
      requestId: randomUUID(),
    };
    const { token } = await openSession(t.deps, caller, t.clock.now(), {
      subjectKind: 'admin',
      subjectId: `admin-${role}`,
      mustChangePassword: false,
      username: role,
      role,
    });
    return { token };
  }

  async function accept(memberId: string, times = 1, openid = `openid-${memberId}`) {
    const caller = await memberCaller(memberId, openid);
    let credits = 0;
    for (let i = 0; i < times; i += 1) {
      ({ credits } = dataOf<{ credits: number }>(
        await t.call('dues.reminders.accept', { templateId: TEMPLATE }, caller),
      ));
    }
    return credits;
  }

  const outbox = () =>
    t.store.find<OutboxDoc>(
      COLLECTIONS.reminderOutbox,
      {},
      {
        orderBy: [{ field: '_id', direction: 'asc' }],
      },
    );
  const credits = async (memberId: string) =>
    (await t.store.get<ReminderSubscriptionDoc>(COLLECTIONS.reminderSubscriptions, memberId))
      ?.credits;

  describe('the days it picks', () => {
    async function seedAroundTheThreeDays() {
      const ids: Record<string, string> = {};
      const dates = [
        '2026-07-14',
        '2026-07-15',
        '2026-07-16', // today + 29, 30, 31
        '2026-06-21',
        '2026-06-22',
        '2026-06-23', // today + 6, 7, 8
        '2026-06-13',
        '2026-06-14',
        '2026-06-15', // yesterday − 1, yesterday, today
      ];
      for (const [i, expiresOn] of dates.entries()) {
        ids[expiresOn] = await t.seedMember({
          phone: `1990000${String(i).padStart(4, '0')}`,
          name: `会员${i}`,
          expiresOn,
        });
      }
      await t.seedMember({ phone: '19911110000', name: '无到期', expiresOn: null });
      return ids;
    }

    it.each([JUST_AFTER_MIDNIGHT, JUST_BEFORE_MIDNIGHT])(
      'at %s finds 30 days ahead, 7 days ahead and yesterday in Shanghai, nothing else',
      async (at) => {
        t.clock.set(at);
        const ids = await seedAroundTheThreeDays();

        const result = await t.backend.runJobs(['reminders']);

        expect(result.reminders).toEqual({
          in30Days: 1,
          in7Days: 1,
          expiredYesterday: 1,
          sent: 0,
          noSubscription: 0,
          failed: 0,
          local: 3,
          paid: 0,
        });
        expect((await outbox()).map((doc) => doc._id).sort()).toEqual(
          [
            `${ids['2026-07-15']}:in30Days:2026-07-15`,
            `${ids['2026-06-22']}:in7Days:2026-06-22`,
            `${ids['2026-06-14']}:expiredYesterday:2026-06-14`,
          ].sort(),
        );
      },
    );

    it('records nothing twice when the job runs again the same day', async () => {
      await seedAroundTheThreeDays();
      await t.backend.runJobs(['reminders']);
      t.clock.advance(3_600_000);

      const again = await t.backend.runJobs(['reminders']);

      expect(again.reminders).toMatchObject({ in30Days: 1, in7Days: 1, local: 0, sent: 0 });
      expect(await outbox()).toHaveLength(3);
    });

    it('does not remind a member whose renewal awaits finance’s review', async () => {
      t.clock.set('2026-06-15T04:00:00Z');
      await withDemoSettings(t);
      const paid = await duesMember(t, { phone: '19922220000', expiresOn: '2026-06-22' });
      await paid.orderInReview(1);
      const unpaid = await duesMember(t, { phone: '19933330000', expiresOn: '2026-06-22' });
      await unpaid.order(1);

      const result = await t.backend.runJobs(['reminders']);

      expect(result.reminders).toMatchObject({ in7Days: 2, paid: 1, local: 1 });
      expect((await outbox()).map((doc) => doc.memberId)).toEqual([unpaid.id]);
    });

    it('pages through more members than one query returns', async () => {
      const docs = Array.from({ length: 1001 }, (_, i) => ({
        _id: `m-${String(i).padStart(5, '0')}`,
        phone: `1980${String(i).padStart(7, '0')}`,
        name: `会员${i}`,
        expiresOn: '2026-06-22',
      }));
      await t.store.batch(
        docs.map((doc) => ({ op: 'insert' as const, collection: COLLECTIONS.members, doc })),
      );

      const result = await t.backend.runJobs(['reminders']);

      expect(result.reminders).toMatchObject({ in7Days: 1001, local: 1001 });
      expect(await t.store.count(COLLECTIONS.reminderOutbox)).toBe(1001);
    });
  });

  describe('sending', () => {
    let wechat: ReturnType<typeof fakeMessages>;
    beforeEach(() => {
      wechat = fakeMessages();
      t.deps.subscriptionMessages = wechat.port;
    });

    it('sends one message per acceptance, with the template data, and counts it down', async () => {
      const id = await t.seedMember({
        phone: '19900000001',
        name: '张明',
        expiresOn: '2026-07-15',
      });
      expect(await accept(id, 2)).toBe(2);
      t.deps.config.miniProgramEnvVersion = 'trial';

      const result = await t.backend.runJobs(['reminders']);

      expect(result.reminders).toMatchObject({ in30Days: 1, sent: 1, noSubscription: 0 });
      expect(wechat.sent).toEqual([
        {
          touser: `openid-${id}`,
          templateId: TEMPLATE,
          page: 'pages/home/index',
          data: {
            thing1: { value: '张明' },
            date2: { value: '2026年7月15日' },
            thing3: { value: '会费将于30天后到期，请及时续费' },
          },
          miniprogramState: 'trial',
        },
      ]);
      expect(await credits(id)).toBe(1);
      expect((await outbox())[0]).toMatchObject({ status: 'sent', errorCode: null });
      expect(t.logger.lines.join('\n')).not.toContain(`openid-${id}`);
    });

    it('spends the last acceptance once and then records noSubscription', async () => {
      const first = await t.seedMember({
        phone: '19900000001',
        name: '甲',
        expiresOn: '2026-07-15',
      });
      await accept(first, 1);
      await t.backend.runJobs(['reminders']);

      // A week later the same member is due for the 7-day reminder: nothing left to spend.
      t.clock.advance(23 * 86_400_000);
      const result = await t.backend.runJobs(['reminders']);

      expect(result.reminders).toMatchObject({ in7Days: 1, sent: 0, noSubscription: 1 });
      expect(wechat.sent).toHaveLength(1);
      expect(wechat.sent[0]!.data.thing3).toEqual({ value: '会费将于30天后到期，请及时续费' });
      expect(await credits(first)).toBe(0);
    });

    it('records noSubscription for a member who never accepted', async () => {
      await t.seedMember({ phone: '19900000001', name: '甲', expiresOn: '2026-06-14' });

      const result = await t.backend.runJobs(['reminders']);

      expect(result.reminders).toMatchObject({ expiredYesterday: 1, noSubscription: 1 });
      expect(wechat.sent).toHaveLength(0);
      expect((await outbox())[0]).toMatchObject({
        kind: 'expiredYesterday',
        status: 'noSubscription',
      });
    });

    it('on 43101 records the failure and sets the credits to 0', async () => {
      const id = await t.seedMember({ phone: '19900000001', name: '甲', expiresOn: '2026-06-22' });
      await accept(id, 3);
      wechat.refuse('43101');

      const result = await t.backend.runJobs(['reminders']);

      expect(result.reminders).toMatchObject({ in7Days: 1, failed: 1, sent: 0 });
      expect((await outbox())[0]).toMatchObject({ status: 'failed', errorCode: '43101' });
      expect(await credits(id)).toBe(0);
    });

    it('records another refusal with its code, the acceptance spent', async () => {
      const id = await t.seedMember({ phone: '19900000001', name: '甲', expiresOn: '2026-06-22' });
      await accept(id, 2);
      wechat.refuse('47003');

      const result = await t.backend.runJobs(['reminders']);

      expect(result.reminders).toMatchObject({ failed: 1 });
      expect((await outbox())[0]).toMatchObject({ status: 'failed', errorCode: '47003' });
      expect(await credits(id)).toBe(1);
      expect(t.logger.lines.some((line) => line.includes('reminder_failed'))).toBe(true);
    });

    it('does not send again when the job runs twice', async () => {
      const id = await t.seedMember({ phone: '19900000001', name: '甲', expiresOn: '2026-06-22' });
      await accept(id, 5);

      await t.backend.runJobs(['reminders']);
      await t.backend.runJobs(['reminders']);

      expect(wechat.sent).toHaveLength(1);
      expect(await credits(id)).toBe(4);
    });

    it('cuts a long name to 20 characters with …', async () => {
      expect(thingValue('一二三四五六七八九十一二三四五六七八九十')).toHaveLength(20);
      expect(thingValue('一二三四五六七八九十一二三四五六七八九十零')).toBe(
        '一二三四五六七八九十一二三四五六七八九…',
      );
    });
  });

  describe('dues.reminders.accept and status', () => {
    it('counts acceptances up to 50 and reports them with the template', async () => {
      const id = await t.seedMember({ phone: '19900000001', name: '甲' });
      const caller = await memberCaller(id, 'openid-a');

      expect(await accept(id, 52, 'openid-a')).toBe(50);
      expect(dataOf(await t.call('dues.reminders.status', {}, caller))).toEqual({
        credits: 50,
        templateId: TEMPLATE,
      });
      const doc = await t.store.get<ReminderSubscriptionDoc>(COLLECTIONS.reminderSubscriptions, id);
      expect(doc).toMatchObject({ openid: 'openid-a', templateId: TEMPLATE, credits: 50 });
    });

    it('counts two acceptances at once as two', async () => {
      const id = await t.seedMember({ phone: '19900000001', name: '甲' });
      const caller = await memberCaller(id, 'openid-a');

      await Promise.all([
        t.call('dues.reminders.accept', { templateId: TEMPLATE }, caller),
        t.call('dues.reminders.accept', { templateId: TEMPLATE }, caller),
      ]);

      expect(await credits(id)).toBe(2);
    });

    it('refuses a call that does not come from the mini-program', async () => {
      const id = await t.seedMember({ phone: '19900000001', name: '甲' });
      const portal = await memberCaller(id, null);
      const status = await t.call('dues.reminders.status', {}, portal);

      const result = await t.call('dues.reminders.accept', { templateId: TEMPLATE }, portal);

      expect(status).toMatchObject({ ok: true });
      expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await credits(id)).toBeUndefined();
    });

    it.each([
      ['another template', TEMPLATE, 'tmpl-other', 'INVALID_INPUT'],
      ['no template configured', null, TEMPLATE, 'NOT_CONFIGURED'],
    ])('refuses %s with %s', async (_case, configured, asked, code) => {
      t.deps.config.reminderTemplateId = configured;
      const id = await t.seedMember({ phone: '19900000001', name: '甲' });
      const caller = await memberCaller(id, 'openid-a');

      const result = await t.call('dues.reminders.accept', { templateId: asked }, caller);

      expect(result).toMatchObject({ ok: false, code });
      expect(await credits(id)).toBeUndefined();
    });

    it('counts acceptances of an earlier template as none', async () => {
      const id = await t.seedMember({ phone: '19900000001', name: '甲' });
      await accept(id, 3, 'openid-a');
      t.deps.config.reminderTemplateId = 'tmpl-new';
      const caller = await memberCaller(id, 'openid-a');

      expect(dataOf(await t.call('dues.reminders.status', {}, caller))).toEqual({
        credits: 0,
        templateId: 'tmpl-new',
      });
      const again = await t.call('dues.reminders.accept', { templateId: 'tmpl-new' }, caller);
      expect(dataOf(again)).toEqual({ credits: 1 });
    });
  });

  describe('admin.reminders.outbox', () => {
    async function fillOutbox() {
      await t.seedMember({ phone: '19900000001', name: '张明', expiresOn: '2026-07-15' });
      await t.backend.runJobs(['reminders']);
      t.clock.advance(86_400_000);
      await t.seedMember({ phone: '19900000002', name: '李华', expiresOn: '2026-06-23' });
      await t.backend.runJobs(['reminders']);
    }

    it.each<AdminRole>(['superAdmin', 'secretariat'])(
      'shows %s the reminders newest first, paged, with the member name',
      async (role) => {
        await fillOutbox();
        const caller = await adminCaller(role);

        const first = dataOf<{ items: ReminderOutboxItem[]; total: number }>(
          await t.call('admin.reminders.outbox', { page: 1, pageSize: 1 }, caller),
        );
        const second = dataOf<{ items: ReminderOutboxItem[] }>(
          await t.call('admin.reminders.outbox', { page: 2, pageSize: 1 }, caller),
        );

        expect(first.total).toBe(2);
        expect(first.items).toEqual([
          expect.objectContaining({
            memberName: '李华',
            kind: 'in7Days',
            expiresOn: '2026-06-23',
            status: 'local',
            errorCode: null,
            createdAt: '2026-06-15T16:05:00.000Z',
          }),
        ]);
        expect(second.items).toEqual([
          expect.objectContaining({
            memberName: '张明',
            kind: 'in30Days',
            expiresOn: '2026-07-15',
          }),
        ]);
      },
    );

    it('refuses finance and members', async () => {
      await fillOutbox();
      const id = await t.seedMember({ phone: '19900000003', name: '王芳' });

      const finance = await t.call('admin.reminders.outbox', {}, await adminCaller('finance'));
      const member = await t.call('admin.reminders.outbox', {}, await memberCaller(id, 'o'));

      expect(finance).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(member).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    });
  });
});

describe('the subscription message adapter', () => {
  const message: SubscriptionMessage = {
    touser: 'openid-x',
    templateId: TEMPLATE,
    page: 'pages/home/index',
    data: { thing1: { value: '张明' } },
    miniprogramState: 'formal',
  };

  it.each([
    ['directly', { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }],
    ['under result', { result: { errcode: 0, errmsg: 'ok' } }],
  ])('resolves when the SDK answers success %s, in the cloud call casing', async (_s, answer) => {
    const send = jest.fn().mockResolvedValue(answer);
    const port = createCloudSubscriptionMessages({ openapi: { subscribeMessage: { send } } });

    await expect(port.send(message)).resolves.toBeUndefined();
    expect(send).toHaveBeenCalledWith({ ...message, lang: 'zh_CN' });
  });

  it.each([
    ['thrown', () => Promise.reject({ errCode: 43101, errMsg: 'user refuse to accept' })],
    ['answered', () => Promise.resolve({ errCode: 43101, errMsg: 'user refuse to accept' })],
    ['answered under result', () => Promise.resolve({ result: { errcode: 43101, errmsg: 'x' } })],
  ])('turns a refusal %s into its code', async (_s, send) => {
    const port = createCloudSubscriptionMessages({ openapi: { subscribeMessage: { send } } });

    const failure = await port.send(message).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(SubscriptionMessageError);
    expect((failure as SubscriptionMessageError).errCode).toBe('43101');
    expect(String(failure)).not.toContain('openid-x');
  });

  it('names a throw without a code', async () => {
    const send = () => Promise.reject(new Error('socket hang up'));
    const port = createCloudSubscriptionMessages({ openapi: { subscribeMessage: { send } } });

    await expect(port.send(message)).rejects.toMatchObject({ errCode: 'thrown' });
  });
});

describe('cloudConfig REMINDER_TEMPLATE_ID', () => {
  it('reads the template, trimmed, and leaves reminders off without it', () => {
    expect(cloudConfig({ REMINDER_TEMPLATE_ID: ' tmpl-1 ' }).reminderTemplateId).toBe('tmpl-1');
    expect(cloudConfig({}).reminderTemplateId).toBeNull();
    expect(cloudConfig({ REMINDER_TEMPLATE_ID: '  ' }).reminderTemplateId).toBeNull();
  });
});

describe('npm run job -- reminders', () => {
  it('only writes the outbox, as local, once a day', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'reminders-cli-'));
    try {
      // The command reads the real clock: members due today and tomorrow cover a midnight.
      const deps = createLocalDeps(dataDir, {
        clock: fixedClock(new Date()),
        logger: createMemoryLogger(),
      });
      const day = 86_400_000;
      for (const [i, offset] of [30, 31].entries()) {
        const expiresOn = calendarDate(new Date(Date.now() + offset * day));
        await deps.store.insert(COLLECTIONS.members, {
          _id: `cli-member-${i}`,
          phone: `1990000000${i}`,
          name: `会员${i}`,
          expiresOn,
        });
      }
      deps.store.close();

      const first = runChild('backend/local/cli/job.ts', ['--', 'reminders'], {
        DATA_DIR: dataDir,
      });
      const second = runChild('backend/local/cli/job.ts', ['--', 'reminders'], {
        DATA_DIR: dataDir,
      });

      expect(first.status).toBe(0);
      expect(second.status).toBe(0);
      const counts = (stdout: string) =>
        (JSON.parse(stdout.trim().split('\n').at(-1)!) as { reminders: Record<string, number> })
          .reminders;
      const firstRun = counts(first.stdout);
      const secondRun = counts(second.stdout);
      expect(firstRun).toMatchObject({ in30Days: 1, local: 1, sent: 0, failed: 0 });
      expect(secondRun).toMatchObject({ sent: 0, failed: 0, noSubscription: 0 });
      const after = createLocalDeps(dataDir, { logger: createMemoryLogger() });
      try {
        const docs = await after.store.find<OutboxDoc>(COLLECTIONS.reminderOutbox);
        // Every record counted once: the second run adds only what a new day brought.
        expect(docs).toHaveLength(firstRun.local! + secondRun.local!);
        expect(docs.every((doc) => doc.status === 'local' && doc.kind === 'in30Days')).toBe(true);
        expect(await after.store.count(COLLECTIONS.reminderSubscriptions)).toBe(0);
      } finally {
        after.store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
