/**
 * The file storage port: bytes in, an opaque file id out. Actions take file ids, never bytes.
 * Locally files live on disk under DATA_DIR; in the cloud, in cloud storage.
 */

export interface StoredFile {
  fileId: string;
  bytes: Buffer;
}

export interface FileStore {
  /** Stores bytes under a path unique to the caller; answers the file id. */
  put(path: string, bytes: Buffer, contentType: string): Promise<string>;
  /** Answers the bytes, or null when no such file exists. */
  get(fileId: string): Promise<Buffer | null>;
  remove(fileId: string): Promise<void>;
  /**
   * A URL that reads the file directly for `seconds`, where storage can sign one (cloud
   * storage); absent locally, where the server hands out one-time tickets instead.
   */
  temporaryUrl?(fileId: string, seconds: number): Promise<string>;
}
