/**
 * A page as the shared page helpers see it: the part of its data they read, and setData. A
 * `Component` instance is one, so a page hands them `this` (pages cannot inherit).
 */
export interface PageView<D> {
  readonly data: D;
  setData(patch: WechatMiniprogram.IAnyObject): void;
}

/** A tap on an element whose `data-*` attributes carry `D` (`data-id`, `data-key`). */
export type DatasetEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  D
>;

/** An input's change: the value typed. */
export type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
