/** @jest-environment node */
import { memberStatus } from '../../backend/domain/members/status';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

describe('memberStatus', () => {
  it.each([
    [null, '2026-06-15', 'unknown'],
    ['2026-06-14', '2026-06-15', 'expired'],
    ['2026-06-15', '2026-06-15', 'expiring'],
    ['2026-07-15', '2026-06-15', 'expiring'],
    ['2026-07-16', '2026-06-15', 'active'],
    ['2027-01-01', '2026-12-31', 'expiring'],
    ['2024-02-29', '2024-03-01', 'expired'],
  ])('expiresOn %p on %s is %s', (expiresOn, today, status) => {
    expect(memberStatus({ expiresOn }, today)).toBe(status);
  });
});

describe('member.dashboard', () => {
  let t: TestBackend;
  afterEach(() => t.close());

  async function dashboardAt(now: string, expiresOn: string | null) {
    t = createTestBackend({ now });
    await t.seedMember({ phone: '15001047492', name: '侯鹏佳', memberNo: 'SCXH150006', expiresOn });
    const { token } = dataOf<{ token: string }>(
      await t.call('auth.login', { phone: '15001047492', password: '15001047492' }),
    );
    await t.call(
      'auth.changePassword',
      { currentPassword: '15001047492', newPassword: 'Panda-bamboo-77' },
      { token },
    );
    return dataOf<Record<string, unknown>>(await t.call('member.dashboard', {}, { token }));
  }

  it('answers the figures of the home page in one call', async () => {
    const dashboard = await dashboardAt('2026-06-15T04:00:00Z', '2027-03-31');

    expect(dashboard).toEqual({
      name: '侯鹏佳',
      memberNo: 'SCXH150006',
      memberType: '个人会员',
      expiresOn: '2027-03-31',
      status: 'active',
      pointsThisYear: 1,
      pointsYear: 2026,
    });
  });

  it('judges the date in Asia/Shanghai: 16:30 UTC on 31 December is already the new year', async () => {
    const dashboard = await dashboardAt('2025-12-31T16:30:00Z', '2025-12-31');

    expect(dashboard).toMatchObject({ status: 'expired', pointsYear: 2026, pointsThisYear: 1 });
  });

  it('says unknown when the roster has no expiry date', async () => {
    expect(await dashboardAt('2026-06-15T04:00:00Z', null)).toMatchObject({
      expiresOn: null,
      status: 'unknown',
    });
  });
});
