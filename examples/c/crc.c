/* CRC-32 (bitwise and table-driven) and CRC-64 over generated data: shifts,
 * xors and table loads; the two CRC-32 versions must agree. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint32_t crc32_bitwise(const uint8_t *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

static uint32_t table[256];
static void make_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
    table[i] = c;
  }
}
static uint32_t crc32_table(const uint8_t *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static uint64_t crc64(const uint8_t *p, size_t n) {
  uint64_t crc = ~0ULL;
  while (n--) {
    crc ^= (uint64_t)*p++ << 56;
    for (int k = 0; k < 8; k++) crc = (crc & (1ULL << 63)) ? (crc << 1) ^ 0x42f0e1eba9ea3693ULL : crc << 1;
  }
  return ~crc;
}

static uint8_t data[4096];

int main(void) {
  make_table();
  const char *check = "123456789";
  printf("crc32(\"%s\") = %08lx\n", check, (unsigned long)crc32_table((const uint8_t *)check, strlen(check)));
  for (size_t i = 0; i < sizeof data; i++) data[i] = (uint8_t)(i * 7 + (i >> 5));
  for (size_t len = 1; len <= sizeof data; len *= 4) {
    uint32_t a = crc32_bitwise(data, len), b = crc32_table(data, len);
    printf("len %4zu: crc32 %08lx crc64 %016llx\n", len, (unsigned long)a, (unsigned long long)crc64(data, len));
    if (a != b) {
      printf("bitwise and table CRC-32 disagree\n");
      return 2;
    }
  }
  return 0;
}
