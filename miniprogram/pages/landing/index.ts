import type { SocietyInfo } from '../../../typings/actions';
import { zhCN } from '../../locales/zh-CN';
import { openPage } from '../../services/navigation';
import { hasSession } from '../../services/session';
import { getSocietyInfo } from '../../services/society';
import { errorText } from '../../utils/error-text';

/**
 * Where the QR code lands: who the society is, 机构登录 at the top left, and for visitors
 * who are not members yet 申请入会 and 查看入会申请进度.
 */
Component({
  data: {
    t: zhCN.landing,
    common: zhCN.common,
    privacy: zhCN.privacy,
    society: null as SocietyInfo | null,
    loading: true,
    error: '',
    loggedIn: false,
    entryText: zhCN.landing.loginEntry as string,
  },

  lifetimes: {
    attached() {
      this.showEntry();
      void this.load();
    },
  },

  pageLifetimes: {
    // Coming back after logging in or out: the entry must say where it leads now.
    show() {
      this.showEntry();
    },
  },

  methods: {
    showEntry() {
      const loggedIn = hasSession();
      const t = zhCN.landing;
      this.setData({ loggedIn, entryText: loggedIn ? t.memberEntry : t.loginEntry });
    },

    async load() {
      this.setData({ loading: true, error: '' });
      try {
        const society = await getSocietyInfo();
        this.setData({ society, loading: false });
      } catch (error) {
        this.setData({ loading: false, error: errorText(error) });
      }
    },

    onPrivacy() {
      openPage('privacy');
    },

    onApply() {
      openPage('apply');
    },

    onApplyStatus() {
      openPage('apply-status');
    },

    onEntryTap() {
      openPage(this.data.loggedIn ? 'home' : 'login');
    },
  },
});
