# expression syntax and GNU precedence
	.data
	.word 1 + 2 * 3
	.word (1 + 2) * 3
	.word 10 / 3, 10 % 3, -10 / 3, -10 % 3
	.word 1 << 4, 256 >> 2, -1 >> 60
	.word 6 & 3, 6 | 3, 6 ^ 3, ~0, 6 ! 3
	.word 1 + 2 << 3
	.word 1 | 2 + 4
	.word 3 == 3, 3 != 3, 2 < 3, 2 > 3, 2 <= 2, 2 >= 3, 1 <> 2
	.word 1 && 0, 1 || 0, !5, !0
	.word -(-5), +7, - - 3
	.word 0x10, 0b101, 017, 'A, 'z'
	.word 0xffffffff + 1
	.dword 0xffffffffffffffff, 1 << 63
	.word (3 > 2) + 1
	.equ X, 5
	.word X * X - 1, (X << 2) | 1
