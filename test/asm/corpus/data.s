# data directives with constants, symbols and differences
	.data
d0:	.byte 1, 2, 0xff, -1, 'a, 'b'
	.half 0x1234, -2
	.short 7
	.2byte 0xbeef
	.word 0x12345678, -5, d1 - d0
	.long 3
	.int 4
	.4byte 5
	.dword 0x123456789abcdef0, -1
	.quad 9
	.8byte 10
d1:	.word d0
	.word d0 + 4
	.dword d1
	.dword ext + 12
	.word ext - d0
	.word d1 - d0 + 3
	.dword text_label - d0
	.word text_label
	.byte d1 - d0
	.half d1 - d0
	.word . - d0
	.word fwd - d0
fwd:	.byte 0
	.text
text_label:
	nop
	.word text_label2 - text_label
text_label2:
	.half 0x1234
	.byte 1
	.dword d0
