# .rept, .irp and .irpc
	.text
	.rept 3
	nop
	.endr
	.irp r, a0, a1, a2
	addi \r, \r, 1
	.endr
	.irpc c, 123
	li t0, \c
	.endr
	.rept 2
	.irp x, 4, 8
	addi sp, sp, \x
	.endr
	.endr
	.data
	.rept 4
	.byte 0x5a
	.endr
