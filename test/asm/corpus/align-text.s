# alignment in code: nop padding
	.text
	nop
	.align 3
	addi a0, a0, 1
	.byte 1
	.align 2
	nop
	.p2align 4
	nop
	.balign 16
	.half 1
	.balign 8
	nop
	.balign 8, 0x55
	nop
	.p2align 5, , 4
	nop
	.p2align 5, , 28
	.byte 7
	.align 4
