/**
 * An OAuth2 client-credentials token, cached until shortly before it expires and fetched by one
 * request however many callers need it at once (no thundering herd at start-up or on expiry).
 */
export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

export class TokenCache {
  private cached?: { token: string; refreshAt: number };
  private inFlight?: Promise<string>;

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token);
    this.inFlight ??= this.fetchToken()
      .then(({ accessToken, expiresInSeconds }) => {
        // Refresh a little early: a tenth of the lifetime, at most a minute.
        const margin = Math.min(60, expiresInSeconds / 10) * 1000;
        this.cached = { token: accessToken, refreshAt: this.now() + expiresInSeconds * 1000 - margin };
        return accessToken;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  /** Drops a token the API refused, unless a newer one has replaced it meanwhile. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }
}
