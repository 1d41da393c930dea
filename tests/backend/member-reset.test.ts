/** @jest-environment node */
import { ensureFirstAdmin } from '../../backend/domain/admins/accounts';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

const ADMIN_PASSWORD = 'Secretariat-2026!';
const PHONE = '13997373133';
const NEW_PASSWORD = 'Lotus-river-42';

describe('admin.members.resetPassword', () => {
  let t: TestBackend;
  let superToken: string;
  let memberId: string;

  beforeEach(async () => {
    t = createTestBackend();
    await ensureFirstAdmin(t.deps, ADMIN_PASSWORD, t.clock.now());
    superToken = dataOf<{ token: string }>(
      await t.call('admin.login', { username: 'admin', password: ADMIN_PASSWORD }),
    ).token;
    memberId = await t.seedMember({ phone: PHONE, name: '夏慧然', memberNo: 'SCXH110001' });
  });
  afterEach(() => t.close());

  /** An admin of `role` past the change of the temporary password. */
  async function adminToken(role: 'secretariat' | 'finance', username: string) {
    const { temporaryPassword } = dataOf<{ temporaryPassword: string }>(
      await t.call(
        'admin.accounts.create',
        { username, displayName: '王老师', role },
        { token: superToken },
      ),
    );
    const { token } = dataOf<{ token: string }>(
      await t.call('admin.login', { username, password: temporaryPassword }),
    );
    const changed = await t.call(
      'admin.changePassword',
      { currentPassword: temporaryPassword, newPassword: 'Harbor-lantern-77' },
      { token },
    );
    expect(changed.ok).toBe(true);
    return token;
  }

  /** The member has chosen a password and is logged in with it. */
  async function memberWithOwnPassword() {
    const { token } = dataOf<{ token: string }>(
      await t.call('auth.login', { phone: PHONE, password: PHONE }),
    );
    const change = await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword: NEW_PASSWORD },
      { token },
    );
    expect(change.ok).toBe(true);
    return token;
  }

  it('puts the member back on the phone number and ends their sessions', async () => {
    const memberToken = await memberWithOwnPassword();
    const secretariat = await adminToken('secretariat', 'wang');

    const reset = await t.call('admin.members.resetPassword', { memberId }, { token: secretariat });

    expect(reset).toEqual({ ok: true, data: { reset: true } });
    expect(await t.call('member.dashboard', {}, { token: memberToken })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    expect(await t.call('auth.login', { phone: PHONE, password: NEW_PASSWORD })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    const again = dataOf<{ mustChangePassword: boolean }>(
      await t.call('auth.login', { phone: PHONE, password: PHONE }),
    );
    expect(again.mustChangePassword).toBe(true);
  });

  it('lifts a lock left by failed guesses', async () => {
    await memberWithOwnPassword();
    for (let i = 0; i < 5; i += 1) {
      await t.call('auth.login', { phone: PHONE, password: `guess-${i}-x` });
    }
    expect(await t.call('auth.login', { phone: PHONE, password: PHONE })).toMatchObject({
      code: 'LOCKED',
    });

    await t.call('admin.members.resetPassword', { memberId }, { token: superToken });

    expect((await t.call('auth.login', { phone: PHONE, password: PHONE })).ok).toBe(true);
  });

  it('records the reset in the audit log', async () => {
    await t.call('admin.members.resetPassword', { memberId }, { token: superToken });

    const entries = await t.store.find(COLLECTIONS.auditLog, {
      where: { action: 'admin.members.resetPassword' },
    });
    expect(entries).toEqual([expect.objectContaining({ actorKind: 'admin', target: memberId })]);
  });

  it('is for the super-admin and the secretariat only', async () => {
    const finance = await adminToken('finance', 'qian');
    const memberToken = await memberWithOwnPassword();

    expect(
      await t.call('admin.members.resetPassword', { memberId }, { token: finance }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(
      await t.call('admin.members.resetPassword', { memberId }, { token: memberToken }),
    ).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect((await t.call('auth.login', { phone: PHONE, password: NEW_PASSWORD })).ok).toBe(true);
  });

  it('answers NOT_FOUND for an unknown member', async () => {
    const result = await t.call(
      'admin.members.resetPassword',
      { memberId: 'no-such-member' },
      { token: superToken },
    );

    expect(result).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
