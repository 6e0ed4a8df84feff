/**
 * The one source of time. Every expiry (codes, sessions, tokens, credentials) reads it, so
 * advancing it through /_emu/clock expires everything consistently without sleeping.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  date(): Date {
    return new Date(this.now());
  }

  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  set offsetSeconds(seconds: number) {
    this.offsetMs = Math.round(seconds * 1000);
  }

  advance(seconds: number): void {
    this.offsetMs += Math.round(seconds * 1000);
  }
}
