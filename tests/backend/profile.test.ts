/** @jest-environment node */
import type { MemberProfile } from '../../typings';
import type { UploadDoc } from '../../backend/domain/files/uploads';
import { checkIdNumber, maskIdNumber } from '../../backend/domain/members/id-number';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES } from '../helpers/files';
import { auditEntries, loggedInMember, type TestMember } from '../helpers/members';

/** GB 11643's own sample number, born 1949-12-31. */
const SAMPLE_ID = '11010519491231002X';

describe('checkIdNumber', () => {
  it.each([SAMPLE_ID, '11010519491231002x', '１１０１０５１９４９１２３１００２Ｘ'])(
    'accepts the published sample %s',
    (input) => {
      expect(checkIdNumber(input)).toEqual({ ok: true, value: SAMPLE_ID });
    },
  );

  it.each([
    ['110105194912310021', '校验位'],
    ['11010519491231012X', '校验位'],
    ['110105194902310021', '出生日期'],
    ['110105194913310021', '出生日期'],
    ['11010519491231002', '18位'],
    ['1101051949123100XX', '18位'],
  ])('refuses %s (%s)', (input, reason) => {
    const check = checkIdNumber(input);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });

  it('masks all but the region and the last four', () => {
    expect(maskIdNumber('510104199001011234')).toBe('5101**********1234');
  });
});

describe('member.profile', () => {
  let t: TestBackend;
  let me: TestMember;
  let other: TestMember;
  beforeEach(async () => {
    t = createTestBackend();
    me = await loggedInMember(t, '13800138000', '陈静');
    other = await loggedInMember(t, '13900139000', '刘洋');
  });
  afterEach(() => t.close());

  const view = async (member: TestMember) =>
    dataOf<MemberProfile>(await member.call('member.profile.get', {}));

  it('shows the account fields read-only and nothing filled in yet', async () => {
    expect(await view(me)).toEqual({
      name: '陈静',
      phoneMasked: '138****8000',
      memberNo: 'M8000',
      memberType: '个人会员',
      gender: null,
      birthDate: null,
      workUnit: null,
      department: null,
      title: null,
      position: null,
      education: null,
      specialty: null,
      address: null,
      postalCode: null,
      email: null,
      photoFileId: null,
      idNumberMasked: null,
      idNumberConsent: false,
    });
  });

  it('saves every editable field, trimmed, and answers the new view', async () => {
    const photo = await me.upload(JPEG_BYTES);
    const answer = await me.call('member.profile.update', {
      gender: '女',
      birthDate: '1949-12-31',
      idNumber: ' 11010519491231002x ',
      idNumberConsent: true,
      workUnit: '  四川大学华西医院 ',
      department: '心内科',
      title: '主任医师',
      position: '科主任',
      education: '博士研究生',
      specialty: '心血管内科',
      address: '成都市武侯区国学巷37号',
      postalCode: '610041',
      email: 'chen.jing@example.com',
      photoFileId: photo,
    });

    const profile = dataOf<MemberProfile>(answer);
    expect(profile).toMatchObject({
      workUnit: '四川大学华西医院',
      idNumberMasked: '1101**********002X',
      idNumberConsent: true,
      photoFileId: photo,
      postalCode: '610041',
    });
    expect(await view(me)).toEqual(profile);
    expect(await me.stored()).toMatchObject({ idNumber: SAMPLE_ID, department: '心内科' });
    const upload = await t.store.get<UploadDoc>(COLLECTIONS.files, photo);
    expect(upload?.expiresAt).toBeNull();
  });

  it('changes only the fields sent, and clears a field sent blank', async () => {
    await me.call('member.profile.update', { workUnit: '华西医院', email: 'a@example.com' });
    const profile = dataOf<MemberProfile>(await me.call('member.profile.update', { email: '  ' }));
    expect(profile).toMatchObject({ workUnit: '华西医院', email: null });
  });

  describe('refuses bad input with a message on the field and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a bad check digit', { idNumber: '110105194912310021', idNumberConsent: true }, '校验位'],
      ['an impossible birth date in the ID', { idNumber: '110105194902310021' }, '出生日期'],
      ['an ID number without consent', { idNumber: SAMPLE_ID }, '同意'],
      [
        'an ID number with consent refused',
        { idNumber: SAMPLE_ID, idNumberConsent: false },
        '同意',
      ],
      [
        'a birth date the ID number contradicts',
        { idNumber: SAMPLE_ID, idNumberConsent: true, birthDate: '1950-01-01' },
        '不一致',
      ],
      ['an impossible birth date', { birthDate: '1980-02-30' }, '出生日期'],
      ['a birth date in the future', { birthDate: '2030-01-01' }, '出生日期'],
      ['a bad email', { email: 'chen.jing@' }, '电子邮箱'],
      ['a bad postal code', { postalCode: '61004' }, '邮政编码'],
      ['a postal code with letters', { postalCode: '61004a' }, '邮政编码'],
      ['an over-long field', { workUnit: '院'.repeat(101) }, '工作单位不能超过100个字'],
      ['a control character', { address: '成都\u0000市' }, '通讯地址只能是一行文字'],
      ['a line break inside', { workUnit: '华西\n医院' }, '工作单位只能是一行文字'],
      ['an over-long address', { address: 'x'.repeat(201) }, '通讯地址'],
      ['a gender not offered', { gender: '未知' }, '性别'],
      ['a number for text', { department: 12 }, '部门'],
      ['a photo that does not exist', { photoFileId: 'f_missing' }, '照片'],
      ['the name', { name: '陈静静' }, '姓名不能由会员本人修改'],
      ['the phone', { phone: '13800138001' }, '手机号不能由会员本人修改'],
      ['the member number', { memberNo: 'M0001' }, '会员编号不能由会员本人修改'],
      ['the member type', { memberType: '单位会员' }, '会员类型不能由会员本人修改'],
    ];

    it.each(cases)('%s', async (_label, request, message) => {
      await me.call('member.profile.update', { workUnit: '华西医院' });
      const before = await me.stored();
      const auditBefore = (await auditEntries(t)).length;

      const answer = await me.call('member.profile.update', {
        email: 'ok@example.com',
        ...request,
      });

      expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(answer.ok ? '' : answer.message).toContain(message);
      expect(await me.stored()).toEqual(before);
      expect(await auditEntries(t)).toHaveLength(auditBefore);
    });

    it.each([
      ['a zod check', { email: 'not-an-email' }, 'email'],
      [
        'the national check digit',
        { idNumber: '110105194912310021', idNumberConsent: true },
        'idNumber',
      ],
      [
        'a withheld consent',
        { idNumber: '11010519491231002X', idNumberConsent: false },
        'idNumberConsent',
      ],
      ['a birth date the ID number contradicts', { birthDate: '1950-01-01' }, 'birthDate'],
      ['a field the member may not edit', { name: '陈静静' }, undefined],
    ])('names the field the message is about: %s', async (_label, request, field) => {
      await me.call('member.profile.update', {
        idNumber: '11010519491231002X',
        idNumberConsent: true,
      });

      const answer = await me.call('member.profile.update', request);

      expect(answer.ok).toBe(false);
      expect(answer.ok ? null : answer.field).toBe(field);
    });

    it('a photo that is not an image, or is another member’s', async () => {
      const pdf = await me.upload(PDF_BYTES);
      const theirs = await other.upload(PNG_BYTES);
      const before = await me.stored();

      const notImage = await me.call('member.profile.update', { photoFileId: pdf });
      const notMine = await me.call('member.profile.update', { photoFileId: theirs });

      expect(notImage).toEqual({
        ok: false,
        code: 'INVALID_INPUT',
        message: '照片须为 JPG 或 PNG 图片',
        field: 'photoFileId',
      });
      expect(notMine).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(await me.stored()).toEqual(before);
      const kept = await t.store.get<UploadDoc>(COLLECTIONS.files, theirs);
      expect(kept?.expiresAt).not.toBeNull();
    });
  });

  it('stores an ID number with earlier consent, and removes it on withdrawal', async () => {
    await me.call('member.profile.update', { idNumberConsent: true });
    dataOf(await me.call('member.profile.update', { idNumber: SAMPLE_ID }));
    expect((await me.stored()).idNumber).toBe(SAMPLE_ID);

    const withdrawn = dataOf<MemberProfile>(
      await me.call('member.profile.update', { idNumberConsent: false }),
    );

    expect(withdrawn).toMatchObject({ idNumberMasked: null, idNumberConsent: false });
    expect(await me.stored()).toMatchObject({ idNumber: null, idNumberConsent: false });
  });

  it('audits the names of the changed fields, never the ID number', async () => {
    await me.call('member.profile.update', {
      idNumber: SAMPLE_ID,
      idNumberConsent: true,
      workUnit: '华西医院',
    });
    await me.call('member.profile.update', { workUnit: '华西医院' });

    const entries = await auditEntries(t);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorKind: 'member',
      actorId: me.id,
      action: 'member.profile.update',
      target: me.id,
    });
    expect([...(entries[0]?.fields ?? [])].sort()).toEqual([
      'idNumber',
      'idNumberConsent',
      'workUnit',
    ]);
    expect(JSON.stringify(entries)).not.toContain('11010519491231');
  });

  it('never returns or logs the ID number, also when it is refused', async () => {
    const answers = [
      await me.call('member.profile.update', { idNumber: SAMPLE_ID, idNumberConsent: true }),
      await me.call('member.profile.get', {}),
      await me.call('member.profile.update', { idNumber: '110105194912310021' }),
      await me.call('member.profile.update', { idNumber: SAMPLE_ID, name: 'x' }),
    ];

    const seen = JSON.stringify(answers) + t.logger.lines.join('\n');
    expect(seen).not.toContain('11010519491231');
    expect(t.logger.lines.length).toBeGreaterThanOrEqual(answers.length);
  });

  it('keeps an attached photo and lets a replaced one expire', async () => {
    const first = await me.upload(PNG_BYTES);
    const second = await me.upload(JPEG_BYTES);

    dataOf(await me.call('member.profile.update', { photoFileId: first }));
    dataOf(await me.call('member.profile.update', { photoFileId: second }));

    const files = await t.store.find<UploadDoc>(COLLECTIONS.files);
    const byId = new Map(files.map((file) => [file._id, file]));
    expect(byId.get(second)?.expiresAt).toBeNull();
    expect(byId.get(first)?.expiresAt).toBe(t.clock.now().toISOString());
    expect((await view(me)).photoFileId).toBe(second);
  });

  describe('a member reaches only their own record', () => {
    it.each([
      ['memberId', { memberId: 'OTHER' }],
      ['id', { id: 'OTHER' }],
      ['_id', { _id: 'OTHER' }],
    ])('refuses an update naming a member by %s', async (_key, extra) => {
      const otherBefore = await other.stored();
      const mineBefore = await me.stored();
      const target = Object.fromEntries(
        Object.entries(extra).map(([key]) => [key, other.id]),
      ) as Record<string, string>;

      const answer = await me.call('member.profile.update', { workUnit: '别人的单位', ...target });

      expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(answer.ok ? '' : answer.message).toContain('不能由会员本人修改');
      expect(await other.stored()).toEqual(otherBefore);
      expect(await me.stored()).toEqual(mineBefore);
    });

    it('refuses a read naming another member, and answers only the caller’s own', async () => {
      await other.call('member.profile.update', { workUnit: '他的单位' });

      const named = await me.call('member.profile.get', { memberId: other.id });
      const mine = await view(me);

      expect(named).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(mine).toMatchObject({ name: '陈静', workUnit: null });
      expect(JSON.stringify(mine)).not.toContain('他的单位');
    });

    it('changes only the caller’s record', async () => {
      const otherBefore = await other.stored();
      dataOf(await me.call('member.profile.update', { workUnit: '我的单位' }));
      expect(await other.stored()).toEqual(otherBefore);
    });

    it('refuses without a member session', async () => {
      const anonymous = await t.call('member.profile.get', {});
      const update = await t.call('member.profile.update', { workUnit: 'x' });
      expect(anonymous).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      expect(update).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    });
  });

  describe('concurrent updates', () => {
    it('two at once with different fields: both apply or one answers CONFLICT', async () => {
      for (let round = 0; round < 5; round += 1) {
        const unit = `单位${round}`;
        const email = `r${round}@example.com`;
        const [a, b] = await Promise.all([
          me.call('member.profile.update', { workUnit: unit }),
          me.call('member.profile.update', { email }),
        ]);

        for (const answer of [a, b]) {
          expect(answer.ok || answer.code === 'CONFLICT').toBe(true);
        }
        const stored = await me.stored();
        if (a.ok) expect(stored.workUnit).toBe(unit);
        if (b.ok) expect(stored.email).toBe(email);
      }
    });

    it('a save whose record changed since its read answers CONFLICT', async () => {
      const batch = t.store.batch.bind(t.store);
      jest.spyOn(t.store, 'batch').mockImplementationOnce(async (writes) => {
        // Another save lands between this call's read and its write.
        dataOf(await me.call('member.profile.update', { email: 'first@example.com' }));
        return batch(writes);
      });

      const late = await me.call('member.profile.update', { workUnit: '后到的单位' });

      expect(late).toMatchObject({ ok: false, code: 'CONFLICT' });
      expect(await me.stored()).toMatchObject({ email: 'first@example.com', workUnit: null });
      expect((await auditEntries(t)).map((entry) => entry.fields)).toEqual([['email']]);
    });
  });
});
