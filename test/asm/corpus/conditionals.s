# conditional assembly
	.equ FOO, 1
	.text
	.if FOO
	li a0, 1
	.else
	li a0, 2
	.endif
	.if FOO - 1
	li a1, 1
	.elseif FOO == 1
	li a1, 3
	.else
	li a1, 4
	.endif
	.ifdef FOO
	nop
	.endif
	.ifndef BAR
	addi a0, a0, 2
	.endif
	.ifeq FOO - 1
	addi a0, a0, 3
	.endif
	.ifne FOO
	addi a0, a0, 4
	.endif
	.ifgt FOO
	addi a0, a0, 5
	.endif
	.iflt FOO
	addi a0, a0, 6
	.endif
	.if 0
	.if 1
	this is not assembled
	.endif
	.else
	addi a0, a0, 7
	.endif
	.ifc abc, abc
	addi a0, a0, 8
	.endif
	.ifnc abc, abd
	addi a0, a0, 9
	.endif
