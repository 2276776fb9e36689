# macros with arguments, defaults, \@ and nesting
	.macro push reg
	addi sp, sp, -8
	sd \reg, 0(sp)
	.endm
	.macro pop reg
	ld \reg, 0(sp)
	addi sp, sp, 8
	.endm
	.macro addk rd, rs, k=1
	addi \rd, \rs, \k
	.endm
	.macro loop_label
.Lloop\@:
	addi a0, a0, -1
	bnez a0, .Lloop\@
	.endm
	.macro twice insn:vararg
	\insn
	\insn
	.endm
	.macro outer a
	inner \a, 3
	.endm
	.macro inner x, y
	li \x, \y
	.endm
	.text
	push ra
	push s0
	addk a0, a1
	addk a0, a1, 5
	addk rd=t0, rs=t1, k=7
	loop_label
	loop_label
	twice addi a0, a0, 1
	outer a5
	pop s0
	pop ra
	ret
