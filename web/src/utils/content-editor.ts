import { computed, reactive, ref, watch, type Ref } from 'vue';
import { MessagePlugin } from 'tdesign-vue-next';
import { useRouter, type RouteLocationRaw } from 'vue-router';
import type { ContentStatus } from '../../../typings';
import { newRequestId } from './application';
import { errorText } from './errors';
import { useSubmission } from './submission';

/** What the console's editors (通知, 机构动态, 会内活动) show of a saved record. */
export interface EditedContent {
  id: string;
  status: ContentStatus;
  html: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** A page of a console list of content (ContentListCard): one state, or all (none). */
export interface ContentPageRequest {
  status: ContentStatus | undefined;
  page: number;
  pageSize: number;
}

/** The sentences an editor's frame says; each kind's `texts.editor` has them. */
export interface ContentEditorTexts {
  back: string;
  createTitle: string;
  editTitle: string;
  updatedAt: (time: string) => string;
  publishedAt: (time: string) => string;
  saveDraft: string;
  save: string;
  publish: string;
  withdraw: string;
  saved: string;
  published: string;
  withdrawn: string;
  publishTitle: string;
  publishBody: string;
  withdrawTitle: string;
  withdrawBody: string;
  cancel: string;
  preview: string;
  previewHint: string;
}

export interface ContentEditorOptions<Item extends EditedContent, Draft> {
  /** The record the address names; undefined on …/new. */
  id: () => string | undefined;
  blank: () => Draft;
  /** The form of a saved record: what the backend keeps, not what was typed. */
  draftOf: (saved: Item) => Draft;
  get: (id: string) => Promise<Item>;
  /** Stores the form: an edit of `id`, or (null) a new draft, once per `requestId`. */
  save: (draft: Draft, id: string | null, requestId: string) => Promise<Item>;
  publish: (id: string) => Promise<Item>;
  withdraw: (id: string) => Promise<Item>;
  /** The address of a saved record: the first save puts it in place of …/new. */
  route: (id: string) => RouteLocationRaw;
  /** Request fields the form shows: their messages show on them, not above the buttons. */
  formFields: readonly string[];
  texts: Pick<ContentEditorTexts, 'saved' | 'published' | 'withdrawn'>;
}

/**
 * An editor of the console's content: …/new writes a draft, …/:id edits one. 保存草稿 creates
 * it once per opening of the editor (one requestId), then edits it; 发布 saves what is on the
 * page and publishes it; 撤回 takes a published one back. After each save the form holds what
 * the backend stored (the text as sanitised), so the preview shows what readers will see.
 */
export function useContentEditor<Item extends EditedContent, Draft>(
  options: ContentEditorOptions<Item, Draft>,
) {
  const router = useRouter();
  // Cast: a ref of a type parameter would otherwise be typed as its unwrapped form.
  const item = ref(null) as Ref<Item | null>;
  const form = ref(options.blank()) as Ref<Draft>;
  const loadError = ref('');
  const confirming = ref<'publish' | 'withdraw' | null>(null);
  const action = ref<'save' | 'publish' | 'withdraw'>('save');
  // One per opening of the editor: a repeated 保存草稿 (a lost answer) creates one draft.
  let requestId = newRequestId();

  const { busy, error, errorField, fieldState, run } = useSubmission();
  // Messages about a field show on it; the rest (a conflict, a network fault) above the buttons.
  const shownError = computed(() =>
    errorField.value && options.formFields.includes(errorField.value) ? '' : error.value,
  );
  const ready = computed(() => options.id() === undefined || item.value !== null);
  const canPublish = computed(() => !item.value || item.value.status === 'draft');

  function fill(saved: Item): void {
    item.value = saved;
    form.value = options.draftOf(saved);
  }

  async function load(id: string): Promise<void> {
    loadError.value = '';
    item.value = null;
    try {
      fill(await options.get(id));
    } catch (failure) {
      loadError.value = errorText(failure);
    }
  }

  // Another record, or a new one: the editor starts over. The address our own first save
  // puts in place (new → its id) is the record already shown.
  watch(
    options.id,
    async (id) => {
      if (id === undefined) {
        item.value = null;
        form.value = options.blank();
        requestId = newRequestId();
        return;
      }
      if (item.value?.id !== id) await load(id);
    },
    { immediate: true },
  );

  async function save(): Promise<Item> {
    const saved = await options.save(form.value, item.value?.id ?? null, requestId);
    const created = item.value === null;
    fill(saved);
    if (created) await router.replace(options.route(saved.id));
    return saved;
  }

  async function onSave(): Promise<void> {
    action.value = 'save';
    await run(async () => {
      await save();
      void MessagePlugin.success(options.texts.saved);
    });
  }

  async function onConfirm(): Promise<void> {
    const what = confirming.value;
    confirming.value = null;
    if (what === null) return;
    action.value = what;
    await run(async () => {
      if (what === 'publish') {
        const saved = await save();
        fill(await options.publish(saved.id));
        void MessagePlugin.success(options.texts.published);
      } else if (item.value) {
        fill(await options.withdraw(item.value.id));
        void MessagePlugin.success(options.texts.withdrawn);
      }
    });
  }

  /** The figures anew (刷新 of a card below), the form as it is: it may hold unsaved edits. */
  async function refresh(): Promise<void> {
    if (!item.value) return;
    try {
      item.value = await options.get(item.value.id);
    } catch (failure) {
      void MessagePlugin.error(errorText(failure));
    }
  }

  return reactive({
    item,
    form,
    loadError,
    confirming,
    action,
    busy,
    shownError,
    ready,
    canPublish,
    fieldState,
    /** Opens (or, with null, closes) the dialog that confirms 发布 or 撤回. */
    ask: (what: 'publish' | 'withdraw' | null) => {
      confirming.value = what;
    },
    retry: () => load(options.id() ?? ''),
    onSave,
    onConfirm,
    refresh,
  });
}

export type ContentEditor<Item extends EditedContent, Draft> = ReturnType<
  typeof useContentEditor<Item, Draft>
>;
