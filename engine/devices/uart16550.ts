/**
 * NS16550A UART as QEMU's `virt` machine has it at 0x1000_0000 (reg-shift 0).
 * Output goes to the host console; input is a queue the host fills, so runs
 * with the same input are identical. Its interrupt line goes to the PLIC.
 */
import type { MmioDevice } from '../mem/bus';

const IER_RDI = 0x01; // received data available
const IER_THRI = 0x02; // transmitter holding register empty
const LSR_DR = 0x01;
const LSR_THRE = 0x20;
const LSR_TEMT = 0x40;

export class Uart16550 implements MmioDevice {
  readonly name = 'uart16550';
  readonly size = 0x100;
  private ier = 0;
  private lcr = 0;
  private mcr = 0;
  private scr = 0;
  private fcr = 0;
  private dll = 0x0c;
  private dlm = 0;
  /** THRE interrupt is pending until IIR is read or THR written. */
  private thrIpending = false;
  /** Receive FIFO the guest reads (16 bytes with FIFOs on, else 1). */
  private input: number[] = [];
  /** Host input not yet accepted: like QEMU's character backend, the UART
   * takes bytes only while its receive buffer has room, so a FIFO reset
   * drops at most what the FIFO held. */
  private pending: number[] = [];
  private out: number[] = [];

  constructor(
    readonly base: number,
    private readonly flush: (bytes: Uint8Array) => void,
    private readonly setIrq: (level: boolean) => void,
  ) {}

  /** Queues bytes the guest will read. */
  pushInput(bytes: Uint8Array): void {
    for (const b of bytes) this.pending.push(b);
    this.refill();
    this.updateIrq();
  }

  hasPendingInput(): boolean {
    return this.input.length > 0 || this.pending.length > 0;
  }

  private refill(): void {
    const room = this.fcr & 1 ? 16 : 1;
    while (this.input.length < room && this.pending.length) this.input.push(this.pending.shift()!);
  }

  /** Hands buffered output to the host (called when a run slice ends). */
  flushOutput(): void {
    if (this.out.length) {
      this.flush(Uint8Array.from(this.out));
      this.out = [];
    }
  }

  private iir(): number {
    const fifo = this.fcr & 1 ? 0xc0 : 0;
    if (this.ier & IER_RDI && this.input.length) return fifo | 0x04;
    if (this.ier & IER_THRI && this.thrIpending) return fifo | 0x02;
    return fifo | 0x01;
  }

  private updateIrq(): void {
    this.setIrq((this.iir() & 1) === 0);
  }

  read(offset: number, _size: number, out: Int32Array): boolean {
    let v = 0;
    const dlab = this.lcr & 0x80;
    switch (offset) {
      case 0:
        if (dlab) v = this.dll;
        else {
          v = this.input.length ? this.input.shift()! : 0;
          this.refill();
          this.updateIrq();
        }
        break;
      case 1:
        v = dlab ? this.dlm : this.ier;
        break;
      case 2:
        v = this.iir();
        if ((v & 0x0f) === 0x02) {
          this.thrIpending = false;
          this.updateIrq();
        }
        break;
      case 3:
        v = this.lcr;
        break;
      case 4:
        v = this.mcr;
        break;
      case 5:
        v = LSR_THRE | LSR_TEMT | (this.input.length ? LSR_DR : 0);
        break;
      case 6:
        // No modem: when loopback is off, report carrier/DSR/CTS like QEMU's idle line.
        v = this.mcr & 0x10 ? ((this.mcr & 0x0c) << 4) | ((this.mcr & 0x03) << 4) : 0xb0;
        break;
      case 7:
        v = this.scr;
        break;
      default:
        v = 0;
    }
    out[0] = v;
    out[1] = 0;
    return true;
  }

  write(offset: number, _size: number, lo: number): boolean {
    const v = lo & 0xff;
    const dlab = this.lcr & 0x80;
    switch (offset) {
      case 0:
        if (dlab) this.dll = v;
        else {
          this.out.push(v);
          if (this.out.length >= 4096) this.flushOutput();
          this.thrIpending = true;
          this.updateIrq();
        }
        break;
      case 1:
        if (dlab) this.dlm = v;
        else {
          const newlyThri = (v & IER_THRI) && !(this.ier & IER_THRI);
          this.ier = v & 0x0f;
          if (newlyThri) this.thrIpending = true;
          this.updateIrq();
        }
        break;
      case 2:
        this.fcr = v;
        if (v & 0x02) this.input = [];
        this.refill();
        this.updateIrq();
        break;
      case 3:
        this.lcr = v;
        break;
      case 4:
        this.mcr = v & 0x1f;
        break;
      case 7:
        this.scr = v;
        break;
      default:
        break;
    }
    return true;
  }
}
