import type { SocietyInfo } from '../../../typings/actions';
import { zhCN } from '../../locales/zh-CN';
import { openPage } from '../../services/navigation';
import { listNews } from '../../services/news';
import { hasSession } from '../../services/session';
import { getSocietyInfo } from '../../services/society';
import { errorText } from '../../utils/error-text';
import { appendNewsRows, type NewsRow } from '../../utils/news-view';
import { hasMorePages } from '../../utils/paged-rows';

type OpenEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { id: string }
>;

/**
 * Where the QR code lands: who the society is, 机构登录 at the top left, for visitors who are
 * not members yet 申请入会 and 查看入会申请进度, and 机构动态 for everyone (no login needed).
 */
Component({
  data: {
    t: zhCN.landing,
    common: zhCN.common,
    privacy: zhCN.privacy,
    society: null as SocietyInfo | null,
    loading: true,
    error: '',
    loggedIn: false,
    entryText: zhCN.landing.loginEntry as string,
    news: zhCN.news,
    /** 机构动态: its own state, so news that fail to load leave the society's profile shown. */
    newsRows: [] as NewsRow[],
    newsPage: 0,
    newsHasMore: false,
    newsLoadingMore: false,
    newsError: '',
  },

  lifetimes: {
    attached() {
      this.showEntry();
      void this.load();
      void this.loadNews();
    },
  },

  pageLifetimes: {
    // Coming back after logging in or out: the entry must say where it leads now.
    show() {
      this.showEntry();
    },
  },

  methods: {
    showEntry() {
      const loggedIn = hasSession();
      const t = zhCN.landing;
      this.setData({ loggedIn, entryText: loggedIn ? t.memberEntry : t.loginEntry });
    },

    async load() {
      this.setData({ loading: true, error: '' });
      try {
        const society = await getSocietyInfo();
        this.setData({ society, loading: false });
      } catch (error) {
        this.setData({ loading: false, error: errorText(error) });
      }
    },

    /** The first page of 机构动态; 重新加载 of its error. */
    async loadNews() {
      this.setData({ newsError: '' });
      try {
        const first = await listNews(1);
        this.setData({
          newsRows: appendNewsRows([], first.items),
          newsPage: first.page,
          newsHasMore: hasMorePages(first),
        });
      } catch (error) {
        this.setData({ newsError: errorText(error) });
      }
    },

    /** 加载更多: the next page below the rows shown; on failure they stay, a toast says why. */
    async onLoadMoreNews() {
      const { newsLoadingMore, newsHasMore, newsPage } = this.data;
      if (newsLoadingMore || !newsHasMore) return;
      this.setData({ newsLoadingMore: true });
      try {
        const next = await listNews(newsPage + 1);
        this.setData({
          newsRows: appendNewsRows(this.data.newsRows, next.items),
          newsPage: next.page,
          newsHasMore: hasMorePages(next),
        });
      } catch (error) {
        wx.showToast({ title: errorText(error), icon: 'none' });
      } finally {
        this.setData({ newsLoadingMore: false });
      }
    },

    onOpenNews(event: OpenEvent) {
      const { id } = event.currentTarget.dataset;
      if (id) openPage('news', { id });
    },

    onPrivacy() {
      openPage('privacy');
    },

    onApply() {
      openPage('apply');
    },

    onApplyStatus() {
      openPage('apply-status');
    },

    onEntryTap() {
      openPage(this.data.loggedIn ? 'home' : 'login');
    },
  },
});
