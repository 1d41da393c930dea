import type { FeedbackItem } from '../../../typings/actions';
import { zhCN } from '../../locales/zh-CN';
import { isApiError } from '../../services/api-error';
import { listFeedback, pictureLink, viewFeedback } from '../../services/feedback';
import { openPage } from '../../services/navigation';
import type { DatasetEvent } from '../../services/page-view';
import { pagedList, unreadList } from '../../services/paged-list';
import { followSessionError } from '../../services/session-flow';
import { describeFailure, downloadToTemp } from '../../services/downloads';
import { errorText } from '../../utils/error-text';
import { toFeedbackRow, type FeedbackRow } from '../../utils/feedback-view';

type IdEvent = DatasetEvent<{ id: string }>;

const t = zhCN.feedback;

const list = pagedList({ rowsKey: 'rows', fetch: listFeedback, toRow: toFeedbackRow });

/**
 * 客服中心 → 意见建议: the member's suggestions, newest first, each 已回复 or 待回复, a new
 * reply marked until the suggestion is opened; 加载更多 page by page, and 写建议. Tapping a
 * suggestion opens it in place (the whole text, the pictures, the contact, the reply), which
 * counts its reply as read. Back from 写建议 the list is read again, the new one on top.
 */
Component({
  data: {
    t,
    common: zhCN.common,
    ...unreadList(),
    rows: [] as FeedbackRow[],
    /** The suggestions opened in place, by id. */
    expanded: {} as Record<string, boolean>,
    /** The suggestion whose pictures are being fetched: one at a time. */
    openingPictures: '',
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  pageLifetimes: {
    // Back from 写建议: the new suggestion; a reply may have come meanwhile too.
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

    /**
     * A tap on a suggestion opens it in place, or closes it again. Opening one with a new
     * reply tells the backend it was read; its mark goes once the backend answers (on failure
     * it stays, and the next opening tries again).
     */
    async onToggle(event: IdEvent) {
      const { id } = event.currentTarget.dataset;
      const row = this.data.rows.find((item) => item.id === id);
      if (!row) return;
      const open = !this.data.expanded[id];
      this.setData({ expanded: { ...this.data.expanded, [id]: open } });
      if (!open || !row.unread) return;
      try {
        this.replaceRow(await viewFeedback(id));
      } catch (error) {
        if (followSessionError(error)) return;
        console.warn('feedback view failed', { code: isApiError(error) ? error.code : 'UNKNOWN' });
        wx.showToast({ title: errorText(error), icon: 'none' });
      }
    },

    /** One row as the backend now answers it, in its place (gone meanwhile: nothing). */
    replaceRow(item: FeedbackItem) {
      const index = this.data.rows.findIndex((row) => row.id === item.id);
      if (index >= 0) this.setData({ [`rows[${index}]`]: toFeedbackRow(item) });
    },

    /** 查看图片: short-lived links, the downloads, then WeChat's previewer for all of them. */
    async onViewPictures(event: IdEvent) {
      const { id } = event.currentTarget.dataset;
      const row = this.data.rows.find((item) => item.id === id);
      if (!row || row.pictureIds.length === 0 || this.data.openingPictures) return;
      this.setData({ openingPictures: id });
      try {
        const paths = await Promise.all(
          row.pictureIds.map(async (fileId) => downloadToTemp(await pictureLink(fileId))),
        );
        await preview(paths);
      } catch (error) {
        if (followSessionError(error)) return;
        console.warn('pictures failed', { feedbackId: id, error: describeFailure(error) });
        // A refused link says why (the backend's sentence); a failed download does not.
        wx.showToast({ title: isApiError(error) ? error.message : t.picturesFailed, icon: 'none' });
      } finally {
        this.setData({ openingPictures: '' });
      }
    },

    onWrite() {
      openPage('feedback-new');
    },
  },
});

/** The downloaded pictures in the previewer, which can also save and forward them. */
function preview(paths: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.previewImage({ urls: paths, success: () => resolve(), fail: reject });
  });
}
