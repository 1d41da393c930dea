import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember, MEMBER } from './support/members';
import { renderPage, tapButton, textOf, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';
const ALBUM_DENIED = '需要您允许保存到相册';

interface FakeImage {
  src: string;
  width: number;
  height: number;
  onload: () => void;
  onerror: () => void;
}

interface Failure {
  errMsg: string;
  errno?: number;
}

/**
 * The Canvas 2D node and the wx calls around it. Images load only when the test says so, so
 * the order of loading and drawing can be seen; the context records every draw call.
 */
function fakeCanvas() {
  const images: FakeImage[] = [];
  const drawn: string[] = [];
  const written: string[] = [];
  const saved: string[] = [];
  const settings: string[] = [];
  const answers = {
    save: null as Failure | null,
    albumAllowedInSettings: true,
  };
  const later = (run: () => void) => void Promise.resolve().then(run);

  const ctx = {
    fillStyle: '',
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    globalAlpha: 1,
    save: () => undefined,
    restore: () => undefined,
    scale: () => undefined,
    fillRect: () => undefined,
    measureText: (text: string) => ({ width: text.length * 10 }),
    fillText: (text: string) => drawn.push(`text:${text}`),
    drawImage: (image: FakeImage) => drawn.push(`image:${image.src}`),
  };
  const node = {
    width: 300,
    height: 150,
    getContext: () => ctx,
    createImage: () => {
      const image: FakeImage = {
        src: '',
        width: 300,
        height: 300,
        onload: () => undefined,
        onerror: () => undefined,
      };
      images.push(image);
      return image;
    },
  };
  const query = {
    in: () => query,
    select: () => query,
    fields: () => query,
    exec: (callback: (results: unknown[]) => void) =>
      later(() => callback([{ node, width: 345, height: 244 }])),
  };

  const api = {
    env: { USER_DATA_PATH: 'wxfile://usr' },
    getWindowInfo: () => ({ pixelRatio: 2 }),
    createSelectorQuery: () => query,
    getFileSystemManager: () => ({
      writeFile: (options: { filePath: string; success?: () => void }) => {
        written.push(options.filePath);
        later(() => options.success?.());
      },
    }),
    canvasToTempFilePath: (options: { success?: (result: { tempFilePath: string }) => void }) =>
      later(() => options.success?.({ tempFilePath: 'wxfile://tmp/certificate.png' })),
    saveImageToPhotosAlbum: (options: {
      filePath: string;
      success?: () => void;
      fail?: (failure: Failure) => void;
    }) =>
      later(() => {
        if (answers.save) {
          options.fail?.(answers.save);
          return;
        }
        saved.push(options.filePath);
        options.success?.();
      }),
    openSetting: (options: {
      success?: (result: { authSetting: Record<string, boolean> }) => void;
    }) => {
      settings.push('openSetting');
      later(() =>
        options.success?.({
          authSetting: { 'scope.writePhotosAlbum': answers.albumAllowedInSettings },
        }),
      );
    },
  };
  return { api, images, drawn, written, saved, settings, answers };
}

describe('会员证书', () => {
  let backend: ConnectedBackend;
  let canvas: ReturnType<typeof fakeCanvas>;
  const wxGlobal = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const original = { ...wxGlobal };

  beforeEach(() => {
    backend = connectBackend({ now: NOW });
    backend.deps.config.portalUrl = 'http://127.0.0.1:8787';
    canvas = fakeCanvas();
    Object.assign(wxGlobal, canvas.api);
  });
  afterEach(() => {
    backend.close();
    for (const key of Object.keys(canvas.api)) delete wxGlobal[key];
    Object.assign(wxGlobal, original);
  });

  /** Lets callbacks queued by the fakes and simulate's events run. */
  async function flush() {
    for (let turn = 0; turn < 10; turn += 1) await new Promise((done) => setTimeout(done, 0));
    await backend.settle();
  }

  async function openCertificate(member = MEMBER): Promise<Rendered> {
    await loggedInMember(backend, member);
    const page = renderPage('certificate');
    await backend.settle();
    await flush();
    return page;
  }

  function loadAllImages() {
    canvas.images.forEach((image) => image.onload());
  }

  async function openDrawn(): Promise<Rendered> {
    const page = await openCertificate();
    loadAllImages();
    await flush();
    return page;
  }

  async function tap(page: Rendered, button: string) {
    tapButton(page, button);
    await flush();
  }

  it('draws only after the background and the QR code have both loaded', async () => {
    const page = await openCertificate();

    expect(canvas.images.map((image) => image.src)).toEqual([
      '/assets/certificate/background.png',
      'wxfile://usr/cert-qr.png',
    ]);
    expect(canvas.written).toEqual(['wxfile://usr/cert-qr.png']);
    expect(textOf(page, '.sheet__cover')).toBe('证书生成中…');

    canvas.images[0]!.onload();
    await flush();
    expect(canvas.drawn).toEqual([]);

    canvas.images[1]!.onload();
    await flush();
    expect(canvas.drawn[0]).toBe('image:/assets/certificate/background.png');
    expect(canvas.drawn).toContain(`text:${MEMBER.name}`);
    expect(canvas.drawn).toContain('image:wxfile://usr/cert-qr.png');
    expect(page.querySelector('.sheet__cover')).toBeFalsy();
    expect(textOf(page, '.save >>> .t-button')).toBe('保存到相册');
  });

  it('shows 重试 when an image fails to load, and draws on the second try', async () => {
    const page = await openCertificate();

    canvas.images[0]!.onload();
    canvas.images[1]!.onerror();
    await flush();
    expect(textOf(page, '.draw-error .state__message')).toBe('证书图片加载失败');
    expect(canvas.drawn).toEqual([]);

    await tap(page, '.redraw');
    canvas.images.slice(2).forEach((image) => image.onload());
    await flush();
    expect(canvas.drawn[0]).toBe('image:/assets/certificate/background.png');
    expect(page.querySelector('.draw-error')).toBeFalsy();
  });

  it('explains a lapsed membership and opens 立即续费', async () => {
    const page = await openCertificate({ ...MEMBER, expiresOn: '2026-05-01' });

    expect(textOf(page, '.unavailable-message')).toContain('2026年5月1日');
    expect(textOf(page, '.unavailable-message')).toContain('续费');
    expect(page.querySelector('#certificate')).toBeFalsy();

    await tap(page, '.renew');
    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/renew/index' });
  });

  it('saves the drawn certificate to the album', async () => {
    const page = await openDrawn();

    await tap(page, '.save');

    expect(canvas.saved).toEqual(['wxfile://tmp/certificate.png']);
    expect(wxFake.toasts).toEqual(['已保存到相册']);
    expect(textOf(page, '.album-denied__title')).toBe('');
  });

  it.each([
    ['DevTools', { errMsg: 'saveImageToPhotosAlbum:fail auth deny' }],
    ['Android', { errMsg: 'saveImageToPhotosAlbum:fail auth denied' }],
    ['iOS', { errMsg: 'saveImageToPhotosAlbum:fail authorize no response' }],
    ['WeCom', { errMsg: 'saveImageToPhotosAlbum:fail:system permission denied' }],
    ['errno 103', { errMsg: 'saveImageToPhotosAlbum:fail', errno: 103 }],
  ])('shows the one album state for a refusal worded as on %s', async (_platform, failure) => {
    const page = await openDrawn();
    canvas.answers.save = failure;

    await tap(page, '.save');

    expect(textOf(page, '.album-denied__title')).toBe(ALBUM_DENIED);
    expect(textOf(page, '.album-denied__hint')).toContain('去设置');
    expect(textOf(page, '.save-error')).toBe('');
    expect(wxFake.toasts).toEqual([]);
  });

  it('opens the settings from the album state and saves once the album is allowed', async () => {
    const page = await openDrawn();
    canvas.answers.save = { errMsg: 'saveImageToPhotosAlbum:fail auth deny' };
    await tap(page, '.save');

    canvas.answers.save = null;
    await tap(page, '.open-setting');

    expect(canvas.settings).toEqual(['openSetting']);
    expect(canvas.saved).toEqual(['wxfile://tmp/certificate.png']);
    expect(textOf(page, '.album-denied__title')).toBe('');
    expect(wxFake.toasts).toEqual(['已保存到相册']);
  });

  it('keeps the album state when the member comes back from the settings without allowing', async () => {
    const page = await openDrawn();
    canvas.answers.save = { errMsg: 'saveImageToPhotosAlbum:fail auth denied' };
    await tap(page, '.save');

    canvas.answers.albumAllowedInSettings = false;
    await tap(page, '.open-setting');

    expect(canvas.settings).toEqual(['openSetting']);
    expect(canvas.saved).toEqual([]);
    expect(textOf(page, '.album-denied__title')).toBe(ALBUM_DENIED);
  });

  it('says nothing when the member cancels', async () => {
    const page = await openDrawn();
    canvas.answers.save = { errMsg: 'saveImageToPhotosAlbum:fail cancel' };

    await tap(page, '.save');

    expect(textOf(page, '.album-denied__title')).toBe('');
    expect(textOf(page, '.save-error')).toBe('');
    expect(wxFake.toasts).toEqual([]);
    expect(textOf(page, '.save >>> .t-button')).toBe('保存到相册');
  });

  it('explains a refused privacy prompt instead of the settings', async () => {
    const page = await openDrawn();
    canvas.answers.save = {
      errMsg: 'saveImageToPhotosAlbum:fail privacy permission is not authorized',
      errno: 104,
    };

    await tap(page, '.save');

    expect(textOf(page, '.save-error')).toBe(
      '您拒绝了隐私授权，无法保存到相册。如需保存，请再次点击并同意。',
    );
    expect(textOf(page, '.album-denied__title')).toBe('');
  });

  it('reports any other failure as a message', async () => {
    const page = await openDrawn();
    canvas.answers.save = { errMsg: 'saveImageToPhotosAlbum:fail file not found' };
    jest.spyOn(console, 'error').mockImplementation(() => undefined);

    await tap(page, '.save');

    expect(textOf(page, '.save-error')).toBe('保存失败，请稍后重试');
    expect(textOf(page, '.album-denied__title')).toBe('');
  });
});
