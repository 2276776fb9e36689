# branch targets exactly at the edges of the compressed and full ranges
	.text
a0l:
	beqz a0, b254
	beqz a0, b256
	bnez a1, b254
	j j2046
	j j2048
	.fill 60, 4, 0
b254:	nop
b256:	nop
	.fill 500, 4, 0
j2046:	nop
j2048:	nop
	beq a0, a1, a0l
	beqz a0, a0l
	j a0l
	.fill 500, 4, 0
	bne a0, a1, a0l
	j a0l
