# alignment in data sections: zero or explicit fill
	.data
	.byte 1
	.align 2
	.byte 2
	.balign 8, 0xcc
	.byte 3
	.p2align 3, 0xdd
	.byte 4
	.balign 16, 0xee, 3
	.byte 5
	.balign 4, 0, 3
	.word 6
	.balignw 8, 0x1234
	.byte 7
	.section .rodata
	.byte 1
	.align 4
	.byte 2
