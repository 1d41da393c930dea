import path from 'node:path';
import simulate, { type RootComponent } from 'miniprogram-simulate';
import { PAGES, type PageName } from '../../../miniprogram/services/navigation';

/** A rendered page; simulate types pages loaded by path loosely, without attach/detach. */
export type Rendered = RootComponent<
  WechatMiniprogram.Component.DataOption,
  WechatMiniprogram.Component.PropertyOption,
  WechatMiniprogram.Component.MethodOption
>;

const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../../miniprogram');
/** simulate renders nothing when one file loads a path twice: load once, render many times. */
const loaded = new Map<PageName, string>();
const rendered: Rendered[] = [];

// Pages of one test must not go on reacting in the next one.
afterEach(() => rendered.splice(0).forEach((page) => page.detach()));

/** Renders a page as WeChat opens it (attached to a parent, so its lifetimes run). */
export function renderPage(name: PageName): Rendered {
  let id = loaded.get(name);
  if (!id) {
    // The page's path as app.json has it, main package or subpackage (`/package-apply/...`).
    id = simulate.load(path.join(MINIPROGRAM_ROOT, PAGES[name]), {
      rootPath: MINIPROGRAM_ROOT,
    });
    loaded.set(name, id);
  }
  const page = simulate.render(id) as unknown as Rendered;
  page.attach(document.createElement('parent-wrapper'));
  rendered.push(page);
  return page;
}

/** The element for `selector`, failing with the selector when the page has none. */
export function find(page: Rendered, selector: string) {
  const found = page.querySelector(selector);
  if (!found) throw new Error(`no element matches ${selector}`);
  return found;
}

/**
 * The text of `selector`, trimmed; '' when the page does not show it. tdesign components are
 * virtual hosts without an element of their own: name an element inside (`.x >>> .t-button`).
 */
export function textOf(page: Rendered, selector: string): string {
  const found = page.querySelector(selector);
  if (!found) return '';
  if (!found.dom) throw new Error(`${selector} is a virtual host; select an element inside it`);
  return found.dom.textContent?.trim() ?? '';
}

/** Types into a tdesign t-input: the event goes to its inner native input. */
export function typeInto(page: Rendered, field: string, value: string): void {
  find(page, `${field} >>> .t-input__control`).dispatchEvent('input', { detail: { value } });
}

/** Taps a tdesign t-button by the class given to it. */
export function tapButton(page: Rendered, button: string): void {
  find(page, `${button} >>> .t-button`).dispatchEvent('tap');
}

/** Taps a tdesign t-cell by the class given to it. */
export function tapCell(page: Rendered, cell: string): void {
  find(page, `${cell} >>> .t-cell`).dispatchEvent('tap');
}

/** The trimmed texts of every element `selector` matches, in order. */
export function texts(page: Rendered, selector: string): (string | undefined)[] {
  return page.querySelectorAll(selector).map((node) => node.dom?.textContent?.trim());
}

/** Taps a tdesign t-button and waits until the page has applied the answers. */
export async function tapAndSettle(
  page: Rendered,
  button: string,
  backend: { settle(): Promise<void> },
): Promise<void> {
  tapButton(page, button);
  await backend.settle();
}
