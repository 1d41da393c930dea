import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

type Answer = { event: string; buttonId?: string };
type Listener = (resolve: (answer: Answer) => void, eventInfo: { referrer: string }) => void;

const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');
const promptId = simulate.load(path.join(MINIPROGRAM_ROOT, 'components/privacy-prompt/index'), {
  rootPath: MINIPROGRAM_ROOT,
});
/** A page that uses the prompt, as every privacy-scoped page does, recording `refuse`. */
const refusals: unknown[] = [];
const hostId = simulate.load({
  template: '<privacy-prompt id="prompt" bind:refuse="onRefuse" />',
  usingComponents: { 'privacy-prompt': promptId },
  methods: {
    onRefuse(event: { detail: unknown }) {
      refusals.push(event.detail);
    },
  },
});

describe('the privacy prompt', () => {
  const wxGlobal = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  let listeners: Listener[];
  let contractsOpened: number;
  let contractFails: boolean;
  let hosts: Rendered[];

  beforeEach(() => {
    listeners = [];
    contractsOpened = 0;
    contractFails = false;
    hosts = [];
    refusals.length = 0;
    wxGlobal.onNeedPrivacyAuthorization = (listener: Listener) => listeners.push(listener);
    wxGlobal.openPrivacyContract = (options: { fail?: () => void }) => {
      contractsOpened += 1;
      if (contractFails) void Promise.resolve().then(() => options.fail?.());
    };
  });
  afterEach(() => {
    hosts.splice(0).forEach((host) => host.detach());
    delete wxGlobal.onNeedPrivacyAuthorization;
    delete wxGlobal.openPrivacyContract;
  });

  function renderHost(): Rendered {
    const host = simulate.render(hostId) as unknown as Rendered;
    host.attach(document.createElement('parent-wrapper'));
    hosts.push(host);
    return host;
  }

  /** WeChat holding a privacy-scoped call: the last listener registered hears of it. */
  function needAuthorization(referrer: string): Answer[] {
    const answers: Answer[] = [];
    listeners.at(-1)!((answer) => answers.push(answer), { referrer });
    return answers;
  }

  const shown = (host: Rendered, selector: string) =>
    Boolean(host.querySelector(`#prompt >>> ${selector}`));
  const text = (host: Rendered, selector: string) =>
    host.querySelector(`#prompt >>> ${selector}`)?.dom?.textContent?.trim() ?? '';

  async function tap(host: Rendered, selector: string, event = 'tap') {
    host.querySelector(`#prompt >>> ${selector}`)!.dispatchEvent(event);
    await simulate.sleep(0);
  }

  it('listens once attached and shows nothing until WeChat asks', () => {
    const host = renderHost();

    expect(listeners).toHaveLength(1);
    expect(shown(host, '.privacy-prompt')).toBe(false);
  });

  it('shows the prompt with the policy link when a privacy-scoped call waits', async () => {
    const host = renderHost();

    const answers = needAuthorization('saveImageToPhotosAlbum');
    await simulate.sleep(0);

    expect(text(host, '.privacy-dialog__title')).toBe('隐私保护提示');
    expect(text(host, '.privacy-policy-link')).toBe('《隐私保护指引》');
    expect(text(host, '.privacy-agree')).toBe('同意');
    // WeChat accepts `agree` only from the button with this id.
    expect(host.querySelector('#prompt >>> #privacy-agree')).toBeTruthy();
    expect(text(host, '.privacy-disagree')).toBe('拒绝');
    // The platform is told the prompt is on screen; nothing is decided yet.
    expect(answers).toEqual([{ event: 'exposureAuthorization' }]);
  });

  it('同意 lets the waiting call go on, naming the agree button', async () => {
    const host = renderHost();
    const answers = needAuthorization('chooseMedia');
    await simulate.sleep(0);

    await tap(host, '.privacy-agree', 'agreeprivacyauthorization');

    expect(answers.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' });
    expect(shown(host, '.privacy-prompt')).toBe(false);
    expect(shown(host, '.privacy-refused')).toBe(false);
  });

  it('answers every call that waited on one prompt', async () => {
    const host = renderHost();
    const first = needAuthorization('chooseMedia');
    const second = needAuthorization('chooseMessageFile');
    await simulate.sleep(0);

    await tap(host, '.privacy-agree', 'agreeprivacyauthorization');

    expect(first.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' });
    expect(second.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' });
  });

  it('拒绝 fails the call, explains what cannot be done and tells the page', async () => {
    const host = renderHost();
    const answers = needAuthorization('saveImageToPhotosAlbum');
    await simulate.sleep(0);

    await tap(host, '.privacy-disagree');

    expect(answers.at(-1)).toEqual({ event: 'disagree' });
    expect(shown(host, '.privacy-prompt')).toBe(false);
    expect(text(host, '.privacy-refused__text')).toBe(
      '您拒绝了隐私授权，无法保存到相册。如需使用，请再次点击并同意。',
    );
    expect(refusals).toEqual([{ referrer: 'saveImageToPhotosAlbum' }]);

    await tap(host, '.privacy-got-it');
    expect(shown(host, '.privacy-refused')).toBe(false);
  });

  it('names choosing images in the explanation when the photo picker waited', async () => {
    const host = renderHost();
    needAuthorization('chooseImage');
    await simulate.sleep(0);

    await tap(host, '.privacy-disagree');

    expect(text(host, '.privacy-refused__text')).toContain('无法选择图片');
  });

  it('opens WeChat’s own page of the policy', async () => {
    const host = renderHost();
    needAuthorization('chooseMedia');
    await simulate.sleep(0);

    await tap(host, '.privacy-policy-link');

    expect(contractsOpened).toBe(1);
    expect(wxFake.navigations).toEqual([]);
  });

  it('opens our own policy page when WeChat’s cannot open', async () => {
    contractFails = true;
    const host = renderHost();
    needAuthorization('chooseMedia');
    await simulate.sleep(0);

    await tap(host, '.privacy-policy-link');
    await simulate.sleep(0);

    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/privacy/index' });
  });

  it('opens our own policy page on base libraries without openPrivacyContract', async () => {
    delete wxGlobal.openPrivacyContract;
    const host = renderHost();
    needAuthorization('chooseMedia');
    await simulate.sleep(0);

    await tap(host, '.privacy-policy-link');

    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/privacy/index' });
  });

  it('refuses a call still waiting when its page goes away', async () => {
    renderHost();
    const answers = needAuthorization('saveImageToPhotosAlbum');
    await simulate.sleep(0);

    hosts.splice(0).forEach((page) => page.detach());

    expect(answers.at(-1)).toEqual({ event: 'disagree' });
  });

  it('does nothing on base libraries without the privacy API', () => {
    delete wxGlobal.onNeedPrivacyAuthorization;

    const host = renderHost();

    expect(listeners).toEqual([]);
    expect(shown(host, '.privacy-prompt')).toBe(false);
  });
});
