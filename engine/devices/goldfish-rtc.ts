/**
 * Goldfish real-time clock (QEMU `virt` at 0x10_1000): a 64-bit nanosecond
 * wall clock read as TIME_LOW (which latches the high half) then TIME_HIGH.
 * The clock is virtual: a fixed epoch plus the machine's virtual time, so a
 * guest that reads the date gets the same answer on every run. Writing the
 * time moves the epoch, as on QEMU. The alarm registers hold their values;
 * alarm interrupts are not raised (no guest this engine targets uses them).
 */
import type { MmioDevice } from '../mem/bus';

const TIME_LOW = 0x00;
const TIME_HIGH = 0x04;
const ALARM_LOW = 0x08;
const ALARM_HIGH = 0x0c;
const IRQ_ENABLED = 0x10;
const ALARM_STATUS = 0x18;

/** 2024-01-01T00:00:00Z in seconds: the clock's value at reset. */
export const RTC_EPOCH_SECONDS = 1_704_067_200;

export class GoldfishRtc implements MmioDevice {
  readonly name = 'goldfish-rtc';
  readonly size = 0x1000;
  /** Wall-clock seconds at virtual time 0. */
  private offsetSec = RTC_EPOCH_SECONDS;
  private latchedHigh = 0;
  private alarmLow = 0;
  private alarmHigh = 0;
  private irqEnabled = 0;

  constructor(readonly base: number, private readonly virtualNs: () => number) {}

  /** Current time in ns as 32-bit halves (ns since 1970 exceed 2^53, so
   * BigInt: a clock read is rare, never on a hot path). */
  private now(): [number, number] {
    const ns = BigInt(this.offsetSec) * 1_000_000_000n + BigInt(this.virtualNs());
    return [Number(ns >> 32n), Number(ns & 0xffffffffn)];
  }

  read(offset: number, size: number, out: Int32Array): boolean {
    if (size !== 4) return false;
    out[1] = 0;
    let v = 0;
    switch (offset) {
      case TIME_LOW: {
        const [hi, lo] = this.now();
        this.latchedHigh = hi;
        v = lo;
        break;
      }
      case TIME_HIGH:
        v = this.latchedHigh;
        break;
      case ALARM_LOW:
        v = this.alarmLow;
        break;
      case ALARM_HIGH:
        v = this.alarmHigh;
        break;
      case IRQ_ENABLED:
        v = this.irqEnabled;
        break;
      case ALARM_STATUS:
        v = 0;
        break;
      default:
        v = 0;
    }
    out[0] = v | 0;
    return true;
  }

  write(offset: number, size: number, lo: number): boolean {
    if (size !== 4) return false;
    const v = lo >>> 0;
    switch (offset) {
      case TIME_LOW: {
        // QEMU sets the clock from TIME_HIGH (written first) and TIME_LOW.
        const wantNs = this.latchedHigh * 2 ** 32 + v;
        const nowNs = this.virtualNs();
        this.offsetSec = Math.floor(wantNs / 1e9) - Math.floor(nowNs / 1e9);
        break;
      }
      case TIME_HIGH:
        this.latchedHigh = v;
        break;
      case ALARM_LOW:
        this.alarmLow = v;
        break;
      case ALARM_HIGH:
        this.alarmHigh = v;
        break;
      case IRQ_ENABLED:
        this.irqEnabled = v & 1;
        break;
      default:
        break;
    }
    return true;
  }
}
