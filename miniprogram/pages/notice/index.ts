import type { NoticeDetail } from '../../../typings/actions';
import { zhCN } from '../../locales/zh-CN';
import { isApiError } from '../../services/api-error';
import {
  attachmentLink,
  replyToNotice,
  viewNotice,
  type NoticeAnswer,
} from '../../services/notices';
import { followSessionError } from '../../services/session-flow';
import { describeFailure, downloadToTemp } from '../../services/downloads';
import { errorText } from '../../utils/error-text';
import {
  MAX_REPLY_TEXT,
  replyDraftOf,
  replyFieldOf,
  replyLength,
  replyProblem,
  toNoticeView,
  type AttachmentOpening,
  type NoticeView,
  type ReplyProblem,
} from '../../utils/notice-view';

type IndexEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { index: number }
>;
type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

const t = zhCN.notices;

/**
 * One 通知, opened from the list (`?id=`): title, date, the text, the attachments and, when a
 * reply is asked, 提交反馈 (a choice of the options or a text) and 修改反馈 until the deadline;
 * after it the reply is shown read-only with 反馈已截止. Opening it marks it read and earns
 * 查看通知 once (the backend keeps count, however often it is opened).
 */
Component({
  data: {
    t,
    common: zhCN.common,
    maxText: MAX_REPLY_TEXT,
    noticeId: '',
    loading: true,
    loadError: '',
    notice: null as NoticeView | null,
    choice: '',
    text: '',
    textCount: 0,
    submitting: false,
    error: '',
    errorField: '' as ReplyProblem['field'] | '',
    /** The attachment being fetched: one at a time. */
    opening: '',
  },

  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const noticeId = options.id ?? '';
      if (!noticeId) {
        this.setData({ loading: false, loadError: t.missing });
        return;
      }
      this.setData({ noticeId });
      void this.load();
    },

    /** The first opening and 重新加载: the loading state, then the notice or the error. */
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        this.show(await viewNotice(this.data.noticeId));
        this.setData({ loading: false });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    /** The notice as the backend answered it, with its current reply in the form. */
    show(notice: NoticeDetail) {
      const draft = replyDraftOf(notice);
      this.setData({ notice: toNoticeView(notice), ...draft, textCount: replyLength(draft.text) });
    },

    onChoiceChange(event: ValueEvent) {
      this.setData({ choice: event.detail.value, ...noError() });
    },

    onTextInput(event: ValueEvent) {
      const text = event.detail.value;
      this.setData({ text, textCount: replyLength(text), ...noError() });
    },

    /** 提交反馈 / 修改反馈: checked here first; a refusal shows on the field it names. */
    async onSubmit() {
      const { notice, choice, text, submitting } = this.data;
      if (!notice || !notice.canReply || submitting) return;
      const problem = replyProblem(notice.replyKind, { choice, text });
      if (problem) {
        this.setData({ errorField: problem.field, error: problem.message });
        return;
      }

      const answer: NoticeAnswer =
        notice.replyKind === 'choice' ? { choice } : { text: text.trim() };
      const changing = notice.myReply !== null;
      this.setData({ submitting: true, ...noError() });
      try {
        this.show(await replyToNotice(notice.id, answer));
        wx.showToast({ title: changing ? t.changed : t.submitted, icon: 'success' });
      } catch (error) {
        if (followSessionError(error)) return;
        const field = isApiError(error) ? replyFieldOf(error.field) : null;
        this.setData({ error: errorText(error), errorField: field ?? '' });
        // Past the deadline (or no longer asking): read it again, so the page says so.
        if (isApiError(error, 'CONFLICT')) await this.reread();
      } finally {
        this.setData({ submitting: false });
      }
    },

    /** The notice again after a refused reply; on failure what is shown stays. */
    async reread() {
      try {
        this.show(await viewNotice(this.data.noticeId));
      } catch (error) {
        if (!followSessionError(error)) console.warn('notice re-read failed', errorText(error));
      }
    },

    /** An attachment: a short-lived link, the download, then the viewer for its type. */
    async onOpenAttachment(event: IndexEvent) {
      const file = this.data.notice?.attachments[Number(event.currentTarget.dataset.index)];
      if (!file || this.data.opening) return;
      this.setData({ opening: file.fileId });
      try {
        let filePath: string;
        try {
          filePath = await downloadToTemp(await attachmentLink(file.fileId));
        } catch (error) {
          if (followSessionError(error)) return;
          console.warn('attachment download failed', {
            fileId: file.fileId,
            error: describeFailure(error),
          });
          // A refused link says why (the backend's sentence); a failed download does not.
          wx.showToast({
            title: isApiError(error) ? error.message : t.downloadFailed,
            icon: 'none',
          });
          return;
        }
        try {
          await openDownloaded(filePath, file.opening);
        } catch (error) {
          console.warn('attachment open failed', {
            fileId: file.fileId,
            error: describeFailure(error),
          });
          wx.showToast({ title: t.openFailed, icon: 'none' });
        }
      } finally {
        this.setData({ opening: '' });
      }
    },
  },
});

function noError() {
  return { error: '', errorField: '' as const };
}

/**
 * A downloaded attachment in WeChat's document viewer, with its menu (转发, 用其他应用打开,
 * 打印), or a picture in the previewer (which can save and forward it).
 */
function openDownloaded(filePath: string, opening: AttachmentOpening): Promise<void> {
  return new Promise((resolve, reject) => {
    if (opening.kind === 'image') {
      wx.previewImage({ urls: [filePath], success: () => resolve(), fail: reject });
      return;
    }
    wx.openDocument({
      filePath,
      ...(opening.fileType ? { fileType: opening.fileType } : {}),
      showMenu: true,
      success: () => resolve(),
      fail: reject,
    });
  });
}
