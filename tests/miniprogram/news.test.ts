import type { AdminNews } from '../../typings';
import { redeemTicket } from '../../backend/domain/files/links';
import type { MemberDoc } from '../../backend/domain/members/model';
import type { NewsDoc } from '../../backend/domain/news/model';
import { yearTotal } from '../../backend/domain/points/ledger';
import { COLLECTIONS } from '../../backend/schema/collections';
import { dataOf } from '../helpers/backend';
import { duesAdmin, type DuesAdmin } from '../helpers/dues';
import { PNG_BYTES } from '../helpers/files';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember } from './support/members';
import { find, renderPage, tapButton, textOf, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** Noon in Beijing on 15 June 2026. */
const NOW = '2026-06-15T04:00:00Z';
const PORTAL = 'http://127.0.0.1:8787';
const LINK = /^http:\/\/127\.0\.0\.1:8787\/api\/files\/[\w-]{43}$/;

describe('机构动态', () => {
  let backend: ConnectedBackend;
  let secretariat: DuesAdmin;
  let requests = 0;
  beforeEach(async () => {
    backend = connectBackend({ now: NOW });
    // Cover links are tickets of the local server at the portal's address.
    backend.deps.config.portalUrl = PORTAL;
    secretariat = await duesAdmin(backend, 'secretariat');
  });
  afterEach(() => backend.close());

  /** A news item the secretariat saved and published in the console. */
  async function published(
    fields: { title?: string; html?: string; coverFileId?: string | null } = {},
  ): Promise<AdminNews> {
    const draft = dataOf<AdminNews>(
      await secretariat.call('admin.news.save', {
        title: fields.title ?? '学会召开2026年学术年会',
        html: fields.html ?? '<p>6月10日，学会在成都召开<strong>学术年会</strong>。</p>',
        coverFileId: fields.coverFileId ?? null,
        requestId: `news-page-${(requests += 1)}`,
      }),
    );
    return dataOf<AdminNews>(await secretariat.call('admin.news.publish', { newsId: draft.id }));
  }

  async function openNews(newsId: string): Promise<Rendered> {
    const page = renderPage('news');
    (page.instance as unknown as { onLoad(o: Record<string, string>): void }).onLoad({
      id: newsId,
    });
    await backend.settle();
    return page;
  }

  const htmlOf = (page: Rendered) => (page.data as { news: { html: string } }).news.html;
  const viewers = async (newsId: string) =>
    (await backend.store.get<NewsDoc>(COLLECTIONS.news, newsId))!.viewers;

  it('shows a visitor the title, the date in Beijing, the cover and the text', async () => {
    const cover = await secretariat.upload(PNG_BYTES, '年会.png');
    const news = await published({ coverFileId: cover });

    const page = await openNews(news.id);

    expect(textOf(page, '.title')).toBe('学会召开2026年学术年会');
    expect(textOf(page, '.published-at')).toBe('2026-06-15');
    expect(find(page, '.cover')).toBeTruthy();
    // simulate keeps no attributes of native tags: the image's source as the page holds it.
    const coverUrl = (page.data as { news: { coverUrl: string } }).news.coverUrl;
    expect(coverUrl).toMatch(LINK);
    expect((await redeemTicket(backend.deps, coverUrl.split('/').pop()!))?.bytes).toEqual(
      PNG_BYTES,
    );
    expect(htmlOf(page)).toBe('<p>6月10日，学会在成都召开<strong>学术年会</strong>。</p>');
    expect(find(page, '.content')).toBeTruthy();
    // Nobody logged in: read without a trace.
    expect(await viewers(news.id)).toBe(0);
    expect(wxFake.navigations).toEqual([]);
  });

  it('shows no cover when the item has none', async () => {
    const news = await published();

    const page = await openNews(news.id);

    expect(textOf(page, '.title')).toBe('学会召开2026年学术年会');
    expect(page.querySelector('.cover')).toBeFalsy();
  });

  it('fits pictures of the text to the screen and hands rich-text nothing to run', async () => {
    const news = await published({
      html:
        '<p onclick="steal()">年会<script>alert(1)</script>剪影</p>' +
        '<img src="https://example.cn/hall.jpg" onerror="alert(2)" width="1600">' +
        '<table><tr><td>议程</td></tr></table>',
    });

    const page = await openNews(news.id);

    const html = htmlOf(page);
    expect(html).not.toMatch(/script|onclick|onerror|alert/i);
    expect(html).toContain('年会剪影');
    expect(html).not.toContain('<img');
    expect(html).toContain('<td style="border:1px solid #e7e7e7;padding:4px 8px;">议程</td>');
  });

  it('earns a logged-in member 查看机构动态 once however often it is opened', async () => {
    await loggedInMember(backend);
    const [member] = await backend.store.find<MemberDoc>(COLLECTIONS.members);
    const news = await published();
    // Beyond the first login's point.
    const newsPoints = async () => (await yearTotal(backend.deps, member!._id, 2026)) - 1;

    await openNews(news.id);
    await openNews(news.id);
    const page = await openNews(news.id);

    expect(textOf(page, '.title')).toBe('学会召开2026年学术年会');
    expect(await newsPoints()).toBe(1);
    expect(await viewers(news.id)).toBe(1);
  });

  it('reads on as a visitor when the session on the phone is gone, staying on the page', async () => {
    const news = await published();
    wxFake.api.setStorageSync('session.token', 'a-token-the-backend-never-issued');

    const page = await openNews(news.id);

    expect(textOf(page, '.title')).toBe('学会召开2026年学术年会');
    expect(wxFake.navigations).toEqual([]);
  });

  it('says a withdrawn item is gone', async () => {
    const news = await published();
    await secretariat.call('admin.news.withdraw', { newsId: news.id });

    const page = await openNews(news.id);

    expect(textOf(page, '.load-error')).toBe('动态不存在或已撤回');
    expect(page.querySelector('.title')).toBeFalsy();
  });

  it('says a link without the item is broken, asking nothing of the backend', async () => {
    const page = renderPage('news');
    (page.instance as unknown as { onLoad(o: Record<string, string>): void }).onLoad({});
    await backend.settle();

    expect(textOf(page, '.load-error')).toBe('动态不存在或已撤回');
    expect(page.querySelector('.retry')).toBeFalsy();
    expect(backend.sent).toEqual([]);
  });

  it('says why it could not load and loads on 重新加载', async () => {
    const news = await published();
    backend.setOffline(true);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    const page = await openNews(news.id);
    warn.mockRestore();

    expect(textOf(page, '.load-error')).toBe('网络异常，请检查网络后重试');
    backend.setOffline(false);
    tapButton(page, '.retry');
    await backend.settle();

    expect(textOf(page, '.title')).toBe('学会召开2026年学术年会');
    expect(page.querySelector('.load-error')).toBeFalsy();
  });
});
