/*
 * Bare-metal support for picolibc programs on QEMU's `virt` board (and
 * Hyperstep's): stdout/stderr go to the 16550 UART at 0x10000000, exit()
 * ends the run through the SiFive test finisher at 0x100000.
 *
 * Build (see test/qemu/programs.test.ts):
 *   riscv64-unknown-elf-gcc -march=rv64imafdc -mabi=lp64d -mcmodel=medany -O2 \
 *     -specs=picolibc.specs --crt0=hosted -Wl,--defsym=__flash=0x80000000 -Wl,--defsym=__flash_size=0x200000 \
 *     -Wl,--defsym=__ram=0x80200000 -Wl,--defsym=__ram_size=0x200000 prog.c virt.c -lm -o prog.elf
 * picolibc's crt0 sets up the stack (top of __ram), enables the FPU, copies
 * .data and clears .bss; the "hosted" variant also calls exit() when main
 * returns (the default one spins forever instead).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define UART_BASE 0x10000000UL
#define UART_THR 0
#define UART_LSR 5
#define LSR_THRE 0x20
#define FINISHER_BASE 0x100000UL

static int uart_putc(char c, FILE *file) {
  (void)file;
  volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
  while ((uart[UART_LSR] & LSR_THRE) == 0) {
  }
  uart[UART_THR] = (uint8_t)c;
  return (unsigned char)c;
}

static FILE uart_file = FDEV_SETUP_STREAM(uart_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &uart_file;
FILE *const stdout = &uart_file;
FILE *const stderr = &uart_file;

/* exit(0) passes; any other status fails with that code. */
void _exit(int status) {
  volatile uint32_t *finisher = (volatile uint32_t *)FINISHER_BASE;
  if (status == 0) *finisher = 0x5555;
  else *finisher = ((uint32_t)status << 16) | 0x3333;
  for (;;) {
  }
}
