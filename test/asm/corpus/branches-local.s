# conditional branches and their aliases to local labels, forward and back
	.text
top:
	beq a0, a1, 1f
	bne a0, a1, top
	blt a2, a3, 2f
	bge a2, a3, .Lx
	bltu a4, a5, 1f
	bgeu a4, a5, top
	beqz a0, 1f
	bnez s0, 2f
	blez a1, top
	bgez a2, 1f
	bltz a3, 1f
	bgtz a4, top
	bgt a0, a1, 1f
	ble a0, a1, 2f
	bgtu a2, a3, top
	bleu a2, a3, .Lx
1:	nop
.Lx:	addi a0, a0, 1
2:	beqz s1, 1b
	bnez a5, 2b
	j 1b
	j 2f
2:	ret
