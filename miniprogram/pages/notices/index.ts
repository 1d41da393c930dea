import { zhCN } from '../../locales/zh-CN';
import { openPage } from '../../services/navigation';
import { listNotices } from '../../services/notices';
import type { DatasetEvent } from '../../services/page-view';
import { pagedList, refreshList, unreadList } from '../../services/paged-list';
import { toNoticeRow, type NoticeRow } from '../../utils/notice-view';

const list = pagedList({ rowsKey: 'rows', fetch: listNotices, toRow: toNoticeRow });

/**
 * 通知 (会员中心 → 通知): the published notices, newest first, each with its unread dot, 需反馈
 * or 已反馈 and the deadline when a reply is asked; 加载更多 page by page. 下拉刷新 reads the
 * first page again; back from a notice, the pages shown are read again for its new marks.
 */
Component({
  data: {
    t: zhCN.notices,
    common: zhCN.common,
    ...unreadList(),
    rows: [] as NoticeRow[],
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
    /** The first opening and 重新加载. */
    load() {
      return list.load(this);
    },

    /** Pages 1 to `count` read again. */
    reread(count: number) {
      return list.reread(this, count);
    },

    onLoadMore() {
      return list.loadMore(this);
    },

    /** 下拉刷新: the first page again. From the error state it is 重新加载. */
    onPullDownRefresh() {
      return refreshList(this, () => this.reread(1));
    },

    onOpen(event: DatasetEvent<{ id: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) openPage('notice', { id });
    },
  },
});
