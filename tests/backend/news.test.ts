/** @jest-environment node */
import type { AdminNews, NewsDetail, NewsSummary, Page } from '../../typings';
import type { AttachedFileDoc } from '../../backend/domain/files/attachments';
import { redeemTicket } from '../../backend/domain/files/links';
import type { NewsDoc } from '../../backend/domain/news/model';
import { yearTotal } from '../../backend/domain/points/ledger';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, type DuesAdmin, type DuesMember } from '../helpers/dues';
import { JPEG_BYTES, openTestSession, PDF_BYTES, PNG_BYTES } from '../helpers/files';
import { auditEntries } from '../helpers/members';

const PORTAL = 'http://127.0.0.1:8787';

let t: TestBackend;
let me: DuesMember;
let secretariat: DuesAdmin;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  t.deps.config.portalUrl = PORTAL;
  me = await duesMember(t, { phone: '13800000001', name: '张明' });
  secretariat = await duesAdmin(t, 'secretariat');
});
afterEach(() => t.close());

let requests = 0;
const nextRequest = () => `news-req-${(requests += 1)}`;

const save = (fields: Record<string, unknown> = {}, by: DuesAdmin = secretariat) =>
  by.call('admin.news.save', {
    title: '学会召开2026年学术年会',
    html: '<p>6月10日，学会在成都召开<strong>学术年会</strong>，三百余名会员参会。</p>',
    coverFileId: null,
    requestId: nextRequest(),
    ...fields,
  });

async function draft(fields: Record<string, unknown> = {}): Promise<AdminNews> {
  return dataOf<AdminNews>(await save(fields));
}

async function published(fields: Record<string, unknown> = {}): Promise<AdminNews> {
  const news = await draft(fields);
  return dataOf<AdminNews>(await secretariat.call('admin.news.publish', { newsId: news.id }));
}

/** As a visitor of the landing page: no token at all. */
const visitorList = async (data: Record<string, unknown> = {}) =>
  dataOf<Page<NewsSummary>>(await t.call('news.list', data));
const visitorView = (newsId: string) => t.call('news.view', { newsId });
const newsDoc = (id: string) => t.store.get<NewsDoc>(COLLECTIONS.news, id);
const fileDoc = (id: string) => t.store.get<AttachedFileDoc>(COLLECTIONS.files, id);
const points = () => yearTotal(t.deps, me.id, 2026);

describe('writing', () => {
  it('sanitises the text on the way in: no script, no handler is ever stored', async () => {
    const news = await draft({
      html: '<p onclick="steal()">年会<script>alert(1)</script>召开<img src="https://example.org/a.png" onerror="alert(1)"></p>',
    });
    const stored = (await newsDoc(news.id))!;
    for (const html of [news.html, stored.html]) {
      expect(html).not.toMatch(/script|onclick|onerror|alert/);
      expect(html).toContain('年会');
      // No picture from another site in the text: it would learn who read it.
      expect(html).not.toContain('<img');
    }
    expect(news).toMatchObject({ status: 'draft', publishedAt: null, viewers: 0, cover: null });
  });

  it('refuses a text with nothing readable left, and a short title, storing nothing', async () => {
    const empty = await save({ html: '<script>alert(1)</script>' });
    expect(empty).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'html' });
    expect(empty.ok === false && empty.message).toBe('请填写正文');
    const title = await save({ title: '会' });
    expect(title).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'title' });
    expect(await t.store.count(COLLECTIONS.news)).toBe(0);
  });

  it('creates one draft per requestId, however many saves race', async () => {
    const requestId = nextRequest();
    const answers = await Promise.all(Array.from({ length: 5 }, () => save({ requestId })));
    const ids = new Set(answers.map((a) => dataOf<AdminNews>(a).id));
    expect(ids.size).toBe(1);
    expect(await t.store.count(COLLECTIONS.news)).toBe(1);
    const audits = (await auditEntries(t)).filter((a) => a.action === 'admin.news.create');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: secretariat.id, target: [...ids][0] });
  });

  it('edits a published item in place, audited, and keeps it published', async () => {
    const news = await published();
    const edited = dataOf<AdminNews>(
      await save({ newsId: news.id, title: '学术年会圆满落幕', html: '<p>改过的正文</p>' }),
    );
    expect(edited).toMatchObject({ id: news.id, title: '学术年会圆满落幕', status: 'published' });
    expect((await visitorList()).items.map((i) => i.title)).toEqual(['学术年会圆满落幕']);
    expect((await auditEntries(t)).map((a) => a.action)).toContain('admin.news.edit');
  });

  it('lets one of two edits at once land; the other is told to look again', async () => {
    const news = await draft();
    const [a, b] = await Promise.all([
      save({ newsId: news.id, title: '甲改的标题' }),
      save({ newsId: news.id, title: '乙改的标题' }),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' });
    const winner = dataOf<AdminNews>([a, b].find((r) => r.ok)!);
    expect((await newsDoc(news.id))!).toMatchObject({ title: winner.title, version: 2 });
  });

  it('says NOT_FOUND for an edit of an item that does not exist', async () => {
    expect(await save({ newsId: 'missing' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('publishing and withdrawing', () => {
  it('keeps drafts from visitors and members alike', async () => {
    const news = await draft();
    expect((await visitorList()).items).toEqual([]);
    expect(await visitorView(news.id)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await me.call('news.view', { newsId: news.id })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await points()).toBe(0);
  });

  it('publishes once: a second publish, even at the same moment, is refused', async () => {
    const news = await draft();
    const [a, b] = await Promise.all([
      secretariat.call('admin.news.publish', { newsId: news.id }),
      secretariat.call('admin.news.publish', { newsId: news.id }),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' });
    const after = dataOf<AdminNews>(await secretariat.call('admin.news.get', { newsId: news.id }));
    expect(after).toMatchObject({ status: 'published', publishedAt: '2026-06-15T04:00:00.000Z' });
    expect(await secretariat.call('admin.news.publish', { newsId: news.id })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    const audits = (await auditEntries(t)).filter((e) => e.action === 'admin.news.publish');
    expect(audits).toHaveLength(1);
  });

  it('withdraws once: gone from the list and the page, still in the console', async () => {
    const news = await published();
    expect((await visitorList()).total).toBe(1);
    const withdrawn = dataOf<AdminNews>(
      await secretariat.call('admin.news.withdraw', { newsId: news.id }),
    );
    expect(withdrawn.status).toBe('withdrawn');
    expect(await visitorList()).toMatchObject({ items: [], total: 0 });
    expect(await visitorView(news.id)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await secretariat.call('admin.news.withdraw', { newsId: news.id })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(await secretariat.call('admin.news.publish', { newsId: news.id })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    const inConsole = dataOf<Page<AdminNews>>(
      await secretariat.call('admin.news.list', { status: 'withdrawn' }),
    );
    expect(inConsole.items.map((n) => n.id)).toEqual([news.id]);
  });

  it('cannot withdraw a draft', async () => {
    const news = await draft();
    expect(await secretariat.call('admin.news.withdraw', { newsId: news.id })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
  });
});

describe('the public list', () => {
  it('pages the published items newest first, with excerpts without tags', async () => {
    for (let day = 1; day <= 5; day += 1) {
      t.clock.set(`2026-06-0${day}T02:00:00Z`);
      await published({ title: `第${day}条动态`, html: `<p>第<b>${day}</b>天的<i>会讯</i></p>` });
    }
    await draft({ title: '未发布的草稿' });

    const first = await visitorList({ page: 1, pageSize: 2 });
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((i) => i.title)).toEqual(['第5条动态', '第4条动态']);
    expect(first.items[0]).toMatchObject({
      publishedAt: '2026-06-05T02:00:00.000Z',
      excerpt: '第5天的会讯',
      coverUrl: null,
    });
    const last = await visitorList({ page: 3, pageSize: 2 });
    expect(last.items.map((i) => i.title)).toEqual(['第1条动态']);
  });

  it('cuts a long text’s excerpt at 80 characters', async () => {
    await published({ html: `<p>${'会'.repeat(120)}</p>` });
    const [row] = (await visitorList()).items;
    expect(row!.excerpt).toBe(`${'会'.repeat(80)}…`);
    const page = dataOf<NewsDetail>(await visitorView(row!.id));
    expect(page.html).toBe(`<p>${'会'.repeat(120)}</p>`);
  });

  it('refuses a page larger than the landing list takes', async () => {
    expect(await t.call('news.list', { pageSize: 51 })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'pageSize',
    });
  });

  it('lists every status in the console, one status on request', async () => {
    const a = await draft({ title: '草稿一' });
    t.clock.advance(1000);
    const b = await published({ title: '已发布一' });
    const all = dataOf<Page<AdminNews>>(await secretariat.call('admin.news.list', {}));
    expect(all.items.map((n) => n.id)).toEqual([b.id, a.id]);
    const drafts = dataOf<Page<AdminNews>>(
      await secretariat.call('admin.news.list', { status: 'draft' }),
    );
    expect(drafts).toMatchObject({ total: 1, items: [{ id: a.id }] });
  });
});

describe('the public reads', () => {
  it('take 120 a minute from one address, not more: each mints cover links', async () => {
    for (let i = 0; i < 120; i += 1) {
      expect(await t.call('news.list', {})).toMatchObject({ ok: true });
    }

    expect(await t.call('news.list', {})).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });
});

describe('查看机构动态 points', () => {
  it('awards a member once for thirty views at once, and counts one viewer', async () => {
    const news = await published();
    const views = await Promise.all(
      Array.from({ length: 30 }, () => me.call('news.view', { newsId: news.id })),
    );
    for (const view of views) expect(dataOf<NewsDetail>(view).id).toBe(news.id);
    expect(await points()).toBe(1);
    expect(
      await t.store.count(COLLECTIONS.pointsLedger, {
        where: { memberId: me.id, kind: 'newsView' },
      }),
    ).toBe(1);
    const after = dataOf<AdminNews>(await secretariat.call('admin.news.get', { newsId: news.id }));
    expect(after.viewers).toBe(1);

    dataOf(await me.call('news.view', { newsId: news.id }));
    expect(await points()).toBe(1);
  });

  it('awards each item once: two items, two points', async () => {
    const a = await published({ title: '动态甲' });
    const b = await published({ title: '动态乙' });
    dataOf(await me.call('news.view', { newsId: a.id }));
    dataOf(await me.call('news.view', { newsId: b.id }));
    dataOf(await me.call('news.view', { newsId: a.id }));
    expect(await points()).toBe(2);
  });

  it('gives visitors, admins and a member yet to change the initial password the page only', async () => {
    const news = await published();
    const page = dataOf<NewsDetail>(await visitorView(news.id));
    expect(page).toMatchObject({ id: news.id, html: news.html, excerpt: expect.any(String) });
    dataOf(await secretariat.call('news.view', { newsId: news.id }));
    const pending = await openTestSession(t.deps, {
      kind: 'member',
      id: me.id,
      mustChangePassword: true,
    });
    dataOf(await t.call('news.view', { newsId: news.id }, { token: pending }));

    expect(await points()).toBe(0);
    expect(await t.store.count(COLLECTIONS.pointsLedger)).toBe(0);
    expect((await newsDoc(news.id))!.viewers).toBe(0);
  });

  it('gives the value the rules set, and none when it is 0', async () => {
    await t.store.insert(COLLECTIONS.settings, {
      _id: 'pointsRules',
      value: { newsView: 0 },
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const news = await published();
    dataOf(await me.call('news.view', { newsId: news.id }));
    expect(await points()).toBe(0);
    expect((await newsDoc(news.id))!.viewers).toBe(1);
  });
});

describe('the cover', () => {
  it('is linked for visitors in the list and the page, and the link serves the picture', async () => {
    const cover = await secretariat.upload(PNG_BYTES, '年会.png');
    const news = await published({ coverFileId: cover });
    expect(news.cover).toEqual({
      fileId: cover,
      name: '年会.png',
      contentType: 'image/png',
      size: PNG_BYTES.length,
    });
    expect(await fileDoc(cover)).toMatchObject({
      storagePath: `news/${news.id}/${cover}.png`,
      attachedAs: 'newsCover',
      expiresAt: null,
    });

    const [row] = (await visitorList()).items;
    expect(row!.coverUrl).toMatch(new RegExp(`^${PORTAL}/api/files/[A-Za-z0-9_-]{43}$`));
    const served = await redeemTicket(t.deps, row!.coverUrl!.split('/').pop()!);
    expect(served).toMatchObject({ contentType: 'image/png', bytes: PNG_BYTES });

    const page = dataOf<NewsDetail>(await visitorView(news.id));
    expect(page.coverUrl).toMatch(new RegExp(`^${PORTAL}/api/files/`));
    expect(page.coverUrl).not.toBe(row!.coverUrl);
  });

  it('takes only a JPEG or PNG, and only the admin’s own upload', async () => {
    const pdf = await secretariat.upload(PDF_BYTES, '通知.pdf');
    const refused = await save({ coverFileId: pdf });
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'coverFileId' });
    expect(refused.ok === false && refused.message).toBe('封面只能是 JPG 或 PNG 图片');
    const someoneElses = await me.upload(JPEG_BYTES, 'photo.jpg');
    expect(await save({ coverFileId: someoneElses })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await t.store.count(COLLECTIONS.news)).toBe(0);
  });

  it('is replaced by a new one, the old file deleted; taken away with null', async () => {
    const first = await secretariat.upload(PNG_BYTES, 'a.png');
    const news = await draft({ coverFileId: first });
    const firstStored = (await fileDoc(first))!.storedFileId;
    const second = await secretariat.upload(JPEG_BYTES, 'b.jpg');

    const kept = dataOf<AdminNews>(await save({ newsId: news.id, coverFileId: first }));
    expect(kept.cover?.fileId).toBe(first);
    const replaced = dataOf<AdminNews>(await save({ newsId: news.id, coverFileId: second }));
    expect(replaced.cover).toMatchObject({ fileId: second, contentType: 'image/jpeg' });
    expect(await fileDoc(first)).toBeNull();
    expect(await t.deps.files.get(firstStored)).toBeNull();

    const secondStored = (await fileDoc(second))!.storedFileId;
    const bare = dataOf<AdminNews>(await save({ newsId: news.id, coverFileId: null }));
    expect(bare.cover).toBeNull();
    expect(await t.deps.files.get(secondStored)).toBeNull();
  });

  it('opens through files.link for members once published, for its editors always', async () => {
    const cover = await secretariat.upload(PNG_BYTES, 'a.png');
    const news = await draft({ coverFileId: cover });
    expect(await me.call('files.link', { fileId: cover })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    dataOf(await secretariat.call('files.link', { fileId: cover }));
    const finance = await duesAdmin(t, 'finance');
    expect(await finance.call('files.link', { fileId: cover })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });

    dataOf(await secretariat.call('admin.news.publish', { newsId: news.id }));
    dataOf(await me.call('files.link', { fileId: cover }));
  });

  it('leaves the list its items when no link can be made', async () => {
    const cover = await secretariat.upload(PNG_BYTES, 'a.png');
    await published({ coverFileId: cover });
    t.deps.config.portalUrl = null;
    const list = await visitorList();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.coverUrl).toBeNull();
    expect(t.logger.lines.some((l) => l.includes('news_cover_unlinked'))).toBe(true);
  });
});

describe('roles', () => {
  it('lets the super-admin and the secretariat write; finance and members may not', async () => {
    const superAdmin = await duesAdmin(t, 'superAdmin');
    dataOf(await save({}, superAdmin));
    const finance = await duesAdmin(t, 'finance');
    const news = await draft();
    for (const [action, data] of [
      ['admin.news.list', {}],
      ['admin.news.get', { newsId: news.id }],
      ['admin.news.publish', { newsId: news.id }],
      ['admin.news.withdraw', { newsId: news.id }],
    ] as const) {
      expect(await finance.call(action, data)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await me.call(action, data)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
    expect(await save({}, finance)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await newsDoc(news.id))!.status).toBe('draft');
  });
});
