import { zhCN } from '../../../locales/zh-CN';
import { isApiError } from '../../../services/api-error';
import {
  handOverForResubmit,
  lookUpApplication,
  myApplication,
  type MyApplication,
} from '../../services/application';
import { openPage } from '../../../services/navigation';
import { toApplicationStatusView, type ApplicationStatusView } from '../../utils/application-form';
import { errorText } from '../../../utils/error-text';

type FieldEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  Record<string, never>,
  { field: 'phone' | 'code' }
>;

const t = zhCN.applyStatus;

/** Where the application shown came from: this WeChat's own, or a phone + code look-up. */
type Source = 'mine' | 'lookUp';

/**
 * 入会申请进度, without login: the application submitted from this WeChat (application.mine),
 * or any one by phone + 申请编号. 审核中 shows when it was sent; 已通过 the member number and how
 * to log in (去登录); 未通过 the reason and 修改后重新提交, which opens the form prefilled.
 */
Component({
  data: {
    t,
    common: zhCN.common,
    loading: true,
    loadError: '',
    /** False when trying again cannot help (no WeChat identity: only the look-up works). */
    canRetry: true,
    source: 'mine' as Source,
    application: null as MyApplication | null,
    view: null as ApplicationStatusView | null,
    lookUp: { phone: '', code: '' },
    lookUpError: '',
    lookUpField: '' as '' | 'phone' | 'code',
    looking: false,
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  pageLifetimes: {
    // Back from 修改后重新提交: the application is under review again.
    show() {
      if (!this.data.loading && this.data.application) void this.refresh();
    },
  },

  methods: {
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        this.show(await myApplication(), 'mine');
        this.setData({ loading: false });
      } catch (error) {
        const canRetry = !isApiError(error, 'FORBIDDEN');
        this.setData({ loading: false, loadError: errorText(error), canRetry });
      }
    },

    show(application: MyApplication | null, source: Source) {
      this.setData({
        application,
        source,
        view: application ? toApplicationStatusView(application) : null,
      });
    },

    /** Reads the application shown again; on failure the one shown stays, as it was right. */
    async refresh() {
      const { application, source } = this.data;
      if (!application) return;
      try {
        const fresh =
          source === 'mine'
            ? await myApplication()
            : await lookUpApplication(application.phone, application.referenceCode);
        if (fresh) this.show(fresh, source);
      } catch (error) {
        console.warn('application status refresh failed', errorText(error));
      }
    },

    onLookUpInput(event: FieldEvent) {
      const { field } = event.currentTarget.dataset;
      this.setData({ [`lookUp.${field}`]: event.detail.value, lookUpError: '', lookUpField: '' });
    },

    /** 查询: a wrong code and an unknown phone get the same answer from the backend. */
    async onLookUp() {
      const { lookUp, looking } = this.data;
      if (looking) return;
      const phone = lookUp.phone.trim();
      const code = lookUp.code.trim();
      if (phone === '') {
        this.setData({ lookUpField: 'phone', lookUpError: t.phoneMissing });
        return;
      }
      if (code === '') {
        this.setData({ lookUpField: 'code', lookUpError: t.codeMissing });
        return;
      }

      this.setData({ looking: true, lookUpError: '', lookUpField: '' });
      try {
        this.show(await lookUpApplication(phone, code), 'lookUp');
      } catch (error) {
        const field = isApiError(error) ? error.field : null;
        this.setData({
          lookUpError: errorText(error),
          lookUpField: field === 'phone' ? 'phone' : field === 'referenceCode' ? 'code' : '',
        });
      } finally {
        this.setData({ looking: false });
      }
    },

    onGoLogin() {
      openPage('login');
    },

    onApply() {
      openPage('apply');
    },

    /** 修改后重新提交: the form opens with this application, its files and its phone. */
    onResubmit() {
      const { application } = this.data;
      if (!application || application.status !== 'rejected') return;
      handOverForResubmit(application);
      openPage('apply', { mode: 'resubmit' });
    },
  },
});
