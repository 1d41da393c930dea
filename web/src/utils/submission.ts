import { ref } from 'vue';
import { ApiError } from '../api/client';
import { errorText } from './errors';

/**
 * The state of a form's one submit: `busy` while it runs (a second tap does nothing), the
 * backend's message in `error` when it fails, and in `errorField` the request field that
 * message is about when the backend names one (the form shows it on that field).
 */
export function useSubmission() {
  const busy = ref(false);
  const error = ref('');
  const errorField = ref<string | null>(null);

  async function run(task: () => Promise<void>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = '';
    errorField.value = null;
    try {
      await task();
    } catch (failure) {
      error.value = errorText(failure);
      errorField.value = failure instanceof ApiError ? failure.field : null;
    } finally {
      busy.value = false;
    }
  }

  /**
   * Props for the `t-form-item` of request field `name`: the message on the field it is about.
   * `also` names further request fields shown by the same item.
   */
  function fieldState(name: string, ...also: string[]) {
    const mine = errorField.value !== null && [name, ...also].includes(errorField.value);
    return mine ? { status: 'error' as const, tips: error.value } : {};
  }

  return { busy, error, errorField, fieldState, run };
}
