# data and instructions mixed in code, with alignment afterwards
	.text
f:	nop
	.byte 1, 2, 3
	.align 2
	addi a0, a0, 1
	.half 0xffff
	.word f
	.dword f + 8
	.word end - f
	.align 3
	.dword 0x1122334455667788
end:	ret
