# string directives and escapes
	.section .rodata
s1:	.ascii "hello"
s2:	.asciz "world"
s3:	.string "tab\there\n"
s4:	.ascii "quote\" backslash\\ octal\101\102 hex\x41"
	.ascii "a", "b", "c"
	.asciz "", "x"
	.string "semi;colon # hash"
	.byte 0
