/* Compiler idioms for the disassembler comparison: floating point in both
 * precisions and conversions, atomics, wide multiply/divide, bit tricks,
 * a jump table, function pointers and large constants. */
#include <stdint.h>
#include <stdio.h>

static volatile double dsink;
static volatile float fsink;
static volatile int64_t isink;

static int64_t counter;

__attribute__((noinline)) static double poly(double x) { return ((1.5 * x - 2.25) * x + 3.125) * x / (x * x + 1.0); }
__attribute__((noinline)) static float mixf(float a, float b) { return __builtin_fmaf(a, b, -a) + (float)(int32_t)(a * 3.0f); }
__attribute__((noinline)) static uint64_t mulhi(uint64_t a, uint64_t b) { return (uint64_t)(((unsigned __int128)a * b) >> 64); }
__attribute__((noinline)) static int classify(int k) {
  switch (k) {
  case 0: return 11;
  case 1: return 23;
  case 2: return 37;
  case 3: return 41;
  case 4: return 59;
  case 5: return 61;
  case 6: return 73;
  default: return -1;
  }
}
static int add1(int v) { return v + 1; }
static int dbl(int v) { return v * 2; }

int main(void) {
  int (*ops[2])(int) = {add1, dbl};
  int64_t acc = 0;
  for (int i = 0; i < 16; i++) {
    dsink = poly(i * 0.5);
    fsink = mixf((float)i, 1.25f);
    acc += (int64_t)dsink + (int64_t)fsink + classify(i & 7) + ops[i & 1](i);
    acc ^= (int64_t)mulhi(0x9e3779b97f4a7c15ull * (uint64_t)(i + 1), 0xc2b2ae3d27d4eb4full);
    acc += __builtin_popcountll((uint64_t)acc) + __builtin_ctzll((uint64_t)acc | 1) + (acc / 7) % 13;
    __atomic_fetch_add(&counter, i, __ATOMIC_SEQ_CST);
    int64_t expected = counter;
    __atomic_compare_exchange_n(&counter, &expected, expected + 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
  }
  isink = acc;
  printf("acc=%lld counter=%lld\n", (long long)acc, (long long)counter);
  return 0;
}
