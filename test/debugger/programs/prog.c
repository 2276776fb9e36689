#include <stdio.h>

static int square(int x) {
  int y = x * x;
  return y;
}

int total;

int main(void) {
  for (int i = 0; i < 4; i++) {
    total += square(i);
  }
  printf("total=%d\n", total);
  return 0;
}
