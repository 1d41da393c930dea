import { zhCN } from '../../locales/zh-CN';
import { getPointsSummary, hasMorePages, listPointsHistory } from '../../services/points';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import {
  appendEntries,
  toPointsEntryView,
  toPointsSummaryView,
  type PointsEntryView,
  type PointsSummaryView,
} from '../../utils/points-view';

/** Answers of a 加载更多 started before a refresh are dropped: the refresh starts over. */
let loadSequence = 0;

/**
 * 积分 (会员中心 → 积分): this year's total with the way to the threshold and its reward, the
 * rules as the backend names them, and the year's entries newest first, 加载更多 page by
 * page. 下拉刷新 reads everything again.
 */
Component({
  data: {
    t: zhCN.points,
    common: zhCN.common,
    loading: true,
    loadError: '',
    summary: null as PointsSummaryView | null,
    entries: [] as PointsEntryView[],
    /** The year of the summary shown: every page of the history is asked for it. */
    year: 0,
    /** The last page of the history shown (from 1). */
    page: 0,
    hasMore: false,
    loadingMore: false,
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  methods: {
    /** The first opening and 重新加载: the loading state, then the page or the error. */
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        await this.readFirstPage();
        this.setData({ loading: false });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    /** The summary, then the first page of its year's entries, in place of what is shown. */
    async readFirstPage() {
      const sequence = ++loadSequence;
      const summary = await getPointsSummary();
      const history = await listPointsHistory(summary.year, 1);
      if (sequence !== loadSequence) return;
      this.setData({
        summary: toPointsSummaryView(summary),
        year: summary.year,
        entries: history.items.map(toPointsEntryView),
        page: history.page,
        hasMore: hasMorePages(history),
        loadingMore: false,
      });
    },

    /** 加载更多: the next page below the entries shown; on failure they stay, a toast says why. */
    async onLoadMore() {
      if (this.data.loadingMore || !this.data.hasMore) return;
      const sequence = loadSequence;
      this.setData({ loadingMore: true });
      try {
        const next = await listPointsHistory(this.data.year, this.data.page + 1);
        if (sequence !== loadSequence) return;
        this.setData({
          entries: appendEntries(this.data.entries, next.items),
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
     * 下拉刷新. With the page shown, a failure leaves it as it was (it was right) and says
     * why in a toast; from the error state it is 重新加载; while the first load runs, nothing.
     */
    async onPullDownRefresh() {
      try {
        if (this.data.loading) return;
        if (!this.data.summary) {
          await this.load();
          return;
        }
        try {
          await this.readFirstPage();
        } catch (error) {
          if (!followSessionError(error)) wx.showToast({ title: errorText(error), icon: 'none' });
        }
      } finally {
        wx.stopPullDownRefresh();
      }
    },
  },
});
