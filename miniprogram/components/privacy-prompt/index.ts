import { fill, zhCN } from '../../locales/zh-CN';
import { openPage } from '../../services/navigation';

/** What WeChat's privacy gate accepts back (base library 2.32.3+). */
type PrivacyAnswer =
  { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' };
type PrivacyResolve = (answer: PrivacyAnswer) => void;
/** `referrer` names the API or component waiting, e.g. saveImageToPhotosAlbum. */
type PrivacyListener = (resolve: PrivacyResolve, eventInfo: { referrer?: string }) => void;

/**
 * The privacy calls, typed by hand: miniprogram-api-typings types the listener's arguments as
 * a plain callback result. Either may be missing on base libraries before 2.32.3, which do
 * not gate privacy-scoped APIs at all.
 */
interface PrivacyApi {
  onNeedPrivacyAuthorization?: (listener: PrivacyListener) => void;
  openPrivacyContract?: (options: { fail?: () => void }) => void;
}

/** The agree button's id: WeChat checks that this very button was tapped before `agree`. */
const AGREE_BUTTON_ID = 'privacy-agree';

type Feature = keyof typeof zhCN.privacyPrompt.features;

/** Which feature a waiting API belongs to, for the sentence shown after a refusal. */
function featureOf(referrer: string): Feature {
  if (/PhotosAlbum/i.test(referrer)) return 'album';
  if (/chooseMedia|chooseImage/i.test(referrer)) return 'images';
  if (/chooseMessageFile/i.test(referrer)) return 'files';
  if (/scanCode|camera/i.test(referrer)) return 'camera';
  return 'other';
}

/**
 * The calls each prompt holds, by component instance. Resolvers are functions, so they cannot
 * live in data (which WeChat copies).
 */
const pendingByPrompt = new WeakMap<object, PrivacyResolve[]>();

function pendingOf(prompt: object): PrivacyResolve[] {
  let pending = pendingByPrompt.get(prompt);
  if (!pending) {
    pending = [];
    pendingByPrompt.set(prompt, pending);
  }
  return pending;
}

function privacyApi(): PrivacyApi {
  return wx as unknown as PrivacyApi;
}

/**
 * The privacy prompt (`<privacy-prompt />`) for every page that uses a privacy-scoped API
 * (choosing images or files, saving to the album, scanning). WeChat holds the API call while
 * this asks; 同意 lets it go on, 拒绝 makes it fail with `privacy permission is not
 * authorized`. The refusal is explained here and reported as a `refuse` event, so the page
 * never just sees nothing happen.
 */
Component({
  data: {
    t: zhCN.privacyPrompt,
    agreeButtonId: AGREE_BUTTON_ID,
    visible: false,
    refusedText: '',
    referrer: '',
  },

  lifetimes: {
    attached() {
      this.listen();
    },
    detached() {
      // A registered listener must always answer: a page that goes away refuses.
      this.answer({ event: 'disagree' });
    },
  },

  pageLifetimes: {
    // WeChat keeps only the last listener registered: take it back when this page returns.
    show() {
      this.listen();
    },
  },

  methods: {
    listen() {
      const api = privacyApi();
      if (typeof api.onNeedPrivacyAuthorization !== 'function') return;
      api.onNeedPrivacyAuthorization((resolve, eventInfo) => {
        pendingOf(this).push(resolve);
        this.setData({ visible: true, refusedText: '', referrer: eventInfo?.referrer ?? '' });
        resolve({ event: 'exposureAuthorization' });
      });
    },

    /** Answers every call waiting on the prompt (two APIs may ask at once). */
    answer(answer: PrivacyAnswer) {
      const waiting = pendingOf(this).splice(0);
      waiting.forEach((resolve) => resolve(answer));
    },

    onAgree() {
      this.setData({ visible: false });
      this.answer({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    },

    onDisagree() {
      const { referrer } = this.data;
      const feature = zhCN.privacyPrompt.features[featureOf(referrer)];
      this.setData({ visible: false, refusedText: fill(zhCN.privacyPrompt.refused, { feature }) });
      this.answer({ event: 'disagree' });
      this.triggerEvent('refuse', { referrer });
    },

    onDismissRefusal() {
      this.setData({ refusedText: '' });
    },

    /** WeChat's own page of the policy declared in the admin site, else ours. */
    onOpenPolicy() {
      const api = privacyApi();
      if (typeof api.openPrivacyContract !== 'function') {
        openPage('privacy');
        return;
      }
      api.openPrivacyContract({ fail: () => openPage('privacy') });
    },
  },
});
