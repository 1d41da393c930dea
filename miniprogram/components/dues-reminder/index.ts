import { config } from '../../config';
import { fill, zhCN } from '../../locales/zh-CN';
import { acceptReminder, reminderStatus } from '../../services/dues';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';

const t = zhCN.dues.reminder;

/** What WeChat answers per template id: accept, reject, ban or filter (same title twice). */
type SubscribeAnswer = WechatMiniprogram.RequestSubscribeMessageSuccessCallbackResult &
  Record<string, string>;

/**
 * 订阅到期提醒 (`<dues-reminder />`): one tap asks WeChat for one subscription message of the
 * reminder template, and an acceptance is recorded as one credit for the daily reminder job.
 * Hidden while config.reminderTemplateId is not set up, or the backend sends with another.
 */
Component({
  data: {
    t,
    templateId: config.reminderTemplateId,
    creditsText: '',
    busy: false,
  },

  lifetimes: {
    attached() {
      this.setData({ templateId: config.reminderTemplateId });
      if (config.reminderTemplateId) void this.loadCredits();
    },
  },

  methods: {
    async loadCredits() {
      try {
        const status = await reminderStatus();
        if (status.templateId !== this.data.templateId) {
          // The backend sends with another template (or none): an acceptance would be wasted.
          console.warn('reminder template differs from the backend', {
            backend: status.templateId,
          });
          this.setData({ templateId: '' });
          return;
        }
        this.showCredits(status.credits);
      } catch (error) {
        // The count is a hint: without it the cell still works, so the failure is only logged.
        if (!followSessionError(error)) console.warn('reminder status failed', errorText(error));
      }
    },

    showCredits(count: number) {
      this.setData({ creditsText: fill(t.credits, { count }) });
    },

    /** Must run straight from the tap: WeChat shows the dialog only on a member's gesture. */
    onSubscribe() {
      const { templateId, busy } = this.data;
      if (!templateId || busy) return;
      this.setData({ busy: true });
      wx.requestSubscribeMessage({
        tmplIds: [templateId],
        success: (answer) => {
          void this.record((answer as SubscribeAnswer)[templateId]);
        },
        fail: (error: WechatMiniprogram.GeneralCallbackResult & { errCode?: number }) => {
          console.warn('requestSubscribeMessage failed', {
            errMsg: error.errMsg,
            errCode: error.errCode,
          });
          this.setData({ busy: false });
          wx.showToast({ title: t.failed, icon: 'none' });
        },
      });
    },

    async record(answer: string | undefined) {
      try {
        if (answer === 'accept') {
          this.showCredits(await acceptReminder(this.data.templateId));
          wx.showToast({ title: t.subscribed, icon: 'success' });
        } else {
          wx.showToast({ title: answer === 'ban' ? t.banned : t.declined, icon: 'none' });
        }
      } catch (error) {
        if (!followSessionError(error)) wx.showToast({ title: errorText(error), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
