import { zhCN } from '../../locales/zh-CN';
import { scanToCheckIn } from '../../services/checkin';
import { listEvents } from '../../services/events';
import { openPage } from '../../services/navigation';
import type { DatasetEvent } from '../../services/page-view';
import { pagedList, refreshList, unreadList } from '../../services/paged-list';
import { toEventRow, type EventRow } from '../../utils/event-view';

const list = pagedList({ rowsKey: 'rows', fetch: listEvents, toRow: toEventRow });

/**
 * 会内活动: the published events, latest start first, each with its time (Beijing), place,
 * 已报名 n / capacity and the member's own standing; 加载更多 page by page. 扫码签到 on top
 * checks in at whichever event the venue's code names (the backend finds it from the code).
 */
Component({
  data: {
    t: zhCN.events,
    common: zhCN.common,
    ...unreadList(),
    rows: [] as EventRow[],
    scanning: false,
    /** 签到成功：… after a check-in, or the backend's reason it was refused. */
    checkinResult: '',
    checkinError: '',
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  pageLifetimes: {
    // Back from an event: registered or cancelled there, perhaps.
    show() {
      if (this.data.loaded && !this.data.loading) void this.reread();
    },
  },

  methods: {
    /** The first opening and 重新加载. */
    load() {
      return list.load(this);
    },

    /** The pages shown, read again. */
    reread() {
      return list.reread(this);
    },

    onLoadMore() {
      return list.loadMore(this);
    },

    /** 下拉刷新: the pages shown again; from the error state it is 重新加载. */
    onPullDownRefresh() {
      return refreshList(this, () => this.reread());
    },

    /** 扫码签到: the event checked in at shows its new standing in its row, if listed. */
    onScan() {
      return scanToCheckIn(this, (event) => {
        const index = this.data.rows.findIndex((row) => row.id === event.id);
        if (index >= 0) this.setData({ [`rows[${index}]`]: toEventRow(event) });
      });
    },

    onOpen(event: DatasetEvent<{ id: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) openPage('event', { id });
    },
  },
});
