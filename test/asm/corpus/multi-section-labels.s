# labels in several sections referencing each other
	.section .rodata
table:
	.dword entry0, entry1, entry2
	.word entry1 - entry0
	.text
entry0:	li a0, 0
	ret
entry1:	la a1, table
	ld a2, 8(a1)
	ret
entry2:	lla t0, table + 16
	lw t1, table
	ret
	.data
ptr:	.dword table
	.word ptr - table
