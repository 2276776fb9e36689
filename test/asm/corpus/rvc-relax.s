# march: rv64gc
# compressed branches whose targets move out of range as code grows
	.text
start:
	beqz a0, target1
	bnez a1, target2
	j target3
	.rept 60
	nop
	.endr
target1:
	.rept 60
	addi a0, a0, 1
	.endr
target2:
	.rept 500
	addi a0, a0, 1
	.endr
target3:
	beqz a0, start
	j start
	.rept 1100
	addi a0, a0, 1
	.endr
	beqz a0, start
	bnez a5, start
	j start
