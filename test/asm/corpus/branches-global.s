# branches to global, weak and other-section symbols
	.text
	.globl gfun
	.weak wfun
gfun:
	beq a0, a1, gfun
	beqz a0, wfun
	j gfun
	j wfun
	beq a0, a1, other
	j other
	bnez a0, lbl
wfun:
	ret
lbl:	nop
	.section .text.other, "ax", @progbits
other:
	j gfun
	beqz a0, gfun
	ret
