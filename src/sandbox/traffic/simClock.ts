import type { Clock } from "../protocol";

/** Wall time plus an offset that the simulator can move forward to replay hours in seconds. */
export class SimClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}
