import type { Certificate } from '../../../typings/actions';
import { zhCN } from '../../locales/zh-CN';
import { getCertificate } from '../../services/certificate';
import { openPage } from '../../services/navigation';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import { wxFailureKind } from '../../utils/wx-failure';
import {
  exportCertificate,
  ImageLoadError,
  paintCertificate,
  queryCanvas,
  saveToAlbum,
  type CertificateNode,
} from './canvas';

/** Where the page is: each phase shows one thing. */
type Phase = 'loading' | 'loadError' | 'unavailable' | 'drawing' | 'drawError' | 'ready';

/** The scope saving to the album needs; 去设置 turns it back on after a refusal. */
const ALBUM_SCOPE = 'scope.writePhotosAlbum';

/** The drawn canvas node, by page instance: a node cannot live in data, which WeChat copies. */
const nodes = new WeakMap<object, CertificateNode>();

/**
 * 会员证书 (会员中心 → 会员证书). Current dues: the certificate drawn on a Canvas 2D and
 * 保存到相册. Lapsed dues or no expiry on the roster: the backend's reason and 续费.
 * Every platform's way of refusing the album ends in one state that explains and opens the
 * settings; closing a dialog is not an error.
 */
Component({
  data: {
    t: zhCN.certificate,
    common: zhCN.common,
    phase: 'loading' as Phase,
    error: '',
    unavailableMessage: '',
    certificate: null as Certificate | null,
    saving: false,
    albumDenied: false,
    saveError: '',
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  methods: {
    async load() {
      this.setData({ phase: 'loading', error: '' });
      try {
        const answer = await getCertificate();
        if (!answer.available) {
          this.setData({ phase: 'unavailable', unavailableMessage: answer.message });
          return;
        }
        // The canvas exists only once the page shows the drawing phase.
        this.setData({ phase: 'drawing', certificate: answer.certificate }, () => {
          void this.draw();
        });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ phase: 'loadError', error: errorText(error) });
      }
    },

    async draw() {
      const { certificate } = this.data;
      if (!certificate) return;
      this.setData({ phase: 'drawing' });
      try {
        const fields = await queryCanvas(this);
        await paintCertificate(fields, certificate);
        if (fields.node) nodes.set(this, fields.node);
        this.setData({ phase: 'ready' });
      } catch (error) {
        if (!(error instanceof ImageLoadError)) console.error('certificate not drawn', error);
        this.setData({ phase: 'drawError' });
      }
    },

    async onSave() {
      const node = nodes.get(this);
      if (!node || this.data.saving) return;
      this.setData({ saving: true, saveError: '' });
      try {
        await saveToAlbum(await exportCertificate(node));
        this.setData({ saving: false, albumDenied: false });
        wx.showToast({ title: zhCN.certificate.saved, icon: 'success' });
      } catch (error) {
        this.setData({ saving: false });
        this.showSaveFailure(error);
      }
    },

    showSaveFailure(error: unknown) {
      const t = zhCN.certificate;
      switch (wxFailureKind(error)) {
        case 'cancelled':
          return;
        case 'denied':
          this.setData({ albumDenied: true });
          return;
        case 'privacy':
          // The privacy prompt explains as well; the page keeps the reason in view.
          this.setData({ saveError: t.privacyRefused });
          return;
        default:
          console.error('certificate not saved', error);
          this.setData({ saveError: t.saveFailed });
      }
    },

    /** 去设置: WeChat's settings page; back with the album allowed, it saves right away. */
    onOpenSetting() {
      wx.openSetting({
        success: (result) => {
          const allowed = (result.authSetting as Record<string, boolean | undefined>)[ALBUM_SCOPE];
          if (!allowed) return;
          this.setData({ albumDenied: false });
          void this.onSave();
        },
        fail: (error) => console.error('openSetting failed', error),
      });
    },

    /** 续费 on a lapsed membership: the renewal flow. */
    onRenew() {
      openPage('renew');
    },
  },
});
