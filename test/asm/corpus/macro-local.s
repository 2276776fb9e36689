# macros generating labels, data and conditionals
	.macro defconst name, value
	.equ \name, \value
	.endm
	.macro table_entry n
	.dword entry_\n
	.endm
	.macro maybe_nop flag
	.if \flag
	nop
	.else
	addi a0, a0, 1
	.endif
	.endm
	defconst SIZE, 16
	defconst DOUBLE, SIZE * 2
	.text
entry_1: li a0, SIZE
entry_2: li a0, DOUBLE
	maybe_nop 1
	maybe_nop 0
	.data
	table_entry 1
	table_entry 2
	.irp n, 1, 2
	table_entry \n
	.endr
