import busboy from 'busboy';

/** What a multipart body held in its `file` field. */
export type FilePart =
  | { kind: 'file'; name: string; bytes: Buffer }
  /** No part named `file` (another field name, no file at all). */
  | { kind: 'missing' }
  | { kind: 'tooLarge' }
  /** No boundary, no final boundary, broken part headers: no form a browser would send. */
  | { kind: 'malformed'; reason: string };

/**
 * Reads the field `file` of a multipart/form-data body that is already in memory (the cloud's
 * HTTP access hands the function the whole body). Other parts are skipped unread; a file
 * over `maxBytes` is reported, not cut.
 */
export function readFilePart(
  contentType: string,
  body: Buffer,
  maxBytes: number,
): Promise<FilePart> {
  let parser: busboy.Busboy;
  try {
    // One byte over the limit is enough to know; busboy stops copying there.
    parser = busboy({
      headers: { 'content-type': contentType },
      // Browsers send a file name as raw UTF-8; busboy would read it as latin1.
      defParamCharset: 'utf8',
      limits: { files: 1, fileSize: maxBytes + 1, parts: 20 },
    });
  } catch (error) {
    return Promise.resolve(malformed(error));
  }

  return new Promise((resolve) => {
    let found: FilePart = { kind: 'missing' };
    // The parser's 'close' and, when the file field came, the end of its stream.
    let waitingFor = 1;
    let answered = false;
    const answer = (part: FilePart) => {
      if (!answered) resolve(part);
      answered = true;
    };
    const settle = () => {
      waitingFor -= 1;
      if (waitingFor === 0) answer(found);
    };

    parser.on('file', (field, stream, info) => {
      // A body cut off inside a part fails the part's stream as well as the parser.
      stream.on('error', (error) => answer(malformed(error)));
      if (field !== 'file' || found.kind !== 'missing') {
        stream.resume();
        return;
      }
      waitingFor += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        found = stream.truncated
          ? { kind: 'tooLarge' }
          : { kind: 'file', name: info.filename ?? '', bytes: Buffer.concat(chunks) };
        settle();
      });
    });
    parser.on('error', (error) => answer(malformed(error)));
    parser.on('close', settle);
    parser.end(body);
  });
}

function malformed(error: unknown): FilePart {
  return { kind: 'malformed', reason: error instanceof Error ? error.message : String(error) };
}
