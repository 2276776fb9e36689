# sections: flags, types, push/pop, previous
	.text
	nop
	.section .rodata
	.word 1
	.section .sdata, "aw"
	.word 2
	.section .mydata, "aw", @progbits
	.word 3
	.section .mybss, "aw", @nobits
	.zero 8
	.section .text.hot, "ax", @progbits
	ret
	.pushsection .data
	.word 4
	.popsection
	ret
	.section .rodata.str1.1, "aMS", @progbits, 1
	.asciz "merge me"
	.section .rodata.cst8, "aM", @progbits, 8
	.dword 42
	.previous
	.word 5
	.text
	.section .note.test, "a", @note
	.word 1, 2, 3
	.bss
	.zero 4
	.data
	.byte 9
