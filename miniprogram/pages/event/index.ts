import type { EventDetail } from '../../../typings/events';
import { zhCN } from '../../locales/zh-CN';
import { isApiError } from '../../services/api-error';
import { scanToCheckIn } from '../../services/checkin';
import { cancelRegistration, getEvent, registerForEvent } from '../../services/events';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import { toEventView, type EventView } from '../../utils/event-view';

const t = zhCN.events;

/**
 * One 会内活动, opened from the list (`?id=`): the time and place in Beijing time, the places
 * taken, the deadline and check-in window, the text; 报名, 取消报名 (after a confirm: its
 * points go) or why neither is possible (名额已满, 报名已截止, ...), and 扫码签到 while
 * registered and not checked in.
 */
Component({
  data: {
    t,
    common: zhCN.common,
    eventId: '',
    loading: true,
    loadError: '',
    event: null as EventView | null,
    /** 报名 or 取消报名 under way: one at a time, a double tap sends one. */
    busy: false,
    actionError: '',
    scanning: false,
    checkinResult: '',
    checkinError: '',
  },

  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const eventId = options.id ?? '';
      if (!eventId) {
        this.setData({ loading: false, loadError: t.missing });
        return;
      }
      this.setData({ eventId });
      void this.load();
    },

    /** The first opening and 重新加载: the loading state, then the event or the error. */
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        this.show(await getEvent(this.data.eventId));
        this.setData({ loading: false });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    show(event: EventDetail) {
      this.setData({ event: toEventView(event) });
    },

    onRegister() {
      void this.change(registerForEvent, t.registered);
    },

    /** 取消报名 takes back the registration's points: the member confirms it first. */
    onCancel() {
      if (this.data.busy) return;
      wx.showModal({
        title: t.cancelTitle,
        content: t.cancelConfirm,
        success: (answer) => {
          if (answer.confirm) void this.change(cancelRegistration, t.cancelled);
        },
      });
    },

    /**
     * Registers or cancels. A refusal (full meanwhile, past the deadline) is shown, and the
     * event read again so that the page says why.
     */
    async change(action: (eventId: string) => Promise<EventDetail>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        this.show(await action(this.data.eventId));
        wx.showToast({ title: done, icon: 'success' });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ actionError: errorText(error) });
        if (isApiError(error, 'CONFLICT')) await this.reread();
      } finally {
        this.setData({ busy: false });
      }
    },

    /** The event again after a refusal; on failure what is shown stays. */
    async reread() {
      try {
        this.show(await getEvent(this.data.eventId));
      } catch (error) {
        if (!followSessionError(error)) console.warn('event re-read failed', errorText(error));
      }
    },

    /** 扫码签到: this page shows the answer when the code named this event. */
    onScan() {
      return scanToCheckIn(this, (event) => {
        if (event.id === this.data.eventId) this.show(event);
      });
    },
  },
});
