import yauzl from 'yauzl';
import { AppError } from '../../core/errors';

/** A type an upload may have, told by its bytes. */
export interface FileType {
  contentType: string;
  extension: string;
}

const XLSX: FileType = {
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
};
const DOCX: FileType = {
  contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
};
const JPEG: FileType = { contentType: 'image/jpeg', extension: 'jpg' };
const PNG: FileType = { contentType: 'image/png', extension: 'png' };
const PDF: FileType = { contentType: 'application/pdf', extension: 'pdf' };

const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
const PDF_SIGNATURE = Buffer.from('%PDF-', 'latin1');

/** The parts that make a zip an Excel workbook, or a Word document. */
const WORKBOOK_PARTS = ['[Content_Types].xml', 'xl/workbook.xml'];
const DOCUMENT_PARTS = ['[Content_Types].xml', 'word/document.xml'];
const MACROS = 'word/vbaProject.bin';
/** An Office file has a few dozen parts; a directory this long is not one worth reading on. */
const MAX_ZIP_ENTRIES = 1000;

export const UNSUPPORTED_TYPE_MESSAGE =
  '不支持的文件类型：请上传 Excel(.xlsx)、Word(.docx)、图片(JPG/PNG)或 PDF 文件';

/**
 * The type of an upload from its magic numbers, never from its name or the type the client
 * declared: .xlsx or .docx (a zip whose directory lists the workbook's or the document's
 * parts), JPEG, PNG or PDF. Anything else is refused with INVALID_INPUT. What each use
 * accepts of these is that use's own check.
 */
export async function detectFileType(bytes: Buffer): Promise<FileType> {
  if (startsWith(bytes, PNG_SIGNATURE)) return PNG;
  if (startsWith(bytes, JPEG_SIGNATURE)) return JPEG;
  if (startsWith(bytes, PDF_SIGNATURE)) return PDF;
  if (startsWith(bytes, ZIP_SIGNATURE)) {
    const names = await zipEntryNames(bytes);
    if (names && WORKBOOK_PARTS.every((part) => names.has(part))) return XLSX;
    // A document with macros (a .docm renamed) is no blank form to hand out.
    if (names && DOCUMENT_PARTS.every((part) => names.has(part)) && !names.has(MACROS)) {
      return DOCX;
    }
  }
  throw new AppError('INVALID_INPUT', UNSUPPORTED_TYPE_MESSAGE, {
    detail: { leadingBytes: bytes.subarray(0, 4).toString('hex') },
  });
}

function startsWith(bytes: Buffer, signature: Buffer): boolean {
  return bytes.length >= signature.length && bytes.subarray(0, signature.length).equals(signature);
}

/**
 * The names in the zip's central directory (nothing is unpacked), or null for a zip yauzl
 * cannot read or one with more entries than an Office file has.
 */
function zipEntryNames(bytes: Buffer): Promise<Set<string> | null> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      // A zip yauzl cannot read is no Office file a reader could open either.
      if (error || !zip) {
        resolve(null);
        return;
      }
      const names = new Set<string>();
      const finish = (result: Set<string> | null) => {
        zip.close();
        resolve(result);
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        names.add(entry.fileName);
        if (names.size >= MAX_ZIP_ENTRIES) finish(null);
        else zip.readEntry();
      });
      zip.on('end', () => finish(names));
      zip.on('error', () => finish(null));
      zip.readEntry();
    });
  });
}
