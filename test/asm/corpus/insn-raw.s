# .insn raw values
	.text
	.insn 0x00000013
	.insn 0x0001
	.insn 4, 0x00a50533
	.insn 2, 0x4501
	.insn 0x12345013
