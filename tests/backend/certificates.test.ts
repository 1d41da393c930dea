/** @jest-environment node */
import type { Certificate, CertificateAnswer, MemberProfile } from '../../typings';
import { openSession } from '../../backend/domain/auth/sessions';
import { maskName } from '../../backend/domain/certificates/mask-name';
import type { UploadDoc } from '../../backend/domain/files/uploads';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type SeedMember, type TestBackend } from '../helpers/backend';
import { callerWith, drawablePng, JPEG_BYTES, PNG_BYTES } from '../helpers/files';

const SEAL = drawablePng();
import { auditEntries } from '../helpers/members';

const PORTAL = 'http://127.0.0.1:8787';
const CODE = /^[0-9A-HJKMNP-TV-Z]{12}$/;

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张*丰'],
    ['欧阳娜娜', '欧**娜'],
    ['王', '*'],
    ['𠀋小明', '𠀋*明'],
  ])('masks %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('certificates', () => {
  let t: TestBackend;
  beforeEach(() => {
    // 2026-06-15 12:00 in Shanghai.
    t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
    t.deps.config.portalUrl = PORTAL;
  });
  afterEach(() => t.close());

  /** A seeded member with an open session; `call` acts as them. */
  async function member(seed: Partial<SeedMember> & { phone: string }) {
    const id = await t.seedMember({
      name: '张三丰',
      memberNo: `M${seed.phone.slice(-4)}`,
      ...seed,
    });
    const { token } = await openSession(t.deps, callerWith(null), t.clock.now(), {
      subjectKind: 'member',
      subjectId: id,
      mustChangePassword: false,
    });
    return {
      id,
      call: (action: Parameters<TestBackend['call']>[0], data: object = {}) =>
        t.call(action, data as Record<string, unknown>, { token }),
    };
  }
  type Member = Awaited<ReturnType<typeof member>>;

  async function certificateOf(m: Member): Promise<Certificate> {
    const answer = dataOf<CertificateAnswer>(await m.call('member.certificate'));
    if (!answer.available) throw new Error(`no certificate: ${answer.reason}`);
    return answer.certificate;
  }

  const verify = (code: string, clientIp = '127.0.0.1') =>
    t.call('cert.verify', { code }, { clientIp });

  describe('member.certificate', () => {
    it('shows a current member everything the certificate needs', async () => {
      const me = await member({ phone: '13800138000', memberType: '学生会员' });
      await t.store.update(COLLECTIONS.members, me.id, { set: { joinedOn: '2020-09-01' } });

      const certificate = await certificateOf(me);
      expect(certificate).toEqual({
        name: '张三丰',
        memberNo: 'M8000',
        memberType: '学生会员',
        validFrom: '2020-09-01',
        validUntil: '2027-12-31',
        societyName: '学会会员系统',
        certificateNo: expect.stringMatching(/^2026\d{6}$/),
        verifyCode: expect.stringMatching(CODE),
        verifyUrl: `${PORTAL}/verify/${certificate.verifyCode}`,
        qrImage: expect.stringMatching(/^data:image\/png;base64,/),
        sealImage: null,
        issuedOn: '2026-06-15',
      });
      const qr = Buffer.from(certificate.qrImage.split(',')[1]!, 'base64');
      expect(qr.subarray(1, 4).toString('latin1')).toBe('PNG');
    });

    it('shows one to a member whose dues run out within the month', async () => {
      const me = await member({ phone: '13800138000', expiresOn: '2026-06-30' });
      expect((await certificateOf(me)).validUntil).toBe('2026-06-30');
    });

    it('answers the same number and code on every request, with one record and one audit entry', async () => {
      const me = await member({ phone: '13800138000' });
      const first = await certificateOf(me);
      t.clock.advance(3 * 86_400_000);
      const again = await certificateOf(me);

      expect(again.certificateNo).toBe(first.certificateNo);
      expect(again.verifyCode).toBe(first.verifyCode);
      expect(again.issuedOn).toBe('2026-06-18');
      expect(await t.store.count(COLLECTIONS.certificates)).toBe(1);
      const issued = (await auditEntries(t)).filter((e) => e.action === 'member.certificate.issue');
      expect(issued).toHaveLength(1);
      expect(issued[0]).toMatchObject({ actorId: me.id, target: me.id });
    });

    it('creates one record when first requests race', async () => {
      const me = await member({ phone: '13800138000' });
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => certificateOf(me)));

      expect(new Set(answers.map((c) => c.verifyCode)).size).toBe(1);
      expect(new Set(answers.map((c) => c.certificateNo)).size).toBe(1);
      expect(await t.store.count(COLLECTIONS.certificates)).toBe(1);
      // Five QR codes drawn at once, the first in a fresh module registry: seconds when loaded.
    }, 30_000);

    it('gives different members different numbers and codes', async () => {
      const a = await certificateOf(await member({ phone: '13800138000' }));
      const b = await certificateOf(await member({ phone: '13900139000' }));
      expect(a.certificateNo).not.toBe(b.certificateNo);
      expect(a.verifyCode).not.toBe(b.verifyCode);
    });

    it('tells a lapsed member why and how to renew, and issues nothing', async () => {
      const me = await member({ phone: '13800138000', expiresOn: '2026-03-05' });
      expect(dataOf(await me.call('member.certificate'))).toEqual({
        available: false,
        reason: 'expired',
        expiresOn: '2026-03-05',
        message: '您的会费已于 2026年3月5日 到期，证书暂不可用。续费后即可查看和下载会员证书。',
      });
      expect(await t.store.count(COLLECTIONS.certificates)).toBe(0);
    });

    it('sends a member without an expiry date to the secretariat', async () => {
      const me = await member({ phone: '13800138000', expiresOn: null });
      const answer = dataOf<CertificateAnswer>(await me.call('member.certificate'));
      expect(answer).toMatchObject({ available: false, reason: 'noExpiry', expiresOn: null });
      expect(answer.available ? '' : answer.message).toContain('秘书处');
      expect(await t.store.count(COLLECTIONS.certificates)).toBe(0);
    });

    it('refuses with NOT_CONFIGURED while the portal address is not set', async () => {
      t.deps.config.portalUrl = null;
      const me = await member({ phone: '13800138000' });
      expect(await me.call('member.certificate')).toMatchObject({
        ok: false,
        code: 'NOT_CONFIGURED',
        message: '学会尚未配置门户网址，暂时无法生成证书',
      });
    });

    it('is for logged-in members only', async () => {
      expect(await t.call('member.certificate', {})).toMatchObject({
        ok: false,
        code: 'UNAUTHENTICATED',
      });
    });
  });

  describe('cert.verify', () => {
    it('answers the masked name, the member type and validity, nothing else', async () => {
      const me = await member({ phone: '13800138000', name: '欧阳娜娜', memberType: '个人会员' });
      const { verifyCode } = await certificateOf(me);

      expect(dataOf(await verify(verifyCode))).toEqual({
        nameMasked: '欧**娜',
        memberType: '个人会员',
        validToday: true,
      });
    });

    it('takes the code in lower case, with spaces, and with O, I or L typed for 0 and 1', async () => {
      const me = await member({ phone: '13800138000' });
      const { verifyCode } = await certificateOf(me);
      const typed = verifyCode.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');

      expect(dataOf(await verify(`  ${typed} `))).toMatchObject({ validToday: true });
    });

    it('stops being valid the day after the dues run out (Asia/Shanghai)', async () => {
      const me = await member({ phone: '13800138000', expiresOn: '2026-06-20' });
      const { verifyCode } = await certificateOf(me);

      t.clock.set('2026-06-20T15:59:59Z'); // 23:59:59 on the last day, in Shanghai
      expect(dataOf(await verify(verifyCode))).toMatchObject({ validToday: true });
      t.clock.set('2026-06-20T16:00:00Z'); // midnight: the 21st has begun
      expect(dataOf(await verify(verifyCode))).toEqual({
        nameMasked: '张*丰',
        memberType: '个人会员',
        validToday: false,
      });
    });

    it('answers NOT_FOUND for a well-formed code nobody holds, INVALID_INPUT for a malformed one', async () => {
      expect(await verify('ABCDEFGHJK23')).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
        message: '未找到该证书，请核对二维码',
      });
      for (const code of ['', 'ABC', 'ABCDEFGHJK2U', 'ABCDEFGHJK23X', '../../etc']) {
        expect(await verify(code)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      }
      expect(await t.call('cert.verify', { code: 'ABCDEFGHJK23', id: 'x' })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
    });

    it('allows 60 look-ups a minute from one address', async () => {
      for (let i = 0; i < 60; i += 1) {
        expect(await verify('ABCDEFGHJK23', '10.0.0.9')).toMatchObject({ code: 'NOT_FOUND' });
      }
      expect(await verify('ABCDEFGHJK23', '10.0.0.9')).toMatchObject({
        ok: false,
        code: 'RATE_LIMITED',
        message: '查询过于频繁，请一分钟后再试',
      });
      expect(await verify('ABCDEFGHJK23', '10.0.0.10')).toMatchObject({ code: 'NOT_FOUND' });
      t.clock.advance(60_000);
      expect(await verify('ABCDEFGHJK23', '10.0.0.9')).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('never writes the code to the log', async () => {
      const me = await member({ phone: '13800138000' });
      const { verifyCode } = await certificateOf(me);
      await verify(verifyCode);
      await verify('ABCDEFGHJK23');

      const log = t.logger.lines.join('\n');
      expect(log).toContain('cert.verify');
      expect(log).not.toContain(verifyCode);
      expect(log).not.toContain('ABCDEFGHJK23');
    });
  });

  describe("another member's records", () => {
    let me: Member;
    let other: Member;
    beforeEach(async () => {
      me = await member({ phone: '13800138000', name: '陈静' });
      other = await member({ phone: '13900139000', name: '刘洋' });
    });

    const ids = () => [{ memberId: other.id }, { id: other.id }, { _id: other.id }];

    it('cannot be read whatever id is sent', async () => {
      const theirs = await certificateOf(other);
      for (const action of [
        'member.certificate',
        'member.profile.get',
        'member.invoiceInfo.get',
      ] as const) {
        for (const body of ids()) {
          const answer = await me.call(action, body);
          expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
          expect(JSON.stringify(answer)).not.toContain(theirs.verifyCode);
          expect(JSON.stringify(answer)).not.toContain('刘洋');
        }
      }
      expect((await certificateOf(me)).name).toBe('陈静');
      expect(dataOf<MemberProfile>(await me.call('member.profile.get')).name).toBe('陈静');
    });

    it('cannot be changed whatever id is sent', async () => {
      const before = await t.store.get(COLLECTIONS.members, other.id);
      for (const body of ids()) {
        expect(await me.call('member.profile.update', { ...body, workUnit: '篡改' })).toMatchObject(
          { ok: false, code: 'INVALID_INPUT' },
        );
        expect(
          await me.call('member.invoiceInfo.update', { ...body, titleType: '个人', title: '篡改' }),
        ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      }
      expect(await t.store.get(COLLECTIONS.members, other.id)).toEqual(before);
    });
  });

  describe('the seal', () => {
    /** An admin session of `role`; each admin id is its own upload owner. */
    async function admin(role: 'superAdmin' | 'secretariat' | 'finance', adminId: string = role) {
      const { token } = await openSession(t.deps, callerWith(null), t.clock.now(), {
        subjectKind: 'admin',
        subjectId: adminId,
        username: adminId,
        role,
        mustChangePassword: false,
      });
      return {
        call: (action: Parameters<TestBackend['call']>[0], data: object = {}) =>
          t.call(action, data as Record<string, unknown>, { token }),
        async upload(bytes: Buffer): Promise<string> {
          const gate = await t.backend.openUpload(callerWith(token));
          if (!gate.ok) throw new Error(`upload refused: ${gate.code}`);
          const stored = await gate.store({ name: 'seal.png', bytes });
          if (!stored.ok) throw new Error(`upload failed: ${stored.code}`);
          return stored.data.fileId;
        },
      };
    }
    const fileOf = async (id: string) => (await t.store.get<UploadDoc>(COLLECTIONS.files, id))!;

    it('takes the admin’s own PNG upload, keeps it, shows it and draws it on certificates', async () => {
      const secretary = await admin('superAdmin');
      const fileId = await secretary.upload(SEAL);

      expect(dataOf(await secretary.call('admin.society.setSeal', { fileId }))).toEqual({
        hasSeal: true,
      });
      const dataUrl = `data:image/png;base64,${SEAL.toString('base64')}`;
      expect(dataOf(await secretary.call('admin.society.seal'))).toEqual({
        hasSeal: true,
        sealImage: dataUrl,
      });
      expect((await fileOf(fileId)).expiresAt).toBeNull();
      expect((await auditEntries(t)).map((e) => e.action)).toContain('admin.society.setSeal');

      const me = await member({ phone: '13800138000' });
      expect((await certificateOf(me)).sealImage).toBe(dataUrl);
    });

    it('replaces and removes the seal, letting the old file expire', async () => {
      const boss = await admin('superAdmin');
      const first = await boss.upload(SEAL);
      const second = await boss.upload(drawablePng(9, 9));
      dataOf(await boss.call('admin.society.setSeal', { fileId: first }));
      dataOf(await boss.call('admin.society.setSeal', { fileId: second }));
      expect((await fileOf(first)).expiresAt).toBe(t.clock.now().toISOString());
      expect((await fileOf(second)).expiresAt).toBeNull();

      expect(dataOf(await boss.call('admin.society.setSeal', { fileId: null }))).toEqual({
        hasSeal: false,
      });
      expect(dataOf(await boss.call('admin.society.seal'))).toEqual({
        hasSeal: false,
        sealImage: null,
      });
      expect((await fileOf(second)).expiresAt).toBe(t.clock.now().toISOString());
    });

    it('refuses a PNG that does not decode and one too large to be a seal', async () => {
      const boss = await admin('superAdmin');
      const broken = await boss.upload(PNG_BYTES);
      const huge = await boss.upload(drawablePng(2001, 10));

      expect(await boss.call('admin.society.setSeal', { fileId: broken })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: '印章图片已损坏，无法读取，请重新导出后上传',
      });
      expect(await boss.call('admin.society.setSeal', { fileId: huge })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: '印章图片的长宽不能超过 2000 像素',
      });
      expect(dataOf(await boss.call('admin.society.seal'))).toEqual({
        hasSeal: false,
        sealImage: null,
      });
    });

    it('refuses a JPEG, a PNG over 256 KB and another admin’s upload', async () => {
      const secretary = await admin('superAdmin', 'admin-1');
      const jpeg = await secretary.upload(JPEG_BYTES);
      const large = await secretary.upload(
        Buffer.concat([PNG_BYTES, Buffer.alloc(256 * 1024 - PNG_BYTES.length + 1)]),
      );
      const someoneElses = await (await admin('superAdmin', 'admin-2')).upload(SEAL);

      expect(await secretary.call('admin.society.setSeal', { fileId: jpeg })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: '印章须为 PNG 图片（建议透明背景）',
      });
      expect(await secretary.call('admin.society.setSeal', { fileId: large })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: '印章图片不能超过 256 KB',
      });
      expect(await secretary.call('admin.society.setSeal', { fileId: someoneElses })).toMatchObject(
        { ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('不存在') },
      );
      expect((await fileOf(someoneElses)).expiresAt).not.toBeNull();
      expect(dataOf(await secretary.call('admin.society.seal'))).toEqual({
        hasSeal: false,
        sealImage: null,
      });
    });

    it('is the super-admin’s alone, as the society profile is', async () => {
      for (const role of ['secretariat', 'finance'] as const) {
        const other = await admin(role);
        const fileId = await other.upload(SEAL);
        expect(await other.call('admin.society.setSeal', { fileId })).toMatchObject({
          code: 'FORBIDDEN',
        });
        expect(await other.call('admin.society.seal')).toMatchObject({ code: 'FORBIDDEN' });
      }

      const me = await member({ phone: '13800138000' });
      expect(await me.call('admin.society.seal')).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await t.call('admin.society.setSeal', { fileId: null })).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    });
  });
});
