import { computed, onMounted, reactive, ref, shallowRef } from 'vue';
import type { PageInfo } from 'tdesign-vue-next';
import { errorText } from './errors';

/**
 * Client-side paging for a table that holds every row (a roster preview): none below one page,
 * so a short list shows no pager.
 */
export function localPaging(total: number, pageSize = 10) {
  return total > pageSize ? { defaultCurrent: 1, defaultPageSize: pageSize, total } : undefined;
}

/** What a console list asks the backend for: one page, and the search in force if any. */
export interface PageRequest {
  query: string | undefined;
  page: number;
  pageSize: number;
}

export interface PageResult<T> {
  items: T[];
  total: number;
}

/**
 * A console queue paged by the backend (20, 50 or 100 a page): the rows of the page shown, the
 * backend's total, `loading` while a page is fetched and its message in `error` when that fails.
 * The first page loads when the view mounts; a tab or a search starts again from page 1.
 */
export function usePagedList<T>(fetchPage: (request: PageRequest) => Promise<PageResult<T>>) {
  const page = ref(1);
  const pageSize = ref(20);
  const total = ref(0);
  const items = shallowRef<T[]>([]);
  const loading = ref(false);
  const error = ref('');

  // The query in force: paging keeps it even while the box is being edited.
  let activeQuery = '';

  const pagination = computed(() => ({
    current: page.value,
    pageSize: pageSize.value,
    total: total.value,
    pageSizeOptions: [20, 50, 100],
  }));

  async function load(): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      const result = await fetchPage({
        query: activeQuery || undefined,
        page: page.value,
        pageSize: pageSize.value,
      });
      items.value = result.items;
      total.value = result.total;
    } catch (failure) {
      error.value = errorText(failure);
    } finally {
      loading.value = false;
    }
  }

  /** Page 1 again, for a filter that changed (another tab). */
  async function restart(): Promise<void> {
    page.value = 1;
    await load();
  }

  /** Puts `query` (trimmed; empty for none) in force, from page 1. */
  async function search(query: string): Promise<void> {
    activeQuery = query.trim();
    await restart();
  }

  async function onPageChange(info: PageInfo): Promise<void> {
    page.value = info.current;
    pageSize.value = info.pageSize;
    await load();
  }

  onMounted(load);

  return reactive({
    total,
    items,
    loading,
    error,
    pagination,
    load,
    restart,
    search,
    onPageChange,
  });
}

export type PagedList<T> = ReturnType<typeof usePagedList<T>>;
