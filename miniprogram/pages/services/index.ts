import type { ServiceItem } from '../../../typings/services';
import { zhCN } from '../../locales/zh-CN';
import { openPage } from '../../services/navigation';
import { hasMorePages } from '../../services/points';
import { listServiceApplications, listServices } from '../../services/service-catalogue';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import { appendApplicationRows, type ApplicationRow } from '../../utils/service-view';

type Tab = 'catalogue' | 'applications';
type DataEvent<T extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  T
>;

/** Answers of a 加载更多 started before a re-read are dropped: the re-read replaces the list. */
let loadSequence = 0;

/**
 * 服务 (会员中心 → 服务): 服务项目, the catalogue (name, description, 申请要求) with 申请 on each,
 * and 我的申请, newest first with the status, the secretariat's reply and the point earned or
 * withdrawn, 加载更多 page by page. Back from 提交申请 the list is read again and shown, the new
 * application on top.
 */
Component({
  data: {
    t: zhCN.services,
    common: zhCN.common,
    tab: 'catalogue' as Tab,
    loading: true,
    loadError: '',
    /** True once the lists are shown: coming back to the page then re-reads them. */
    loaded: false,
    services: [] as ServiceItem[],
    rows: [] as ApplicationRow[],
    /** The applications in all at the last reading: more on return means one was just made. */
    total: 0,
    /** The applications opened in place (their whole text and 办理进度), by id. */
    expanded: {} as Record<string, boolean>,
    /** The last page of 我的申请 shown (from 1). */
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
    // Back from 提交申请: the new application; the secretariat may have replied meanwhile.
    show() {
      if (this.data.loaded && !this.data.loading) void this.reread();
    },
  },

  methods: {
    /** The first opening and 重新加载: the loading state, then both lists or the error. */
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        const [services] = await Promise.all([listServices(), this.readPages(1)]);
        this.setData({ services, loading: false });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    /** Pages 1 to `count` of 我的申请 read again, in place of what is shown. */
    async readPages(count: number) {
      const sequence = ++loadSequence;
      let last = await listServiceApplications(1);
      let rows = appendApplicationRows([], last.items);
      while (last.page < count && hasMorePages(last)) {
        last = await listServiceApplications(last.page + 1);
        rows = appendApplicationRows(rows, last.items);
      }
      if (sequence !== loadSequence) return;
      // A new application since the last reading (just submitted): 我的申请 shows it.
      const grown = this.data.loaded && last.total > this.data.total;
      this.setData({
        rows,
        total: last.total,
        page: last.page,
        hasMore: hasMorePages(last),
        loadingMore: false,
        loaded: true,
        ...(grown ? { tab: 'applications' as Tab } : {}),
      });
    },

    /** Both lists read again; on failure they stay as they were and a toast says why. */
    async reread() {
      try {
        const [services] = await Promise.all([
          listServices(),
          this.readPages(Math.max(1, this.data.page)),
        ]);
        // A first load that read 我的申请 but not the catalogue showed an error: gone now.
        this.setData({ services, loadError: '' });
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
        const next = await listServiceApplications(this.data.page + 1);
        if (sequence !== loadSequence) return;
        this.setData({
          rows: appendApplicationRows(this.data.rows, next.items),
          total: next.total,
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

    /** 下拉刷新: both lists again; from the error state it is 重新加载. */
    async onPullDownRefresh() {
      try {
        if (this.data.loading) return;
        if (!this.data.loaded) await this.load();
        else await this.reread();
      } finally {
        wx.stopPullDownRefresh();
      }
    },

    onTab(event: DataEvent<{ tab: Tab }>) {
      const { tab } = event.currentTarget.dataset;
      if (tab === 'catalogue' || tab === 'applications') this.setData({ tab });
    },

    onApply(event: DataEvent<{ id: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) openPage('service-apply', { id });
    },

    /** A tap on an application opens it in place, or closes it again. */
    onToggle(event: DataEvent<{ id: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) this.setData({ expanded: { ...this.data.expanded, [id]: !this.data.expanded[id] } });
    },
  },
});
