# branches beyond the B-type and CB-type reach: GNU inverts and jumps
	.text
f:
	beq a0, a1, far1
	bnez a0, far1
	beqz s0, near1
	bltu a2, a3, far2
	j far2
	jal far2
	.fill 300, 4, 0
near1:
	nop
	.fill 1000, 4, 0
far1:
	bge a0, a1, f
	beqz a5, f
	.fill 262200, 4, 0
far2:
	blt a0, a1, f
	j f
	bnez a0, undefined_target
	beqz a0, undefined_target
	j undefined_target
	beq a0, a1, 0x100
	j 0x200
	ret
