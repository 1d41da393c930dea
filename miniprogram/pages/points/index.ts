import { zhCN } from '../../locales/zh-CN';
import {
  loadList,
  pagedList,
  refreshList,
  rereadList,
  unreadList,
  type PagedListData,
} from '../../services/paged-list';
import type { PageView } from '../../services/page-view';
import { getPointsSummary, listPointsHistory } from '../../services/points';
import { pagingState } from '../../utils/paged-rows';
import {
  toPointsEntryView,
  toPointsSummaryView,
  type PointsEntryView,
  type PointsSummaryView,
} from '../../utils/points-view';

/** Every page of the history is asked for the year of the summary shown. */
type PointsView = PageView<PagedListData<'entries', PointsEntryView> & { year: number }>;

/** The year's entries below the summary; a 加载更多 started before a refresh is dropped. */
const history = pagedList({
  rowsKey: 'entries',
  fetch: (page, view: PointsView) => listPointsHistory(view.data.year, page),
  toRow: toPointsEntryView,
});

/**
 * 积分 (会员中心 → 积分): this year's total with the way to the threshold and its reward, the
 * rules as the backend names them, and the year's entries newest first, 加载更多 page by
 * page. 下拉刷新 reads everything again.
 */
Component({
  data: {
    t: zhCN.points,
    common: zhCN.common,
    ...unreadList(),
    summary: null as PointsSummaryView | null,
    entries: [] as PointsEntryView[],
    /** The year of the summary shown: every page of the history is asked for it. */
    year: 0,
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  methods: {
    /** The first opening and 重新加载. */
    load() {
      return loadList(this, () => this.readFirstPage());
    },

    /** The summary, then the first page of its year's entries, in place of what is shown. */
    async readFirstPage() {
      const current = history.begin();
      const summary = await getPointsSummary();
      const first = await listPointsHistory(summary.year, 1);
      if (!current()) return;
      this.setData({
        summary: toPointsSummaryView(summary),
        year: summary.year,
        entries: first.items.map(toPointsEntryView),
        ...pagingState(first),
        loadingMore: false,
        loaded: true,
      });
    },

    onLoadMore() {
      return history.loadMore(this);
    },

    /** 下拉刷新: everything again; from the error state it is 重新加载. */
    onPullDownRefresh() {
      return refreshList(this, () => rereadList(() => this.readFirstPage()));
    },
  },
});
