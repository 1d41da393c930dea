import type { AdminNews } from '../../typings';
import { dataOf } from '../helpers/backend';
import { duesAdmin } from '../helpers/dues';
import { PNG_BYTES } from '../helpers/files';
import { connectBackend, seedSociety, type ConnectedBackend } from './support/backend';
import { loggedInMember } from './support/members';
import { find, renderPage, tapButton, textOf, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

describe('landing page', () => {
  let backend: ConnectedBackend;
  beforeEach(async () => {
    backend = connectBackend({ now: '2026-06-15T04:00:00Z' });
    await seedSociety(backend);
  });
  afterEach(() => {
    backend.close();
    jest.restoreAllMocks();
  });

  it('shows the society name and introduction from the backend', async () => {
    const page = renderPage('landing');

    await backend.settle();

    expect(textOf(page, '.society-name')).toBe('四川省性学会');
    expect(textOf(page, '.society-intro')).toContain('学术性社会团体');
    expect(textOf(page, '.navbar >>> .t-navbar__center-title')).toBe('省性学会');
  });

  it('opens login from 机构登录 at the top left', async () => {
    const page = renderPage('landing');
    await backend.settle();

    expect(textOf(page, '.entry')).toBe('机构登录');
    find(page, '.entry').dispatchEvent('tap');
    await backend.settle();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/login/index' });
  });

  it('says when the backend cannot be reached, and 重新加载 tries again', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    backend.setOffline(true);
    const page = renderPage('landing');
    await backend.settle();
    expect(textOf(page, '.state__message')).toBe('网络异常，请检查网络后重试');

    backend.setOffline(false);
    tapButton(page, '.retry');
    await backend.settle();

    expect(textOf(page, '.state__message')).toBe('');
    expect(textOf(page, '.society-name')).toBe('四川省性学会');
  });

  it('leads a logged-in member straight to the member home instead', async () => {
    await loggedInMember(backend);
    const page = renderPage('landing');
    await backend.settle();

    find(page, '.entry').dispatchEvent('tap');
    await backend.settle();

    expect(textOf(page, '.entry')).toBe('会员中心');
    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/home/index' });
  });

  describe('机构动态', () => {
    /** `titles` published in this order, a minute apart, the first with a cover: their ids. */
    async function publishNews(titles: string[]): Promise<string[]> {
      backend.deps.config.portalUrl = 'http://127.0.0.1:8787';
      const secretariat = await duesAdmin(backend, 'secretariat');
      const cover = await secretariat.upload(PNG_BYTES, '年会.png');
      const ids: string[] = [];
      for (const [index, title] of titles.entries()) {
        backend.clock.advance(60 * 1000);
        const draft = dataOf<AdminNews>(
          await secretariat.call('admin.news.save', {
            title,
            html: `<h2>${title}</h2><p>三百余名会员参加了<strong>本次活动</strong>。</p>`,
            coverFileId: index === 0 ? cover : null,
            requestId: `landing-news-${index}`,
          }),
        );
        await secretariat.call('admin.news.publish', { newsId: draft.id });
        ids.push(draft.id);
      }
      return ids;
    }

    const texts = (page: Rendered, selector: string) =>
      page.querySelectorAll(selector).map((node) => node.dom?.textContent?.trim());
    const coverUrls = (page: Rendered) =>
      (page.data as { newsRows: { coverUrl: string }[] }).newsRows.map((row) => row.coverUrl);

    it('lists the news for a visitor, newest first, and a tap opens one', async () => {
      const [annual] = await publishNews(['学术年会在成都召开', '基层医师培训班结业']);

      const page = renderPage('landing');
      await backend.settle();

      expect(textOf(page, '.news__title')).toBe('机构动态');
      expect(texts(page, '.news-item__title')).toEqual([
        '基层医师培训班结业',
        '学术年会在成都召开',
      ]);
      expect(textOf(page, '.news-item-1 .news-item__date')).toBe('2026-06-15');
      expect(textOf(page, '.news-item-1 .news-item__excerpt')).toBe(
        '学术年会在成都召开 三百余名会员参加了本次活动。',
      );
      // The thumbnail of the one with a cover, as a link of the local server.
      expect(page.querySelector('.news-item-0 .news-item__cover')).toBeFalsy();
      expect(find(page, '.news-item-1 .news-item__cover')).toBeTruthy();
      expect(coverUrls(page)).toEqual(['', expect.stringMatching(/^http:\/\/127\.0\.0\.1:8787\//)]);

      find(page, '.news-item-1').dispatchEvent('tap');
      await backend.settle();
      expect(wxFake.lastNavigation()).toEqual({
        kind: 'navigateTo',
        url: `/pages/news/index?id=${annual}`,
      });
    });

    it('shows the same news to a logged-in member, ten at a time with 加载更多', async () => {
      await publishNews(Array.from({ length: 11 }, (_, i) => `第${i + 1}期会员通讯`));
      await loggedInMember(backend);

      const page = renderPage('landing');
      await backend.settle();

      expect(page.querySelectorAll('.news-item')).toHaveLength(10);
      expect(textOf(page, '.news-item-0 .news-item__title')).toBe('第11期会员通讯');
      tapButton(page, '.news-more');
      await backend.settle();

      expect(page.querySelectorAll('.news-item')).toHaveLength(11);
      expect(textOf(page, '.news-item-10 .news-item__title')).toBe('第1期会员通讯');
      expect(page.querySelector('.news-more')).toBeFalsy();
    });

    it('shows nothing of it before anything is published', async () => {
      const page = renderPage('landing');
      await backend.settle();

      expect(textOf(page, '.society-name')).toBe('四川省性学会');
      expect(page.querySelector('.news')).toBeFalsy();
      expect(page.querySelector('.news-error')).toBeFalsy();
    });

    it('says when the news could not load, and 重新加载 lists them', async () => {
      await publishNews(['学术年会在成都召开']);
      jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      backend.setOffline(true);
      const page = renderPage('landing');
      await backend.settle();
      expect(textOf(page, '.news-error')).toBe('网络异常，请检查网络后重试');

      backend.setOffline(false);
      tapButton(page, '.news-retry');
      await backend.settle();

      expect(page.querySelector('.news-error')).toBeFalsy();
      expect(texts(page, '.news-item__title')).toEqual(['学术年会在成都召开']);
    });
  });

  it('offers 申请入会 and its progress to a visitor, and not to a member', async () => {
    const visitor = renderPage('landing');
    await backend.settle();

    expect(textOf(visitor, '.apply-entry >>> .t-button')).toBe('申请入会');
    tapButton(visitor, '.apply-entry');
    await backend.settle();
    expect(wxFake.lastNavigation()).toEqual({
      kind: 'navigateTo',
      url: '/package-apply/pages/apply/index',
    });
    find(visitor, '.apply-status-entry').dispatchEvent('tap');
    await backend.settle();
    expect(wxFake.lastNavigation()).toEqual({
      kind: 'navigateTo',
      url: '/package-apply/pages/apply-status/index',
    });

    await loggedInMember(backend);
    const member = renderPage('landing');
    await backend.settle();
    expect(member.querySelector('.apply-entry')).toBeFalsy();
  });
});
