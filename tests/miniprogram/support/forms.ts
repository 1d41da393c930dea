import type { PageName } from '../../../miniprogram/services/navigation';
import { setUploader } from '../../../miniprogram/services/upload';
import type { ConnectedBackend } from './backend';
import { holdingUploader, type HeldUpload } from './dues';
import { find, type Rendered } from './pages';
import { wxFake } from './wx-fake';

/** The form opened from `list`, which it goes back to: the page stack as WeChat has it. */
export function openedFrom(list: PageName, form: PageName): void {
  wxFake.reset(`pages/${list}/index`);
  wxFake.api.navigateTo({ url: `/pages/${form}/index` });
  wxFake.navigations.length = 0;
}

/** Types into the form's textarea (`.text`), a native element. */
export function typeText(page: Rendered, value: string): void {
  find(page, '.text').dispatchEvent('input', { detail: { value } });
}

/** The uploads a form started, held until the test releases them. */
export interface HeldUploads {
  held: HeldUpload[];
  /** Lets every held upload finish, then waits for the page to show it. */
  releaseAll(): Promise<void>;
}

/**
 * Makes uploads wait for the test; the bytes behind each temporary path are those of `files`
 * (none for another path: the backend refuses it). `setUploader(null)` undoes it.
 */
export function holdUploads(
  backend: ConnectedBackend,
  files: Readonly<Record<string, Buffer>>,
): HeldUploads {
  const held: HeldUpload[] = [];
  setUploader(holdingUploader(backend, (path) => files[path] ?? Buffer.alloc(0), held));
  return {
    held,
    async releaseAll() {
      for (const upload of held.splice(0)) await upload.release();
      await backend.settle();
    },
  };
}
