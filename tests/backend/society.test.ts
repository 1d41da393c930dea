/** @jest-environment node */
import type { SocietyInfo } from '../../typings';
import { ensureFirstAdmin } from '../../backend/domain/admins/accounts';
import type { AuditDoc } from '../../backend/domain/audit/audit';
import {
  DEFAULT_SOCIETY,
  readSocietyForUpdate,
  societyWrite,
  writeSociety,
} from '../../backend/domain/society/settings';
import { StoreConflictError } from '../../backend/ports/store';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

const ADMIN_PASSWORD = 'Secretariat-2026!';
const PROFILE: SocietyInfo = {
  name: '四川省性学会',
  shortName: '省性学会',
  intro: '学会成立于1990年。\n服务全省会员。',
};

const USERNAMES = { secretariat: 'wang', finance: 'lisi' } as const;

describe('society profile in the admin console', () => {
  let t: TestBackend;
  let superToken: string;

  beforeEach(async () => {
    t = createTestBackend();
    await ensureFirstAdmin(t.deps, ADMIN_PASSWORD, t.clock.now());
    superToken = await loginAs('admin', ADMIN_PASSWORD);
  });
  afterEach(() => t.close());

  async function loginAs(username: string, password: string): Promise<string> {
    return dataOf<{ token: string }>(await t.call('admin.login', { username, password })).token;
  }

  /** A working account of the role: created, logged in, temporary password changed. */
  async function adminOf(role: 'secretariat' | 'finance'): Promise<string> {
    const { temporaryPassword } = dataOf<{ temporaryPassword: string }>(
      await t.call(
        'admin.accounts.create',
        { username: USERNAMES[role], displayName: '王老师', role },
        { token: superToken },
      ),
    );
    const token = await loginAs(USERNAMES[role], temporaryPassword);
    const changed = await t.call(
      'admin.changePassword',
      { currentPassword: temporaryPassword, newPassword: 'Lotus-Tianfu-2026' },
      { token },
    );
    expect(changed.ok).toBe(true);
    return token;
  }

  // Loosely typed on purpose: the tests send what a broken or hostile client might.
  const update = (profile: object, token = superToken) =>
    t.call('admin.society.update', profile as Record<string, unknown>, { token });

  const audits = async () =>
    (
      await t.store.find<AuditDoc>(
        COLLECTIONS.auditLog,
        { where: { action: 'admin.society.update' } },
        { orderBy: [{ field: 'at', direction: 'asc' }], limit: 100 },
      )
    ).map(({ actorKind, actorId, action, target, fields }) => ({
      actorKind,
      actorId,
      action,
      target,
      fields,
    }));

  it('shows the profile to every admin role, and to no one else', async () => {
    await writeSociety(t.deps, PROFILE, t.clock.now());

    for (const token of [superToken, await adminOf('secretariat'), await adminOf('finance')]) {
      expect(dataOf(await t.call('admin.society.get', {}, { token }))).toEqual(PROFILE);
    }
    expect(await t.call('admin.society.get', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers the defaults before anything was saved', async () => {
    expect(dataOf(await t.call('admin.society.get', {}, { token: superToken }))).toEqual(
      DEFAULT_SOCIETY,
    );
  });

  it('lets only the super-admin change it', async () => {
    for (const token of [await adminOf('secretariat'), await adminOf('finance')]) {
      expect(await update(PROFILE, token)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await update(PROFILE, 'not-a-session')).toMatchObject({ code: 'UNAUTHENTICATED' });

    expect(dataOf(await t.call('society.info', {}))).toEqual(DEFAULT_SOCIETY);
    expect(await audits()).toEqual([]);
  });

  it('saves a trimmed profile that society.info then shows to everyone', async () => {
    const saved = await update({
      name: `  ${PROFILE.name}\t`,
      shortName: ` ${PROFILE.shortName} `,
      intro: `\n学会成立于1990年。\r\n服务全省会员。  `,
    });

    expect(dataOf(saved)).toEqual(PROFILE);
    expect(dataOf(await t.call('society.info', {}))).toEqual(PROFILE);
    expect(dataOf(await t.call('admin.society.get', {}, { token: superToken }))).toEqual(PROFILE);
  });

  it('counts characters, not UTF-16 units: 50 rare characters make a valid name', async () => {
    // U+20000 takes two UTF-16 units each; a secretary sees one character.
    const rare = '\u{20000}'.repeat(50);

    expect(dataOf(await update({ ...PROFILE, name: rare }))).toMatchObject({ name: rare });
    expect(await update({ ...PROFILE, name: `${rare}学` })).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it.each([
    [{ name: '川' }, '学会名称至少需要 2 个字'],
    [{ name: '  ' }, '请填写学会名称'],
    [{ name: '学'.repeat(51) }, '学会名称不能超过 50 个字'],
    [{ name: '四川省<b>性</b>学会' }, '学会名称只能是纯文本，不能包含 < 或 > 符号'],
    [{ name: '四川省\n性学会' }, '学会名称只能是一行文字，不能换行或包含无法显示的字符'],
    [{ shortName: '' }, '请填写学会简称'],
    [{ shortName: '会'.repeat(21) }, '学会简称不能超过 20 个字'],
    [{ intro: '介'.repeat(2001) }, '学会简介不能超过 2000 个字'],
    [{ intro: '<script>alert(1)</script>' }, '学会简介只能是纯文本，不能包含 < 或 > 符号'],
    [{ intro: '简介\u0007' }, '学会简介包含无法显示的字符'],
  ])('refuses %j with a Chinese sentence on its field', async (change, message) => {
    expect(await update({ ...PROFILE, ...change })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message,
      field: Object.keys(change)[0],
    });
    expect(dataOf(await t.call('society.info', {}))).toEqual(DEFAULT_SOCIETY);
  });

  it('accepts the limits themselves and an empty introduction', async () => {
    const limits = { name: '学'.repeat(50), shortName: '会'.repeat(20), intro: '介'.repeat(2000) };

    expect((await update(limits)).ok).toBe(true);
    expect(dataOf(await update({ name: '学会', shortName: '学', intro: '' }))).toEqual({
      name: '学会',
      shortName: '学',
      intro: '',
    });
  });

  it('refuses fields it does not know and values that are not text', async () => {
    expect(await update({ ...PROFILE, logo: 'x' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await update({ ...PROFILE, name: 42 })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await update({ name: PROFILE.name })).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('audits each change with the fields that changed and none of the values', async () => {
    for (const intro of [PROFILE.intro, '新的简介', '新的简介']) {
      await update({ ...PROFILE, intro });
      t.clock.advance(60_000);
    }

    const entries = await audits();
    const adminId = entries[0]?.actorId;
    expect(adminId).toEqual(expect.any(String));
    expect(entries).toEqual([
      {
        actorKind: 'admin',
        actorId: adminId,
        action: 'admin.society.update',
        target: 'society',
        fields: ['name', 'shortName', 'intro'],
      },
      {
        actorKind: 'admin',
        actorId: adminId,
        action: 'admin.society.update',
        target: 'society',
        fields: ['intro'],
      },
    ]);
    const raw = JSON.stringify(await t.store.find(COLLECTIONS.auditLog, {}, { limit: 100 }));
    for (const value of [PROFILE.name, PROFILE.shortName, '新的简介']) {
      expect(raw).not.toContain(value);
    }
  });

  it('keeps a profile written before versions were kept, and refuses a stale save', async () => {
    // The demo seed's document, as older data folders have it: no version field.
    await t.store.insert(COLLECTIONS.settings, {
      _id: 'society',
      value: PROFILE,
      updatedAt: t.clock.now().toISOString(),
    });
    expect(dataOf(await update({ ...PROFILE, shortName: '学会' }))).toMatchObject({
      shortName: '学会',
    });

    const read = await readSocietyForUpdate(t.deps);
    await writeSociety(t.deps, { ...PROFILE, name: '另一位管理员的名称' }, t.clock.now());
    await expect(
      t.store.batch([societyWrite(PROFILE, t.clock.now(), read.version)]),
    ).rejects.toBeInstanceOf(StoreConflictError);
  });
});
