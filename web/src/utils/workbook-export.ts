import { ref } from 'vue';
import { MessagePlugin } from 'tdesign-vue-next';
import { saveWorkbook } from './downloads';
import { errorText } from './errors';

/**
 * 导出 Excel: `exportWorkbook` asks `request` for the workbook (one export at a time, `exporting`
 * meanwhile) and hands it to the browser, saying `exported(fileName)`; a failure's words go to
 * `exportError`, cleared at the next export.
 */
export function useWorkbookExport(
  request: () => Promise<{ fileName: string; contentBase64: string }>,
  exported: (fileName: string) => string,
) {
  const exporting = ref(false);
  const exportError = ref('');

  async function exportWorkbook(): Promise<void> {
    if (exporting.value) return;
    exporting.value = true;
    exportError.value = '';
    try {
      const { fileName, contentBase64 } = await request();
      saveWorkbook(fileName, contentBase64);
      void MessagePlugin.success(exported(fileName));
    } catch (failure) {
      exportError.value = errorText(failure);
    } finally {
      exporting.value = false;
    }
  }

  return { exporting, exportError, exportWorkbook };
}
