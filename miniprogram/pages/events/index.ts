import { fill, zhCN } from '../../locales/zh-CN';
import { checkInWithCode, listEvents } from '../../services/events';
import { openPage } from '../../services/navigation';
import { hasMorePages } from '../../services/points';
import { scanQrCode } from '../../services/scanner';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import { appendEventRows, toEventRow, type EventRow } from '../../utils/event-view';

type OpenEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { id: string }
>;

/** Answers of a 加载更多 started before a re-read are dropped: the re-read replaces the list. */
let loadSequence = 0;

/**
 * 会内活动: the published events, latest start first, each with its time (Beijing), place,
 * 已报名 n / capacity and the member's own standing; 加载更多 page by page. 扫码签到 on top
 * checks in at whichever event the venue's code names (the backend finds it from the code).
 */
Component({
  data: {
    t: zhCN.events,
    common: zhCN.common,
    loading: true,
    loadError: '',
    /** True once a list is shown: coming back to the page then re-reads it. */
    loaded: false,
    rows: [] as EventRow[],
    /** The last page shown (from 1). */
    page: 0,
    hasMore: false,
    loadingMore: false,
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
      let last = await listEvents(1);
      let rows = appendEventRows([], last.items);
      while (last.page < count && hasMorePages(last)) {
        last = await listEvents(last.page + 1);
        rows = appendEventRows(rows, last.items);
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

    /** The pages shown, read again; on failure they stay as they were and a toast says why. */
    async reread() {
      try {
        await this.readPages(Math.max(1, this.data.page));
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
        const next = await listEvents(this.data.page + 1);
        if (sequence !== loadSequence) return;
        this.setData({
          rows: appendEventRows(this.data.rows, next.items),
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

    /** 下拉刷新: the first page again; from the error state it is 重新加载. */
    async onPullDownRefresh() {
      try {
        if (this.data.loading) return;
        if (!this.data.loaded) await this.load();
        else await this.reread();
      } finally {
        wx.stopPullDownRefresh();
      }
    },

    /**
     * 扫码签到: the scanner, then the code to the backend. Closing the scanner says nothing; a
     * refusal (the camera, an expired code, not registered) is shown as the backend words it.
     */
    async onScan() {
      if (this.data.scanning) return;
      this.setData({ scanning: true, checkinResult: '', checkinError: '' });
      try {
        const scan = await scanQrCode();
        if (scan.kind === 'cancelled') return;
        if (scan.kind === 'refused') {
          this.setData({ checkinError: scan.message });
          return;
        }
        const event = await checkInWithCode(scan.text);
        this.setData({ checkinResult: fill(zhCN.events.checkinDone, { title: event.title }) });
        const index = this.data.rows.findIndex((row) => row.id === event.id);
        if (index >= 0) this.setData({ [`rows[${index}]`]: toEventRow(event) });
      } catch (error) {
        if (!followSessionError(error)) this.setData({ checkinError: errorText(error) });
      } finally {
        this.setData({ scanning: false });
      }
    },

    onOpen(event: OpenEvent) {
      const { id } = event.currentTarget.dataset;
      if (id) openPage('event', { id });
    },
  },
});
