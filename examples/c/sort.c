/* Sorts pseudo-random arrays with qsort and an insertion sort, checks they
 * agree, and prints a digest: loads, stores, branches and calls. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static uint64_t state = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static int cmp(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

#define N 500
static int64_t a[N], b[N];

int main(void) {
  for (int round = 0; round < 4; round++) {
    for (int i = 0; i < N; i++) a[i] = b[i] = (int64_t)next() >> (round * 13);
    qsort(a, N, sizeof a[0], cmp);
    for (int i = 1; i < N; i++) {
      int64_t v = b[i];
      int j = i - 1;
      while (j >= 0 && b[j] > v) {
        b[j + 1] = b[j];
        j--;
      }
      b[j + 1] = v;
    }
    uint64_t digest = 0;
    for (int i = 0; i < N; i++) {
      if (a[i] != b[i]) {
        printf("round %d: sorts disagree at %d\n", round, i);
        return 1;
      }
      digest = digest * 31 + (uint64_t)a[i];
    }
    printf("round %d: min %lld max %lld median %lld digest %016llx\n", round, (long long)a[0], (long long)a[N - 1],
           (long long)a[N / 2], (unsigned long long)digest);
  }
  return 0;
}
