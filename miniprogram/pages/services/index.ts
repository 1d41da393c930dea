import type { ServiceItem } from '../../../typings/services';
import { zhCN } from '../../locales/zh-CN';
import { openPage } from '../../services/navigation';
import {
  loadList,
  pagedList,
  refreshList,
  rereadList,
  unreadList,
  type PagedListData,
} from '../../services/paged-list';
import type { DatasetEvent, PageView } from '../../services/page-view';
import { listServiceApplications, listServices } from '../../services/service-catalogue';
import { toApplicationRow, type ApplicationRow } from '../../utils/service-view';

type Tab = 'catalogue' | 'applications';

/** What the reading of 我的申请 also looks at: the total at the last reading. */
type ServicesView = PageView<PagedListData<'rows', ApplicationRow> & { total: number }>;

/** 我的申请, page by page. */
const applications = pagedList({
  rowsKey: 'rows',
  fetch: listServiceApplications,
  toRow: toApplicationRow,
  extra: (last, view: ServicesView, from) => {
    // A new application since the last reading (just submitted): 我的申请 shows it.
    const grown = from === 'reread' && view.data.loaded && last.total > view.data.total;
    return { total: last.total, ...(grown ? { tab: 'applications' as Tab } : {}) };
  },
});

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
    ...unreadList(),
    services: [] as ServiceItem[],
    rows: [] as ApplicationRow[],
    /** The applications in all at the last reading: more on return means one was just made. */
    total: 0,
    /** The applications opened in place (their whole text and 办理进度), by id. */
    expanded: {} as Record<string, boolean>,
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
    /** The first opening and 重新加载: both lists, or the error. */
    load() {
      return loadList(this, () => this.readBoth(1));
    },

    /** The catalogue and pages 1 to `count` of 我的申请, read together. */
    async readBoth(count: number) {
      const [services] = await Promise.all([listServices(), applications.readPages(this, count)]);
      this.setData({ services });
    },

    /** Both lists read again. */
    reread() {
      return rereadList(async () => {
        await this.readBoth(Math.max(1, this.data.page));
        // A first load that read 我的申请 but not the catalogue showed an error: gone now.
        this.setData({ loadError: '' });
      });
    },

    onLoadMore() {
      return applications.loadMore(this);
    },

    /** 下拉刷新: both lists again; from the error state it is 重新加载. */
    onPullDownRefresh() {
      return refreshList(this, () => this.reread());
    },

    onTab(event: DatasetEvent<{ tab: Tab }>) {
      const { tab } = event.currentTarget.dataset;
      if (tab === 'catalogue' || tab === 'applications') this.setData({ tab });
    },

    onApply(event: DatasetEvent<{ id: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) openPage('service-apply', { id });
    },

    /** A tap on an application opens it in place, or closes it again. */
    onToggle(event: DatasetEvent<{ id: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) this.setData({ expanded: { ...this.data.expanded, [id]: !this.data.expanded[id] } });
    },
  },
});
