import { PNG } from 'pngjs';
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { BackendDeps, Caller } from '../../backend/core/context';
import { openSession } from '../../backend/domain/auth/sessions';

/** The first bytes of each accepted type, enough for a magic-number check to pass. */
export const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('\0\0\0\rIHDR fake png body'),
]);
/** A PNG that decodes: `width` × `height` red pixels, for uploads that must be drawn. */
export function drawablePng(width = 8, height = 8): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([200, 30, 30, 255], i);
  return PNG.sync.write(image);
}
export const JPEG_BYTES = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('\0\x10JFIF fake jpeg body'),
]);
export const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

/**
 * A zip of stored (uncompressed) entries, written by hand so a test can make zips that are
 * not workbooks: the local headers, the central directory and its end record.
 */
export function zipBuffer(entries: { name: string; content: string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export interface FormPart {
  field: string;
  filename?: string;
  contentType?: string;
  content: Buffer | string;
}

/** A multipart/form-data body as a browser's FormData sends it. */
export function multipartBody(parts: FormPart[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.filename
      ? `form-data; name="${part.field}"; filename="${part.filename}"`
      : `form-data; name="${part.field}"`;
    const type = part.contentType ? `Content-Type: ${part.contentType}\r\n` : '';
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`;
    chunks.push(Buffer.from(head));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** A session opened straight in the store (no password hashing), answering its token. */
export async function openTestSession(
  deps: BackendDeps,
  subject: { kind: 'member' | 'admin'; id?: string; mustChangePassword?: boolean },
): Promise<string> {
  const caller: Caller = {
    transport: 'http',
    openid: null,
    token: null,
    clientIp: '127.0.0.1',
    requestId: randomUUID(),
  };
  const { token } = await openSession(deps, caller, deps.clock.now(), {
    subjectKind: subject.kind,
    subjectId: subject.id ?? `${subject.kind}-1`,
    mustChangePassword: subject.mustChangePassword ?? false,
    ...(subject.kind === 'admin' ? { username: 'admin', role: 'superAdmin' as const } : {}),
  });
  return token;
}

/** An HTTP caller with this token, as a transport builds one. */
export function callerWith(token: string | null): Caller {
  const requestId = randomUUID();
  return { transport: 'http', openid: null, token, clientIp: '127.0.0.1', requestId };
}
