import { computed, ref, watch } from 'vue';
import { useSubmission } from './submission';

/**
 * A dialog's one submit: `useSubmission`'s state, `localError` for what the dialog checks before
 * sending, and `shownError`, the message for the dialog's alert (a backend message that names a
 * field shows on that field instead). Each opening starts from `clear`'s empty form.
 */
export function useDialogSubmission(visible: () => boolean, clear: () => void) {
  const submission = useSubmission();
  const localError = ref('');
  const shownError = computed(
    () => localError.value || (submission.errorField.value ? '' : submission.error.value),
  );

  watch(visible, (open) => {
    if (open) clear();
    localError.value = '';
  });

  return { ...submission, localError, shownError };
}
