/** What the backend asks of WeChat's open API: today, only mini-program codes. */
export interface MiniProgramCodes {
  /**
   * A PNG mini-program code (wxacode.getUnlimited) that opens `page` with `scene`; `page` has
   * no leading slash, `scene` at most 32 characters. Rejects with the platform's error.
   */
  unlimited(request: {
    scene: string;
    page: string;
    envVersion: 'release' | 'trial' | 'develop';
  }): Promise<{ contentType: string; bytes: Buffer }>;
}
