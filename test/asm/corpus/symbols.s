# symbol directives
	.text
	.globl gf
	.type gf, @function
gf:
	addi a0, a0, 1
	ret
	.size gf, . - gf
	.local lf
	.type lf, %function
lf:	ret
	.size lf, .-lf
	.weak wf
wf:	ret
	.data
	.globl obj
	.type obj, @object
	.size obj, 8
obj:	.dword 0
	.equ K1, 42
	.set K2, K1 * 2
	K3 = K2 + 1
	.equiv K4, 0x100
	.eqv K5, K4 - 1
	.word K1, K2, K3, K4, K5
	.globl K1
	.globl undefined_but_global
	.weak weak_undef
	.word weak_undef
	.comm cbuf, 64, 8
	.lcomm lbuf, 32
	.text
	li a0, K4
	addi a1, a1, K1
