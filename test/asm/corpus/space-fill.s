# .zero .space .skip .fill
	.data
a:	.zero 3
	.space 5
	.space 4, 0xaa
	.skip 2
	.skip 3, 7
	.fill 3, 1, 0x41
	.fill 2, 2, 0x1234
	.fill 2, 4, 0xdeadbeef
	.fill 1, 8, -1
	.fill 2
	.fill 2, 3, 0x010203
	.bss
b:	.zero 16
	.space 8
	.skip 4
