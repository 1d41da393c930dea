import { zhCN } from '../../locales/zh-CN';
import { openPage } from '../../services/navigation';
import { listNotices } from '../../services/notices';
import { hasMorePages } from '../../services/points';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import { appendNoticeRows, type NoticeRow } from '../../utils/notice-view';

type OpenEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { id: string }
>;

/** Answers of a 加载更多 started before a re-read are dropped: the re-read replaces the list. */
let loadSequence = 0;

/**
 * 通知 (会员中心 → 通知): the published notices, newest first, each with its unread dot, 需反馈
 * or 已反馈 and the deadline when a reply is asked; 加载更多 page by page. 下拉刷新 reads the
 * first page again; back from a notice, the pages shown are read again for its new marks.
 */
Component({
  data: {
    t: zhCN.notices,
    common: zhCN.common,
    loading: true,
    loadError: '',
    /** True once a list is shown: coming back to the page then re-reads it. */
    loaded: false,
    rows: [] as NoticeRow[],
    /** The last page shown (from 1). */
    page: 0,
    hasMore: false,
    loadingMore: false,
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  pageLifetimes: {
    // Back from a notice: it is read now, and perhaps answered.
    show() {
      if (this.data.loaded && !this.data.loading) void this.reread(this.data.page);
    },
  },

  methods: {
    /** The first opening and 重新加载: the loading state, then the list or the error. */
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        await this.readPages(1);
        this.setData({ loading: false });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    /** Pages 1 to `count` read again, in place of what is shown. */
    async readPages(count: number) {
      const sequence = ++loadSequence;
      let last = await listNotices(1);
      let rows = appendNoticeRows([], last.items);
      while (last.page < count && hasMorePages(last)) {
        last = await listNotices(last.page + 1);
        rows = appendNoticeRows(rows, last.items);
      }
      if (sequence !== loadSequence) return;
      this.setData({
        rows,
        page: last.page,
        hasMore: hasMorePages(last),
        loadingMore: false,
        loaded: true,
      });
    },

    /** A re-read of the list shown; on failure it stays as it was and a toast says why. */
    async reread(count: number) {
      try {
        await this.readPages(Math.max(1, count));
      } catch (error) {
        if (!followSessionError(error)) wx.showToast({ title: errorText(error), icon: 'none' });
      }
    },

    /** 加载更多: the next page below the rows shown; on failure they stay, a toast says why. */
    async onLoadMore() {
      if (this.data.loadingMore || !this.data.hasMore) return;
      const sequence = loadSequence;
      this.setData({ loadingMore: true });
      try {
        const next = await listNotices(this.data.page + 1);
        if (sequence !== loadSequence) return;
        this.setData({
          rows: appendNoticeRows(this.data.rows, next.items),
          page: next.page,
          hasMore: hasMorePages(next),
        });
      } catch (error) {
        if (sequence !== loadSequence || followSessionError(error)) return;
        wx.showToast({ title: errorText(error), icon: 'none' });
      } finally {
        if (sequence === loadSequence) this.setData({ loadingMore: false });
      }
    },

    /**
     * 下拉刷新: the first page again. From the error state it is 重新加载; while the first load
     * runs, nothing.
     */
    async onPullDownRefresh() {
      try {
        if (this.data.loading) return;
        if (!this.data.loaded) {
          await this.load();
          return;
        }
        await this.reread(1);
      } finally {
        wx.stopPullDownRefresh();
      }
    },

    onOpen(event: OpenEvent) {
      const { id } = event.currentTarget.dataset;
      if (id) openPage('notice', { id });
    },
  },
});
