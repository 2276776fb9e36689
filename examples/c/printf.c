/* printf of integers and doubles through picolibc: formatting exercises
 * division, multiplication and the F/D conversions. */
#include <stdio.h>
#include <stdint.h>
#include <math.h>

int main(void) {
  printf("integers: %d %i %u %x %X %o\n", -42, 12345, 4000000000u, 0xdeadbeefu, 0xcafeu, 0755);
  printf("64-bit: %lld %llu %llx\n", (long long)INT64_MIN, (unsigned long long)UINT64_MAX, 0x0123456789abcdefULL);
  printf("padding: [%8d] [%-8d] [%08x] [%+d]\n", 42, 42, 0xbeef, 7);
  double values[] = {0.0, -0.0, 1.0, -2.5, 3.141592653589793, 1e-300, 6.02214076e23, 1.0 / 3.0};
  for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
    printf("%%f %f  %%e %e  %%g %g  %%.3f %.3f\n", values[i], values[i], values[i], values[i]);
  }
  printf("sqrt(2)=%.15f exp(1)=%.15f sin(1)=%.15f\n", sqrt(2.0), exp(1.0), sin(1.0));
  printf("float: %f %f\n", (double)1.1f, (double)(1.0f / 7.0f));
  printf("special: %f %f %f\n", INFINITY, -INFINITY, NAN);
  return 0;
}
