/** @jest-environment node */
import type { AdminFeedback, FeedbackItem, Page } from '../../typings';
import { createCloudContentSecurity } from '../../backend/adapters/cloudbase/msg-sec-check';
import type { Caller } from '../../backend/core/context';
import { openSession } from '../../backend/domain/auth/sessions';
import type { FeedbackDoc } from '../../backend/domain/feedback/model';
import type { AttachedFileDoc } from '../../backend/domain/files/attachments';
import { ContentCheckError, type ContentSecurity } from '../../backend/ports/wechat';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, type DuesAdmin, type DuesMember } from '../helpers/dues';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES } from '../helpers/files';
import { auditEntries } from '../helpers/members';

const OPENID = 'o-writer-openid-7f3a';
const TEXT = '建议学会在官网增加继续教育学分的查询功能，方便会员核对。';

let t: TestBackend;
let me: DuesMember;
let secretariat: DuesAdmin;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  t.deps.config.portalUrl = 'http://127.0.0.1:8787';
  me = await duesMember(t, { phone: '13800000001', name: '张明' });
  secretariat = await duesAdmin(t, 'secretariat');
});
afterEach(() => t.close());

let requests = 0;
const nextRequest = () => `feedback-req-${(requests += 1)}`;

const submit = (fields: Record<string, unknown> = {}, by: DuesMember = me) =>
  by.call('feedback.submit', {
    text: TEXT,
    pictureFileIds: [],
    contact: null,
    requestId: nextRequest(),
    ...fields,
  });

/** The member in the mini-program: a session bound to the OPENID, called through WeChat. */
async function fromMiniProgram() {
  const caller: Caller = {
    transport: 'callFunction',
    openid: OPENID,
    token: null,
    clientIp: null,
    requestId: 'wx-login',
  };
  const { token } = await openSession(t.deps, caller, t.clock.now(), {
    subjectKind: 'member',
    subjectId: me.id,
    mustChangePassword: false,
  });
  return (fields: Record<string, unknown> = {}) =>
    t.call(
      'feedback.submit',
      { text: TEXT, pictureFileIds: [], requestId: nextRequest(), ...fields },
      { token, openid: OPENID, transport: 'callFunction', clientIp: null },
    );
}

/** A content check that answers `verdict`, or throws it, and records what it was asked. */
function fakeCheck(verdict: Awaited<ReturnType<ContentSecurity['checkText']>> | Error) {
  const checkText = jest.fn<ReturnType<ContentSecurity['checkText']>, [unknown]>(() =>
    verdict instanceof Error ? Promise.reject(verdict) : Promise.resolve(verdict),
  );
  t.deps.contentSecurity = { checkText };
  return checkText;
}

const feedbackDoc = (id: string) => t.store.get<FeedbackDoc>(COLLECTIONS.feedback, id);
const fileDoc = (id: string) => t.store.get<AttachedFileDoc>(COLLECTIONS.files, id);
const stored = () => t.store.count(COLLECTIONS.feedback);
const ownList = async (m: DuesMember = me) =>
  dataOf<Page<FeedbackItem> & { unreadReplies: number }>(await m.call('feedback.list', {}));
const reply = (feedbackId: string, text = '感谢建议，秘书处已转交信息部门。', by = secretariat) =>
  by.call('admin.feedback.reply', { feedbackId, reply: text });
/** Every log line so far, for the checks that the member's words and OPENID stay out. */
const logText = () => t.logger.lines.join('\n');

describe('feedback.submit: bad input is refused with nothing stored', () => {
  it.each([
    ['an empty text', { text: '' }, 'text', '请填写意见建议'],
    ['spaces only', { text: '   ' }, 'text', '请填写意见建议'],
    ['four characters', { text: '建议改进' }, 'text', '意见建议至少需要5个字'],
    ['501 characters', { text: '议'.repeat(501) }, 'text', '意见建议不能超过500个字'],
    [
      'a contact of 51 characters',
      { contact: '1'.repeat(51) },
      'contact',
      '联系方式不能超过50个字',
    ],
  ])('%s', async (_name, fields, field, message) => {
    const check = fakeCheck({ suggest: 'pass', label: null });
    const answer = await submit(fields);
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', field, message });
    expect(await stored()).toBe(0);
    expect(check).not.toHaveBeenCalled();
  });

  it('counts characters as members do: 500 emoji are 500, not 1000', async () => {
    const item = dataOf<FeedbackItem>(await submit({ text: '👍'.repeat(500) }));
    expect(Array.from(item.text)).toHaveLength(500);
  });

  it('takes at most three pictures', async () => {
    const pictures = [];
    for (let i = 0; i < 4; i += 1) pictures.push(await me.upload(PNG_BYTES, `p${i}.png`));
    expect(await submit({ pictureFileIds: pictures })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'pictureFileIds',
      message: '最多上传3张图片',
    });
    expect(await stored()).toBe(0);
    for (const id of pictures) expect((await fileDoc(id))!.attachedAs).toBeUndefined();
  });

  it('takes JPEG and PNG only: a PDF among the pictures refuses the whole suggestion', async () => {
    const photo = await me.upload(JPEG_BYTES, 'photo.jpg');
    const pdf = await me.upload(PDF_BYTES, 'scan.pdf');
    const answer = await submit({ pictureFileIds: [photo, pdf] });
    expect(answer).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'pictureFileIds',
      message: '图片只能是 JPG 或 PNG 格式',
    });
    expect(await stored()).toBe(0);
    expect((await fileDoc(photo))!.attachedAs).toBeUndefined();
    expect((await fileDoc(photo))!.storagePath).toMatch(/^uploads\//);
  });

  it('takes only the member’s own uploads', async () => {
    const other = await duesMember(t, { phone: '13900000002', name: '李华' });
    const theirs = await other.upload(PNG_BYTES, 'theirs.png');
    expect(await submit({ pictureFileIds: [theirs] })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await stored()).toBe(0);
  });
});

describe('feedback.submit', () => {
  it('stores the suggestion with its pictures moved under it, audited without the text', async () => {
    const a = await me.upload(JPEG_BYTES, '截图1.jpg');
    const b = await me.upload(PNG_BYTES, '截图2.png');
    const item = dataOf<FeedbackItem>(
      await submit({ text: `  ${TEXT}  `, pictureFileIds: [a, b], contact: ' 微信 zm2026 ' }),
    );
    expect(item).toEqual({
      id: expect.any(String),
      text: TEXT,
      pictures: [
        { fileId: a, name: '截图1.jpg', contentType: 'image/jpeg', size: JPEG_BYTES.length },
        { fileId: b, name: '截图2.png', contentType: 'image/png', size: PNG_BYTES.length },
      ],
      contact: '微信 zm2026',
      createdAt: '2026-06-15T04:00:00.000Z',
      check: 'unchecked',
      reply: null,
      replyUnread: false,
    });
    expect(await fileDoc(a)).toMatchObject({
      storagePath: `feedback/${me.id}/${item.id}/${a}.jpg`,
      attachedAs: 'feedbackPicture',
      feedbackMemberId: me.id,
      expiresAt: null,
    });
    expect(await t.deps.files.get((await fileDoc(b))!.storedFileId)).toEqual(PNG_BYTES);

    const [audit] = (await auditEntries(t)).filter((e) => e.action === 'feedback.submit');
    expect(audit).toMatchObject({ actorId: me.id, target: item.id });
    expect(JSON.stringify(audit)).not.toContain('继续教育');
    expect(logText()).not.toContain('继续教育');
  });

  it('stores one suggestion for five submits of one requestId at once', async () => {
    const picture = await me.upload(PNG_BYTES, 'p.png');
    const requestId = nextRequest();
    const copies: string[] = [];
    const put = t.deps.files.put.bind(t.deps.files);
    t.deps.files.put = async (path, bytes, type) => {
      const id = await put(path, bytes, type);
      if (path.startsWith('feedback/')) copies.push(id);
      return id;
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => submit({ requestId, pictureFileIds: [picture] })),
    );
    const items = answers.map((a) => dataOf<FeedbackItem>(a));
    expect(new Set(items.map((i) => i.id)).size).toBe(1);
    expect(items.every((i) => i.pictures.length === 1)).toBe(true);
    expect(await stored()).toBe(1);
    expect((await fileDoc(picture))!.feedbackId).toBe(items[0]!.id);
    const audits = (await auditEntries(t)).filter((e) => e.action === 'feedback.submit');
    expect(audits).toHaveLength(1);
    // Of the copies the racing submits made, only the winner's is left.
    const kept = (await fileDoc(picture))!;
    const left = [];
    for (const id of copies) if (await t.deps.files.get(id)) left.push(id);
    expect(left).toEqual([kept.storedFileId]);
  });

  it('answers a repeat later with the first suggestion', async () => {
    const requestId = nextRequest();
    const first = dataOf<FeedbackItem>(await submit({ requestId }));
    const again = dataOf<FeedbackItem>(await submit({ requestId, text: '另一段不同的文字内容' }));
    expect(again).toEqual(first);
    expect(await stored()).toBe(1);
  });

  it('takes five suggestions a minute from one member, not a sixth', async () => {
    for (let i = 0; i < 5; i += 1) expect(await submit()).toMatchObject({ ok: true });

    expect(await submit()).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(await stored()).toBe(5);
  });

  it('refuses a visitor', async () => {
    expect(
      await t.call('feedback.submit', { text: TEXT, pictureFileIds: [], requestId: nextRequest() }),
    ).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('the content check', () => {
  it('asks WeChat with the writer’s OPENID as a comment, and stores a pass as passed', async () => {
    const check = fakeCheck({ suggest: 'pass', label: '100' });
    const send = await fromMiniProgram();
    const item = dataOf<FeedbackItem>(await send());
    expect(check).toHaveBeenCalledTimes(1);
    expect(check).toHaveBeenCalledWith({ openid: OPENID, scene: 2, content: TEXT });
    expect(item.check).toBe('passed');
    expect((await feedbackDoc(item.id))!.check).toBe('passed');
  });

  it('stores a text WeChat wants a person to see as review, with its label', async () => {
    fakeCheck({ suggest: 'review', label: '20012' });
    const item = dataOf<FeedbackItem>(await (await fromMiniProgram())());
    expect(item.check).toBe('review');
    expect(await feedbackDoc(item.id)).toMatchObject({ check: 'review', checkLabel: '20012' });
  });

  it('refuses a risky text on `text`, storing nothing and logging neither words nor OPENID', async () => {
    fakeCheck({ suggest: 'risky', label: '20001' });
    const picture = await me.upload(PNG_BYTES, 'p.png');
    const answer = await (await fromMiniProgram())({ pictureFileIds: [picture] });
    expect(answer).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'text',
      message: '内容可能含有不当信息，请修改后再提交',
    });
    expect(await stored()).toBe(0);
    expect((await fileDoc(picture))!.attachedAs).toBeUndefined();
    expect(logText()).toContain('20001');
    expect(logText()).not.toContain(OPENID);
    expect(logText()).not.toContain('继续教育');
  });

  it('keeps the words unchecked when the check fails, with a warning that names neither', async () => {
    fakeCheck(new Error(`upstream said no to ${OPENID} about ${TEXT}`));
    const item = dataOf<FeedbackItem>(await (await fromMiniProgram())());
    expect(item.check).toBe('unchecked');
    expect((await feedbackDoc(item.id))!.text).toBe(TEXT);
    const warning = t.logger.lines.find((l) => l.includes('feedback_check_failed'));
    expect(warning).toContain('"level":"warn"');
    expect(warning).toContain('upstream said no');
    expect(logText()).not.toContain(OPENID);
    expect(logText()).not.toContain('继续教育');
  });

  it('stays unchecked where it cannot run: from the portal (no OPENID), or with no port', async () => {
    const check = fakeCheck({ suggest: 'pass', label: null });
    expect(dataOf<FeedbackItem>(await submit()).check).toBe('unchecked');
    expect(check).not.toHaveBeenCalled();

    delete t.deps.contentSecurity;
    expect(dataOf<FeedbackItem>(await (await fromMiniProgram())()).check).toBe('unchecked');
  });
});

describe('the cloud adapter of msgSecCheck', () => {
  const port = (msgSecCheck: jest.Mock) =>
    createCloudContentSecurity({ openapi: { security: { msgSecCheck } } });
  const ask = { openid: OPENID, scene: 2 as const, content: TEXT };

  it('sends version 2 and reads the verdict, the label as text', async () => {
    const msgSecCheck = jest.fn().mockResolvedValue({
      errCode: 0,
      errMsg: 'openapi.security.msgSecCheck:ok',
      result: { suggest: 'review', label: 20001 },
      detail: [],
    });
    expect(await port(msgSecCheck).checkText(ask)).toEqual({ suggest: 'review', label: '20001' });
    expect(msgSecCheck).toHaveBeenCalledWith({
      openid: OPENID,
      scene: 2,
      version: 2,
      content: TEXT,
    });
  });

  it('reads a payload wrapped in a further result', async () => {
    const msgSecCheck = jest
      .fn()
      .mockResolvedValue({ result: { errcode: 0, result: { suggest: 'pass', label: 100 } } });
    expect(await port(msgSecCheck).checkText(ask)).toEqual({ suggest: 'pass', label: '100' });
  });

  it('takes the first version’s 87014 as risky', async () => {
    const msgSecCheck = jest.fn().mockRejectedValue({ errCode: 87014, errMsg: 'risky content' });
    expect(await port(msgSecCheck).checkText(ask)).toEqual({ suggest: 'risky', label: null });
  });

  it('fails with the platform’s code, thrown or answered, without the OPENID or the text', async () => {
    const thrown = jest
      .fn()
      .mockRejectedValue({ errCode: 40003, errMsg: `invalid openid ${OPENID}` });
    const failure = await port(thrown)
      .checkText(ask)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ContentCheckError);
    expect(failure).toMatchObject({ errCode: '40003' });
    expect((failure as Error).message).not.toContain(OPENID);

    const answered = jest.fn().mockResolvedValue({ errcode: -1, errmsg: `busy: ${TEXT}` });
    const busy = await port(answered)
      .checkText(ask)
      .catch((e: unknown) => e);
    expect(busy).toMatchObject({ errCode: '-1' });
    expect((busy as Error).message).not.toContain('继续教育');

    const empty = jest.fn().mockResolvedValue({ errCode: 0 });
    await expect(port(empty).checkText(ask)).rejects.toMatchObject({ errCode: 'no-result' });
  });

  it('turns a verdict through the whole submit into the stored check', async () => {
    const msgSecCheck = jest
      .fn()
      .mockResolvedValue({ errCode: 0, result: { suggest: 'review', label: 20012 } });
    t.deps.contentSecurity = port(msgSecCheck);
    const item = dataOf<FeedbackItem>(await (await fromMiniProgram())());
    expect(item.check).toBe('review');
  });
});

describe('replies and the unread mark', () => {
  it('shows the reply to the member as unread until they open it', async () => {
    const item = dataOf<FeedbackItem>(await submit());
    expect((await ownList()).unreadReplies).toBe(0);

    const answered = dataOf<AdminFeedback>(await reply(item.id));
    expect(answered).toMatchObject({
      id: item.id,
      reply: { text: '感谢建议，秘书处已转交信息部门。', repliedAt: '2026-06-15T04:00:00.000Z' },
      memberId: me.id,
      memberName: '张明',
      phoneMasked: '138****0001',
    });
    expect(answered).not.toHaveProperty('replyUnread');
    expect(JSON.stringify(answered)).not.toContain('13800000001');

    const list = await ownList();
    expect(list.unreadReplies).toBe(1);
    expect(list.items[0]).toMatchObject({ id: item.id, replyUnread: true });
    const opened = dataOf<FeedbackItem>(await me.call('feedback.view', { feedbackId: item.id }));
    expect(opened).toMatchObject({ replyUnread: false, reply: { text: expect.any(String) } });
    expect((await ownList()).unreadReplies).toBe(0);
    const again = dataOf<FeedbackItem>(await me.call('feedback.view', { feedbackId: item.id }));
    expect(again.replyUnread).toBe(false);
  });

  it('replaces a reply with a second one, unread again, each audited without the words', async () => {
    const item = dataOf<FeedbackItem>(await submit());
    dataOf(await reply(item.id, '第一次回复的内容'));
    dataOf(await me.call('feedback.view', { feedbackId: item.id }));
    t.clock.advance(60_000);
    dataOf(await reply(item.id, '更正：该功能将于下月上线'));

    const [row] = (await ownList()).items;
    expect(row).toMatchObject({
      replyUnread: true,
      reply: { text: '更正：该功能将于下月上线', repliedAt: '2026-06-15T04:01:00.000Z' },
    });
    const audits = (await auditEntries(t)).filter((e) => e.action === 'admin.feedback.reply');
    expect(audits.map((a) => a.summary.replaced)).toEqual(expect.arrayContaining([false, true]));
    expect(JSON.stringify(audits)).not.toContain('更正');
  });

  it('lets one of two replies at once land; the other is told to look first', async () => {
    const item = dataOf<FeedbackItem>(await submit());
    const [a, b] = await Promise.all([
      reply(item.id, '回复甲的内容'),
      reply(item.id, '回复乙的内容'),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' });
    expect((await auditEntries(t)).filter((e) => e.action === 'admin.feedback.reply')).toHaveLength(
      1,
    );
  });

  it('refuses a reply too short or too long, and one to nothing', async () => {
    const item = dataOf<FeedbackItem>(await submit());
    expect(await reply(item.id, '好')).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'reply',
    });
    expect(await reply(item.id, '复'.repeat(501))).toMatchObject({ ok: false, field: 'reply' });
    expect(await reply('missing')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await feedbackDoc(item.id))!.reply).toBeNull();
  });

  it('lists everyone’s in the console, newest first, replied or not on request', async () => {
    const other = await duesMember(t, { phone: '13900000002', name: '李华' });
    const first = dataOf<FeedbackItem>(await submit());
    t.clock.advance(1000);
    const second = dataOf<FeedbackItem>(await submit({}, other));
    dataOf(await reply(first.id));

    const all = dataOf<Page<AdminFeedback>>(await secretariat.call('admin.feedback.list', {}));
    expect(all.items.map((i) => [i.id, i.memberName, i.phoneMasked])).toEqual([
      [second.id, '李华', '139****0002'],
      [first.id, '张明', '138****0001'],
    ]);
    const open = dataOf<Page<AdminFeedback>>(
      await secretariat.call('admin.feedback.list', { replied: false }),
    );
    expect(open).toMatchObject({ total: 1, items: [{ id: second.id, reply: null }] });
    const done = dataOf<Page<AdminFeedback>>(
      await secretariat.call('admin.feedback.list', { replied: true }),
    );
    expect(done.items.map((i) => i.id)).toEqual([first.id]);
  });
});

describe('a member sees only their own', () => {
  it('lists and opens only their own suggestions', async () => {
    const other = await duesMember(t, { phone: '13900000002', name: '李华' });
    const mine = dataOf<FeedbackItem>(await submit());
    const theirs = dataOf<FeedbackItem>(await submit({}, other));
    dataOf(await reply(theirs.id));

    const list = await ownList();
    expect(list).toMatchObject({ total: 1, unreadReplies: 0, items: [{ id: mine.id }] });
    expect(await me.call('feedback.view', { feedbackId: theirs.id })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect((await ownList(other)).unreadReplies).toBe(1);
    expect((await feedbackDoc(theirs.id))!.replyUnread).toBe(true);
  });

  it('opens pictures through files.link for their writer and the secretariat only', async () => {
    const other = await duesMember(t, { phone: '13900000002', name: '李华' });
    const picture = await me.upload(PNG_BYTES, 'p.png');
    dataOf(await submit({ pictureFileIds: [picture] }));

    dataOf(await me.call('files.link', { fileId: picture }));
    dataOf(await secretariat.call('files.link', { fileId: picture }));
    dataOf(await (await duesAdmin(t, 'superAdmin')).call('files.link', { fileId: picture }));
    for (const caller of [other, await duesAdmin(t, 'finance')]) {
      expect(await caller.call('files.link', { fileId: picture })).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      });
    }
  });
});

describe('roles', () => {
  it('lets the super-admin and the secretariat answer; finance and members may not', async () => {
    const item = dataOf<FeedbackItem>(await submit());
    const superAdmin = await duesAdmin(t, 'superAdmin');
    dataOf(await superAdmin.call('admin.feedback.list', {}));
    dataOf(await reply(item.id, '超级管理员的回复', superAdmin));

    const finance = await duesAdmin(t, 'finance');
    expect(await finance.call('admin.feedback.list', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await reply(item.id, '财务的回复', finance)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await me.call('admin.feedback.list', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(
      await me.call('admin.feedback.reply', { feedbackId: item.id, reply: '自问自答' }),
    ).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await secretariat.call('feedback.list', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await feedbackDoc(item.id))!.reply?.text).toBe('超级管理员的回复');
  });
});
