# numeric local labels, reused many times
	.text
1:	addi a0, a0, -1
	bnez a0, 1b
1:	addi a1, a1, -1
	bnez a1, 1b
	j 1f
	j 2f
1:	nop
2:	nop
	beqz a0, 1b
	beq a0, a1, 2b
1:	la a0, 1b
	la a1, 1f
1:	.word 0
10:	j 10b
	j 10f
10:	ret
